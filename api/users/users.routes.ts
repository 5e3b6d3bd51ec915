import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { WriteDeps } from '../events/record.ts';
import { apiUrl, describeRoute, json, jsonCreated, problem } from '../http/describe.ts';
import { NotFoundError } from '../errors.ts';
import { etagHeader, etagOf, ifMatchParameter, preconditionFailed } from '../http/conditional.ts';
import { validate } from '../http/validate.ts';
import { changeCompanySettings, changeUserSettings, syncUserFromHost } from './users.commands.ts';
import { findCompanySettings, findCompanyUser, listClaimCompanies, listCompanyUsers, listHandlers, toMe } from './users.repository.ts';
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
    .get(
      '/:id',
      describeRoute({
        operationId: 'getUser',
        tags: ['Users'],
        summary: 'One of the company’s users (admin)',
        description: 'The user with their claims access and notification channel, and the ETag to send as If-Match with PATCH /users/{id}.',
        responses: { 200: { ...json('The user.', MeSchema), headers: { ETag: etagHeader } }, 404: problem('No such user in the caller’s company.') },
      }),
      allow(CALLERS.admin),
      async (c) => {
        const user = await findCompanyUser(deps.db, c.var.caller.companyId, c.req.param('id'));
        if (!user) throw new NotFoundError(`User ${c.req.param('id')}`);
        const body = toMe(user);
        return c.json(body, 200, { ETag: etagOf(body) });
      },
    )
    .patch(
      '/:id',
      describeRoute({
        operationId: 'updateUser',
        tags: ['Users'],
        summary: 'Grant claims access or set notifications (admin)',
        description:
          'Changes a user of the caller’s company; the change is recorded as a user.updated event, live for that user and the admins. With If-Match (the ETag of GET /users/{id} or of an earlier change’s answer), only while the user is still as the caller read them.',
        parameters: [ifMatchParameter],
        responses: {
          200: { ...json('Updated.', MeSchema), headers: { ETag: etagHeader } },
          404: problem('No such user in the caller’s company.'),
          412: preconditionFailed,
        },
      }),
      allow(CALLERS.admin),
      validate('json', UpdateUserSchema),
      async (c) => {
        const admin = c.var.caller;
        const user = await changeUserSettings(deps, admin.companyId, c.req.param('id'), c.req.valid('json'), actorOf(admin), c.req.header('if-match'));
        const body = toMe(user);
        return c.json(body, 200, { ETag: etagOf(body) });
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
        responses: {
          201: jsonCreated('Created.', MeSchema, 'The user’s URL: /api/v1/users/{id}, which the company’s administrators read; the host backend syncs the user again at the path it PUT to.'),
          200: json('Updated.', MeSchema),
        },
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
        if (created) c.header('Location', apiUrl(`/users/${user.id}`));
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
        description: 'The company of the token’s user, with the notification channel its new members get, and the ETag to send as If-Match with PATCH /company.',
        responses: { 200: { ...json('The company.', CompanySettingsSchema), headers: { ETag: etagHeader } } },
      }),
      allow(CALLERS.user),
      async (c) => {
        const { companyId } = c.var.caller;
        const company = await findCompanySettings(deps.db, companyId);
        if (!company) throw new NotFoundError(`Company ${companyId}`);
        return c.json(company, 200, { ETag: etagOf(company) });
      },
    )
    .patch(
      '/',
      describeRoute({
        operationId: 'updateCompany',
        tags: ['Users'],
        summary: 'Set the channel new members get (admin)',
        description:
          'The default notification channel of the company’s new members; users already known keep theirs (change them with PATCH /users/{id}). Recorded as a company.updated event, live for the company’s admins. With If-Match (the ETag of GET /company), only while the settings are still as the caller read them.',
        parameters: [ifMatchParameter],
        responses: { 200: { ...json('Updated.', CompanySettingsSchema), headers: { ETag: etagHeader } }, 412: preconditionFailed },
      }),
      allow(CALLERS.admin),
      validate('json', UpdateCompanySchema),
      async (c) => {
        const admin = c.var.caller;
        const company = await changeCompanySettings(deps, admin.companyId, c.req.valid('json'), actorOf(admin), c.req.header('if-match'));
        return c.json(company, 200, { ETag: etagOf(company) });
      },
    );
}
