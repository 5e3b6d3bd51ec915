import { Hono } from 'hono';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { WriteDeps } from '../events/record.ts';
import { forbidden } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { changeUserSettings, syncUserFromHost } from './users.commands.ts';
import { listCompanyUsers, toMe } from './users.repository.ts';
import { SyncUserSchema, UpdateUserSchema } from './users.schema.ts';

function requireAdmin(principal: Principal) {
  if (principal.kind !== 'user' || principal.role !== 'admin') {
    throw forbidden('Only an administrator of the company can see and change its users’ claims access.');
  }
  return principal;
}

export function meRoutes() {
  return new Hono().get('/', (c) => {
    const principal = c.get('principal');
    if (principal.kind !== 'user') {
      throw forbidden('GET /me describes the user behind a bearer token; the API key is not a user.');
    }
    return c.json(toMe(principal.user));
  });
}

export function usersRoutes(deps: WriteDeps) {
  return new Hono()
    .get('/', async (c) => {
      const admin = requireAdmin(c.get('principal'));
      const users = await listCompanyUsers(deps.db, admin.companyId);
      return c.json({ items: users.map(toMe) });
    })
    .patch('/:id', validate('json', UpdateUserSchema), async (c) => {
      const admin = requireAdmin(c.get('principal'));
      const user = await changeUserSettings(deps, admin.companyId, c.req.param('id'), c.req.valid('json'), actorOf(admin));
      return c.json(toMe(user));
    });
}

/** Server-to-server: the host keeps its users in step without waiting for them to log in. */
export function companiesRoutes(deps: WriteDeps) {
  return new Hono().put('/:companyId/users/:userId', validate('json', SyncUserSchema), async (c) => {
    const principal = c.get('principal');
    if (principal.kind !== 'service') {
      throw forbidden('Syncing users is for the host backend: send the X-Api-Key header.');
    }
    const { companyId, userId } = c.req.param();
    const { claimsAccess, notifications, ...identity } = c.req.valid('json');
    const { user, created } = await syncUserFromHost(
      deps,
      { ...identity, companyId, externalId: userId },
      { claimsAccess, notifications },
      actorOf(principal),
    );
    return c.json(toMe(user), created ? 201 : 200);
  });
}
