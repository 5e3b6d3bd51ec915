import { Hono, type Context } from 'hono';
import { allow, CALLERS, companyScope, type Principal, type UserPrincipal } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { ClaimAction } from '../../domain/constants.ts';
import { InvalidValueError, NotFoundError } from '../errors.ts';
import { listClaimEvents } from '../events/events.repository.ts';
import { ClaimEventListSchema } from '../events/events.schema.ts';
import type { DB } from '../db/connect.ts';
import type { WriteDeps } from '../events/record.ts';
import { describeRoute, json, problem } from '../http/describe.ts';
import { ClaimFinalConflictSchema, ExternalRefConflictSchema, TransitionConflictSchema } from '../http/problem.schema.ts';
import { validate } from '../http/validate.ts';
import { assignClaim, createClaim, moveClaim } from './claims.commands.ts';
import { countClaimsByStatus, findClaim, listChecklists, listClaims, planSearch, type ClaimListing, type ClaimWithCompany } from './claims.repository.ts';
import { toClaim } from './claims.resource.ts';
import { ANSWERS } from './lifecycle.ts';
import {
  AssignSchema,
  ClaimPageSchema,
  ClaimSchema,
  CreateClaimSchema,
  DeclineSchema,
  ListClaimsQuerySchema,
  TransitionSchema,
  type Claim,
  type ListClaimsQuery,
} from './claims.schema.ts';

const notFound = problem('No such claim, or it belongs to another company.');
const notMovable = (what: string) => problem(`The claim is not where ${what} can happen from; \`detail\` says where it can go.`, TransitionConflictSchema);

/**
 * The query string as the repository runs it: `handler=me` and `handler=none` resolved, and a
 * company's user held to their own company (companyId never widens what a caller sees).
 */
function listingOf(caller: Principal, query: ListClaimsQuery): ClaimListing {
  const scope = companyScope(caller);
  if (scope !== null && query.companyId !== undefined && query.companyId !== scope) {
    throw new InvalidValueError(
      'companyId',
      'companyId picks one company among all, which only claims handlers and the host backend see; your list already holds your company’s claims only. Leave companyId out.',
    );
  }
  const { handler, ...listing } = query;
  if (handler === undefined) return listing;
  if (handler === 'none') return { ...listing, handler: null };
  if (handler !== 'me') return { ...listing, handler };
  if (caller.kind !== 'user' || caller.role !== 'handler') {
    throw new InvalidValueError(
      'handler',
      'handler=me lists the claims assigned to the calling claims handler, and the caller is not one. Use handler=none for unassigned claims, or a handler’s id from GET /handlers.',
    );
  }
  return { ...listing, handler: caller.user.id };
}

/** Per claim, the messages by others `userId` has not read (claims without any absent): the chat's to count. */
export type UnreadMessages = (db: DB, userId: string, claimIds: readonly string[]) => Promise<Map<string, number>>;

export interface ClaimsRoutesDeps extends WriteDeps {
  unreadMessages: UnreadMessages;
}

