import { Hono } from 'hono';
import type { DB } from '../db/connect.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { SyncUserSchema, UpdateUserSchema } from './users.schema.ts';
import {
  findCompanyUser,
  findUserByExternalId,
  listCompanyUsers,
  toMe,
  updateUserSettings,
  upsertSeenUser,
} from './users.repository.ts';
import type { Principal } from '../auth/principal.ts';

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

export function usersRoutes(db: DB) {
  return new Hono()
    .get('/', async (c) => {
      const admin = requireAdmin(c.get('principal'));
      const users = await listCompanyUsers(db, admin.companyId);
      return c.json({ items: users.map(toMe) });
    })
    .patch('/:id', validate('json', UpdateUserSchema), async (c) => {
      const admin = requireAdmin(c.get('principal'));
      const user = await findCompanyUser(db, admin.companyId, c.req.param('id'));
      if (!user) throw notFound(`User ${c.req.param('id')}`);
      await updateUserSettings(db, user.id, c.req.valid('json'));
      const updated = await findCompanyUser(db, admin.companyId, user.id);
      return c.json(toMe(updated ?? user));
    });
}

/** Server-to-server: the host keeps its users in step without waiting for them to log in. */
export function companiesRoutes(db: DB) {
  return new Hono().put('/:companyId/users/:userId', validate('json', SyncUserSchema), async (c) => {
    if (c.get('principal').kind !== 'service') {
      throw forbidden('Syncing users is for the host backend: send the X-Api-Key header.');
    }
    const body = c.req.valid('json');
    const { companyId, userId } = c.req.param();
    const existed = await findUserByExternalId(db, companyId, userId);
    const user = await upsertSeenUser(db, {
      companyId,
      companyName: body.companyName,
      externalId: userId,
      name: body.name,
      email: body.email,
      role: body.role,
      lang: body.lang,
    });
    await updateUserSettings(db, user.id, { claimsAccess: body.claimsAccess, notifications: body.notifications });
    const synced = await findCompanyUser(db, companyId, user.id);
    return c.json(toMe(synced ?? user), existed ? 200 : 201);
  });
}
