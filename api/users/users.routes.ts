import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { WriteDeps } from '../events/record.ts';
import { describeRoute, json, problem } from '../http/describe.ts';
import { NotFoundError } from '../errors.ts';
import { validate } from '../http/validate.ts';
import { changeCompanySettings, changeUserSettings, syncUserFromHost } from './users.commands.ts';
import { findCompanySettings, listClaimCompanies, listCompanyUsers, listHandlers, toMe } from './users.repository.ts';
import {
  CompanyListSchema,
  CompanySettingsSchema,
  HandlerListSchema,
  MeSchema,
  SyncUserSchema,
  UpdateCompanySchema,
  UpdateUserSchema,
  UserListSchema,
} from './users.schema.ts';

export function meRoutes() {
  return new Hono().get(
    '/',
    describeRoute({
      operationId: 'getMe',
      tags: ['Users'],
      summary: 'The user behind the token',
      description: 'The caller as Claimdesk knows them: created or brought in step with the token on every request.',
      responses: { 200: json('The caller.', MeSchema) },
    }),
    allow(CALLERS.user),
    (c) => c.json(toMe(c.var.caller.user)),
  );
}

export function usersRoutes(deps: WriteDeps) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listUsers',
        tags: ['Users'],
        summary: 'The company’s users (admin)',
        description: 'Everyone of the caller’s company who has logged in or been synced, with their claims access and notification channel.',
        responses: { 200: json('The users of the caller’s company.', UserListSchema) },
      }),
      allow(CALLERS.admin),
      async (c) => {
        const users = await listCompanyUsers(deps.db, c.var.caller.companyId);
        return c.json({ items: users.map(toMe) });
      },
    )
    .patch(
      '/:id',
      describeRoute({
        operationId: 'updateUser',
        tags: ['Users'],
        summary: 'Grant claims access or set notifications (admin)',
        description: 'Changes a user of the caller’s company; the change is recorded as a user.updated event, live for that user and the admins.',
        responses: { 200: json('Updated.', MeSchema), 404: problem('No such user in the caller’s company.') },
      }),
      allow(CALLERS.admin),
      validate('json', UpdateUserSchema),
      async (c) => {
        const admin = c.var.caller;
        const user = await changeUserSettings(deps, admin.companyId, c.req.param('id'), c.req.valid('json'), actorOf(admin));
        return c.json(toMe(user));
      },
    );
}

/** The claims handlers, for the console's "reassign to" picker. */
export function handlersRoutes(deps: WriteDeps) {
  return new Hono().get(
    '/',
    describeRoute({
      operationId: 'listHandlers',
      tags: ['Users'],
      summary: 'The claims handlers (handler)',
      description:
        'Every user with the handler role, by name: whom POST /claims/:id/assignee can assign a claim to. Handlers are known from their first login (their token), like every user.',
      responses: { 200: json('The handlers.', HandlerListSchema) },
    }),
    allow(CALLERS.handlersReader),
    async (c) => c.json({ items: await listHandlers(deps.db) }),
  );
}

/**
 * The companies, for the console's company filter (GET /claims?companyId=), and, server-to-server,
 * the host keeping its users in step without waiting for them to log in.
 */
export function companiesRoutes(deps: WriteDeps) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listCompanies',
        tags: ['Users'],
        summary: 'The companies with claims (handler, API key)',
        description:
          'Every company Claimdesk holds at least one claim for, by name: the choices of GET /claims?companyId=. Companies without claims yet (and the operator’s own) are left out.',
        responses: { 200: json('The companies.', CompanyListSchema) },
      }),
      allow(CALLERS.companiesReader),
      async (c) => c.json({ items: await listClaimCompanies(deps.db) }),
    )
    .put(
      '/:companyId/users/:userId',
      describeRoute({
        operationId: 'syncUser',
        tags: ['Users'],
        summary: 'Sync a user from the host (API key)',
        description: 'Creates the user (and the company) on first sight, or brings an existing one in step. Users are also created on their first login.',
        responses: { 201: json('Created.', MeSchema), 200: json('Updated.', MeSchema) },
      }),
      allow(CALLERS.hostBackend),
      validate('json', SyncUserSchema),
      async (c) => {
        const { companyId, userId } = c.req.param();
        const { claimsAccess, notifications, ...identity } = c.req.valid('json');
        const { user, created } = await syncUserFromHost(
          deps,
          { ...identity, companyId, externalId: userId },
          { claimsAccess, notifications },
          actorOf(c.var.caller),
        );
        return c.json(toMe(user), created ? 201 : 200);
      },
    );
}

/** The caller's own company: its settings (the channel new members get), which its admins change. */
export function companyRoutes(deps: WriteDeps) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'getCompany',
        tags: ['Users'],
        summary: 'The caller’s company and its settings',
        description: 'The company of the token’s user, with the notification channel its new members get.',
        responses: { 200: json('The company.', CompanySettingsSchema) },
      }),
      allow(CALLERS.user),
      async (c) => {
        const { companyId } = c.var.caller;
        const company = await findCompanySettings(deps.db, companyId);
        if (!company) throw new NotFoundError(`Company ${companyId}`);
        return c.json(company);
      },
    )
    .patch(
      '/',
      describeRoute({
        operationId: 'updateCompany',
        tags: ['Users'],
        summary: 'Set the channel new members get (admin)',
        description:
          'The default notification channel of the company’s new members; users already known keep theirs (change them with PATCH /users/{id}). Recorded as a company.updated event, live for the company’s admins.',
        responses: { 200: json('Updated.', CompanySettingsSchema) },
      }),
      allow(CALLERS.admin),
      validate('json', UpdateCompanySchema),
      async (c) => {
        const admin = c.var.caller;
        return c.json(await changeCompanySettings(deps, admin.companyId, c.req.valid('json'), actorOf(admin)));
      },
    );
}
