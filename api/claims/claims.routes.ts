import { Hono, type Context } from 'hono';
import { companyScope, requireClaimsAccess, requireHandlerOrService } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { ClaimAction } from '../../domain/constants.ts';
import { NotFoundError } from '../errors.ts';
import { listClaimEvents } from '../events/events.repository.ts';
import type { WriteDeps } from '../events/record.ts';
import { forbidden } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { createClaim, moveClaim } from './claims.commands.ts';
import { countClaimsByStatus, findClaim, listClaims } from './claims.repository.ts';
import { moverOf, toClaim } from './claims.resource.ts';
import { ANSWERS } from './lifecycle.ts';
import { CreateClaimSchema, DeclineSchema, ListClaimsQuerySchema, TransitionSchema } from './claims.schema.ts';

export function claimsRoutes(deps: WriteDeps) {
  /** The customer's answers (accept/decline) share everything but where they lead. */
  async function answer(c: Context, action: ClaimAction, reason?: string) {
    const principal = c.get('principal');
    requireClaimsAccess(principal);
    if (moverOf(principal) !== 'customer') {
      throw forbidden('Only the company’s users accept or decline a claim; handlers move it with POST /claims/:id/transitions.');
    }
    const claim = await moveClaim(deps, {
      claimId: c.req.param('id') ?? '',
      companyId: companyScope(principal),
      to: ANSWERS[action].to,
      mover: 'customer',
      actor: actorOf(principal),
      reason,
    });
    return toClaim(claim, principal);
  }

  return new Hono()
    .post('/', validate('json', CreateClaimSchema), async (c) => {
      const principal = c.get('principal');
      requireHandlerOrService(principal, 'open claims');
      const { claim, created } = await createClaim(deps, c.req.valid('json'), actorOf(principal));
      return c.json(toClaim(claim, principal), created ? 201 : 200);
    })
    .get('/', validate('query', ListClaimsQuerySchema), async (c) => {
      const principal = c.get('principal');
      requireClaimsAccess(principal);
      const query = c.req.valid('query');
      const scope = companyScope(principal);
      const page = await listClaims(deps.db, scope, query);
      const counts = query.cursor ? undefined : await countClaimsByStatus(deps.db, scope, query);
      return c.json({
        items: page.items.map((row) => toClaim(row, principal)),
        nextCursor: page.nextCursor,
        ...(counts ? { counts } : {}),
      });
    })
    .get('/:id', async (c) => {
      const principal = c.get('principal');
      requireClaimsAccess(principal);
      const claim = await findClaim(deps.db, companyScope(principal), c.req.param('id'));
      if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
      return c.json(toClaim(claim, principal));
    })
    .post('/:id/accept', async (c) => c.json(await answer(c, 'accept')))
    .post('/:id/decline', validate('json', DeclineSchema), async (c) =>
      c.json(await answer(c, 'decline', c.req.valid('json').reason)),
    )
    .post('/:id/transitions', validate('json', TransitionSchema), async (c) => {
      const principal = c.get('principal');
      if (principal.kind !== 'user' || principal.role !== 'handler') {
        throw forbidden('Only claims handlers move claims through their phases; customers accept or decline.');
      }
      const body = c.req.valid('json');
      const claim = await moveClaim(deps, {
        claimId: c.req.param('id'),
        companyId: null,
        to: body.to,
        mover: 'handler',
        actor: actorOf(principal),
        note: body.note,
        outcome: body.outcome,
        amount: body.amount,
      });
      return c.json(toClaim(claim, principal));
    })
    .get('/:id/events', async (c) => {
      const principal = c.get('principal');
      requireClaimsAccess(principal);
      const scope = companyScope(principal);
      const claim = await findClaim(deps.db, scope, c.req.param('id'));
      if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
      return c.json({ items: await listClaimEvents(deps.db, scope, claim.id) });
    });
}
