import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in English: loaded with it, not at start.

export const apiKeysEn: ApiKeysTranslation = {
  title: 'API keys',
  intro:
    'With an API key, a program of your company — your ERP, say — reads your claims and uploads documents without anyone signing in. Create one key per program, with only the permissions it needs.',
  create: 'Create key',
  emptyTitle: 'No API keys yet',
  emptyBody:
    'Create one when you want to connect your ERP or another program: it will read your company’s claims and, if you allow it, upload documents and write messages.',
  scopes: {
    'claims:read': { name: 'Read claims', hint: 'Your company’s claims, with their documents, messages and history.' },
    'claims:write': { name: 'Upload documents and write messages', hint: 'On your company’s claims, as a user would.' },
    'webhooks:manage': { name: 'Manage webhooks', hint: 'Create, change and delete your company’s webhooks.' },
    'tokens:issue': { name: 'Sign in your users', hint: 'Sign in any of your company’s users, administrators included, in your own area: give it only to the system that signs your users in.' },
  },
  permissions: 'Permissions',
  created: (when, by) => `Created on ${when}${by ? ` by ${by}` : ' by the operator'}`,
  lastUsed: (when) => `Last used: ${when ?? 'never'}`,
  revokedOn: (when, by) => `Revoked on ${when}${by ? ` by ${by}` : ''}`,
  active: 'Active',
  revoked: 'Revoked',
  revoke: 'Revoke',
  revokeTitle: (name) => `Revoke the key “${name}”?`,
  revokeIntro: 'Programs using it lose access at once. This cannot be undone: to connect them again, create another key.',
  revokedAnnounced: (name) => `Key “${name}” revoked.`,
  revokeFailed: 'The key could not be revoked.',
  createTitle: 'New API key',
  name: 'Name',
  nameHint: 'To recognise it: the program that will use it, e.g. “SAP ERP”.',
  nameRequired: 'Give the key a name.',
  scopesLegend: 'Permissions',
  scopesRequired: 'Choose at least one permission.',
  createFailed: 'The key could not be created.',
  creating: 'Creating…',
  createdTitle: (name) => `Key “${name}” created`,
  createdAnnounced: (name) => `Key “${name}” created. Copy it now: you will not see it again.`,
  secret: {
    label: 'Your new key',
    warning: 'Copy it now: you will not see it again.',
    use: 'Keep it where your program reads it, never in an email or a chat. The program sends it in the X-Api-Key header of each request.',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy. The key is selected: copy it with Ctrl+C (Cmd+C on a Mac).',
  },
  done: 'Done',
};