export function claimsRoutes(deps: ClaimsRoutesDeps) {
  /** Claims as the caller sees them, each with its checklist and the messages the caller has not read: two queries for a whole page. */
  async function present(rows: ClaimWithCompany[], caller: Principal): Promise<Claim[]> {
    const ids = rows.map((row) => row.id);
    const [unread, checklists] = await Promise.all([
      caller.kind === 'user' ? deps.unreadMessages(deps.db, caller.user.id, ids) : new Map<string, number>(),
      listChecklists(deps.db, ids),
    ]);
    return rows.map((row) => toClaim(row, caller, { unreadMessages: unread.get(row.id) ?? 0, checklist: checklists.get(row.id) ?? [] }));
  }
  const presentOne = async (row: ClaimWithCompany, caller: Principal) => (await present([row], caller))[0]!;

  /** The customer's answers (accept/decline) share everything but where they lead. */
  async function answer(c: Context, caller: UserPrincipal, action: ClaimAction, reason?: string) {
    const claim = await moveClaim(deps, {
      claimId: c.req.param('id') ?? '',
      companyId: companyScope(caller),
      to: ANSWERS[action].to,
      mover: 'customer',
      actor: actorOf(caller),
      reason,
    });
    return presentOne(claim, caller);
  }

  return new Hono()
    .post(
      '/',
      describeRoute({
        operationId: 'createClaim',
        tags: ['Claims'],
        summary: 'Open a claim (idempotent on company.id + externalRef)',
        description:
          'For the host backend (X-Api-Key) or a handler. Repeating the same company.id and externalRef with the same body returns the claim already opened, with 200; another body is a 409 naming the fields that differ.',
        responses: {
          201: json('Opened.', ClaimSchema),
          200: json('Already opened for this company.id and externalRef, with the same values.', ClaimSchema),
          409: problem('A claim was already opened for this company.id and externalRef with other values.', ExternalRefConflictSchema),
        },
      }),
      allow(CALLERS.claimOpener),
      validate('json', CreateClaimSchema),
      async (c) => {
        const caller = c.var.caller;
        const { claim, created } = await createClaim(deps, c.req.valid('json'), actorOf(caller));
        return c.json(await presentOne(claim, caller), created ? 201 : 200);
      },
    )
    .get(
      '/',
      describeRoute({
        operationId: 'listClaims',
        tags: ['Claims'],
        summary: 'List claims, newest or soonest deadline first',
        description:
          'Customers see their company’s claims; handlers and the host backend see all, and may narrow them to one company (companyId). ' +
          'Filters: status, type, q, companyId, handler (me, none or a handler id). Sort: newest (default) or deadline. ' +
          'Pass nextCursor as cursor, with the same filters and sort, for the next page; the first page also carries the counts per status.',
        responses: {
          200: json('A page.', ClaimPageSchema),
          400: problem(
            'The query string is not valid (each field named in `errors`): a value out of range, a cursor this list did not hand out or one of another sort, handler=me from a caller who is not a claims handler, or a company’s user naming another company in companyId.',
          ),
        },
      }),
      allow(CALLERS.claimsReader),
      validate('query', ListClaimsQuerySchema),
      async (c) => {
        const caller = c.var.caller;
        const query = listingOf(caller, c.req.valid('query'));
        const scope = companyScope(caller);
        const plan = await planSearch(deps.db, query.q);
        const page = await listClaims(deps.db, scope, query, plan);
        const counts = query.cursor ? undefined : await countClaimsByStatus(deps.db, scope, query, plan);
        return c.json({
          items: await present(page.items, caller),
          nextCursor: page.nextCursor,
          ...(counts ? { counts } : {}),
        });
      },
    )
    .get(
      '/:id',
      describeRoute({
        operationId: 'getClaim',
        tags: ['Claims'],
        summary: 'One claim',
        description: 'The claim as its reader needs to draw it: what they may do now (actions, allowedTransitions), whether it waits for them, its deadline and phases.',
        responses: { 200: json('The claim.', ClaimSchema), 404: notFound },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const caller = c.var.caller;
        const claim = await findClaim(deps.db, companyScope(caller), c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        return c.json(await presentOne(claim, caller));
      },
    )
    .post(
      '/:id/accept',
      describeRoute({
        operationId: 'acceptClaim',
        tags: ['Claims'],
        summary: 'Accept handling the claim (customer)',
        description: 'The company’s answer to a notified claim: Claimdesk handles it. The claim moves to documentation.',
        responses: { 200: json('Moved to documentation.', ClaimSchema), 404: notFound, 409: notMovable('accepting') },
      }),
      allow(CALLERS.customer),
      async (c) => c.json(await answer(c, c.var.caller, 'accept')),
    )
    .post(
      '/:id/decline',
      describeRoute({
        operationId: 'declineClaim',
        tags: ['Claims'],
        summary: 'Decline the claim with a reason (customer)',
        description: 'The company’s answer to a notified claim: it does not want it handled. Declined is final.',
        responses: { 200: json('Declined.', ClaimSchema), 404: notFound, 409: notMovable('declining') },
      }),
      allow(CALLERS.customer),
      validate('json', DeclineSchema),
      async (c) => c.json(await answer(c, c.var.caller, 'decline', c.req.valid('json').reason)),
    )
    .post(
      '/:id/transitions',
      describeRoute({
        operationId: 'transitionClaim',
        tags: ['Claims'],
        summary: 'Move a claim to its next phase (handler)',
        description: 'The whole lifecycle is api/claims/lifecycle.ts; each claim lists the moves open to its reader in allowedTransitions.',
        responses: { 200: json('Moved.', ClaimSchema), 404: notFound, 409: notMovable('this move') },
      }),
      allow(CALLERS.handler),
      validate('json', TransitionSchema),
      async (c) => {
        const caller = c.var.caller;
        const body = c.req.valid('json');
        const claim = await moveClaim(deps, {
          claimId: c.req.param('id'),
          companyId: null,
          to: body.to,
          mover: 'handler',
          actor: actorOf(caller),
          note: body.note,
          outcome: body.outcome,
          amount: body.amount,
        });
        return c.json(await presentOne(claim, caller));
      },
    )
    .post(
      '/:id/assignee',
      describeRoute({
        operationId: 'assignClaim',
        tags: ['Claims'],
        summary: 'Take or reassign a claim (handler)',
        description:
          'Assigns the claim to a claims handler: yourself to take it, another handler (GET /handlers) to reassign it. ' +
          'The change is logged as a claim.assigned event, on the timeline and the live stream; the company sees the handler’s name on the claim. ' +
          'Assigning the handler already assigned changes nothing and logs nothing (200). Any status but the final ones (declined, closed) takes a handler.',
        responses: {
          200: json('Assigned, or already assigned to that handler.', ClaimSchema),
          400: problem('The body is not valid, or handlerId is not a claims handler’s id (`errors` names handlerId).'),
          404: notFound,
          409: problem('The claim is declined or closed: its handler can no longer change.', ClaimFinalConflictSchema),
        },
      }),
      allow(CALLERS.assigner),
      validate('json', AssignSchema),
      async (c) => {
        const caller = c.var.caller;
        const claim = await assignClaim(deps, c.req.param('id'), c.req.valid('json'), actorOf(caller));
        return c.json(await presentOne(claim, caller));
      },
    )
    .get(
      '/:id/events',
      describeRoute({
        operationId: 'listClaimEvents',
        tags: ['Claims'],
        summary: 'The claim’s timeline, oldest first',
        description: 'Every event of the claim from the event log, with who did it and why; the live stream carries the same events as they happen.',
        responses: { 200: json('Its events.', ClaimEventListSchema), 404: notFound },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const scope = companyScope(c.var.caller);
        const claim = await findClaim(deps.db, scope, c.req.param('id'));
        if (!claim) throw new NotFoundError(`Claim ${c.req.param('id')}`);
        return c.json({ items: await listClaimEvents(deps.db, scope, claim.id) });
      },
    );
}
