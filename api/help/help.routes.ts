import { Hono } from 'hono';
import { z } from 'zod';
import { describeRoute, json } from '../http/describe.ts';

export const HelpContactSchema = z
  .object({
    email: z.string().nullable().describe('The operator’s customer-experience address (HELP_EMAIL).'),
    phone: z.string().nullable().describe('The operator’s phone, as dialled (HELP_PHONE).'),
    hours: z.string().nullable().describe('When someone answers, as the operator words it (HELP_HOURS).'),
  })
  .meta({ id: 'HelpContact' });

export type HelpContact = z.infer<typeof HelpContactSchema>;

/** Whom a customer asks when a claim needs a person: the operator's contact, from the settings. */
export function helpRoutes(contact: HelpContact) {
  return new Hono().get(
    '/',
    describeRoute({
      operationId: 'getHelpContact',
      tags: ['Meta'],
      summary: 'The operator’s help contact',
      description:
        'What the widget’s help panel shows: email, phone and opening hours of the operator’s customer experience team. Each is null when not set. Public, like the operator’s contact page: it answers without credentials (and ignores any sent).',
      responses: { 200: json('The contact.', HelpContactSchema) },
    }),
    (c) => c.json(contact),
  );
}
