import { facts, paragraph, words, type EmailTemplate, type WebhookEmailInput } from './layout.ts';

/** To a company's administrators: Claimdesk disabled one of the company's webhooks, and how to turn it back on. */
export const webhookDisabled: EmailTemplate<WebhookEmailInput> = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.webhookDisabled.labels.webhook, 'webhook'],
      [copy.webhookDisabled.labels.url, 'url'],
    ]),
    words(copy.webhookDisabled.ask),
  ],
  action: (copy) => copy.webhookDisabled.action,
  content: ({ data, companyName }, copy) => {
    const webhook = data.webhook ?? { id: '', url: '', description: '', reason: 'failing' as const };
    const intro = copy.webhookDisabled.intro(webhook.url, webhook.reason);
    return {
      subject: copy.webhookDisabled.subject(webhook.url),
      preheader: intro,
      heading: copy.webhookDisabled.heading,
      slots: {
        intro,
        webhook: webhook.description || webhook.id,
        url: webhook.url,
        findIt: copy.webhookDisabled.turnOn(webhook.id),
        footer: copy.webhookDisabled.footer(companyName),
      },
    };
  },
};
