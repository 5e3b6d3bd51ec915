import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { en } from './en.ts';

export const accountEn: AccountTranslation = {
  notifications: {
    title: 'Notifications',
    bell: (n) => (n === 0 ? 'Notifications' : `Notifications, ${n} unread`),
    unread: 'Unread',
    markAllRead: 'Mark all as read',
    allRead: 'All notifications are read.',
    empty: 'You have no notifications',
    emptyBody: 'New claims, status changes and your handler’s messages will show up here.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'en') : '';
      switch (kind) {
        case 'claim_created': return 'New claim';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `New status: ${data.status ? en.status[data.status] : '?'}`;
          return count === 1 ? moved : `${moved} (${count} status changes)`;
        }
        case 'document_requested': return `Document requested: ${doc}`;
        case 'document_rejected': return `Document rejected: ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `The deadline ends in ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = count === 1 ? `New message from ${data.actor.name}` : `${count} new messages from ${data.actor.name}`;
          return data.preview ? `${who}: “${data.preview}”` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook disabled: ${name} answered that the address no longer exists (410)`
            : `Webhook disabled: ${name} has been failing for 3 days`;
        }
      }
    },
    arrived: (text) => `New notification: ${text}`,
  },
  settings: {
    title: 'Settings',
    intro: 'Choose who in your company works with claims and who also gets notifications by email (they always arrive in the customer area). Each change is saved at once.',
    users: 'Company users',
    access: 'Claims access',
    accessOf: (name) => `Claims access for ${name}`,
    adminAlways: 'Administrators always have access',
    channel: 'Notifications',
    channels: { in_app: 'Customer area only', in_app_and_email: 'Customer area and email' },
    email: 'Email notifications',
    emailOf: (name) => `Email notifications for ${name}`,
    companyDefault: 'Email notifications for new users',
    companyDefaultHint: 'What people get when they first sign in; you can change it for each of them afterwards.',
    role: { admin: 'Administrator', member: 'User', handler: 'Handler' },
    you: 'you',
    granted: 'Has access',
    notGranted: 'No access',
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Could not save.',
    yours: 'Your settings',
    readOnly: 'Only an administrator of your company can change these settings.',
    empty: 'Your company has no users yet.',
    integrations: 'Integrations',
    integrationsIntro: 'Connect your ERP or other software to your claims: API keys to read them and upload documents, and webhooks to tell it the moment anything changes.',
    openIntegrations: 'Open integrations',
    closeIntegrations: 'Close integrations',
  },
  help: {
    title: 'Need help?',
    intro: 'The claims team is here for you:',
    email: 'Email',
    phone: 'Phone',
    hours: 'Hours',
    none: 'There are no contact details yet. Write to your handler in the claim’s chat.',
  },
};
