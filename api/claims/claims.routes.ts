import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { allow, CALLERS, companyScope, type Principal, type UserPrincipal } from '../auth/principal.ts';
import { actorOf } from '../events/actor.ts';
import type { ClaimAction } from '../../domain/constants.ts';
import { ExternalRefConflictError, InvalidValueError, NotFoundError } from '../errors.ts';
import { listClaimEvents } from '../events/events.repository.ts';
import { ClaimEventListSchema } from '../events/events.schema.ts';
import type { WriteDeps } from '../events/record.ts';
import { apiUrl, describeRoute, json, jsonCreated, problem } from '../http/describe.ts';
import { etagHeader, ifMatchParameter, preconditionFailed, viewEtag, viewNotModified } from '../http/conditional.ts';
import { problemFields, problemOf } from '../http/problem.ts';
import { ClaimFinalConflictSchema, ClaimNotAmendableSchema, ExternalRefConflictSchema, TransitionConflictSchema } from '../http/problem.schema.ts';
import { invalidInput, validate } from '../http/validate.ts';
import { amendClaim, assignClaim, CLAIMS_PER_COMMIT, createClaim, createClaims, moveClaim, type Opened } from './claims.commands.ts';
import { countUnread } from '../chat/chat.repository.ts';
import { seesLiabilityLimit, type RateBook } from '../liability/limits.ts';
import type { HeldUntilCommit } from '../db/held-until-commit.ts';
import {
  claimVersion,
  countClaimsByStatus,
  findClaim,
  findClaimFor,
  listChecklists,
  listClaims,
  listClaimSummaries,
  listingVersion,
  planSearch,
  type ClaimDrawnFrom,
  type ClaimListing,
  type ClaimWithCompany,
  type DrawnFrom,
  type Unread,
} from './claims.repository.ts';
import { claimEtag, claimVersionOf, readerOf, redrawnAt, REPRESENTATION, soonestRedrawn, toClaim, toClaimSummary } from './claims.resource.ts';
import { atRiskHoursOf } from './deadlines.ts';
import { ratesFor } from '../liability/rates.repository.ts';
import { ANSWERS } from './lifecycle.ts';
import {
  AmendClaimSchema,
  AssignSchema,
  BATCH_ITEM_STATUSES,
  ClaimBatchItemsSchema,
  ClaimBatchResultSchema,
  ClaimBatchSchema,
  ClaimPageSchema,
  ClaimSchema,
  ClaimSummaryPageSchema,
  CreateClaimSchema,
  DeclineSchema,
  ListClaimsQuerySchema,
  MAX_BATCH_CLAIMS,
  TransitionSchema,
  type Claim,
  type ClaimRef,
  type ListClaimsQuery,
} from './claims.schema.ts';

const notFound = problem('No such claim, or it belongs to another company.');
const notMovable = (what: string) => problem(`The claim is not where ${what} can happen from; \`detail\` says where it can go.`, TransitionConflictSchema);

const refOf = (claim: ClaimWithCompany): ClaimRef => ({ id: claim.id, reference: claim.reference, companyId: claim.company_id, status: claim.status });

/** One claim of a batch, answered as POST /claims would have answered it alone. */
function batchOutcome(opened: Opened, instance: string) {
  const claim = refOf(opened.claim);
  if (opened.created) return { status: 'created' as const, claim };
  if (opened.differing.length === 0) return { status: 'unchanged' as const, claim };
  const conflict = new ExternalRefConflictError(opened.claim.id, opened.claim.reference, opened.claim.external_ref, opened.differing);
  return { status: 'conflict' as const, claim, problem: problemFields(problemOf(conflict), instance) };
}

/**
 * The query string as the repository runs it: `handler=me` and `handler=none` resolved,
 * `deadline=at_risk` as the range of deadlines from now to `atRiskHours` ahead, and a company's
 * user held to their own company (companyId never widens what a caller sees).
 */
function listingOf(caller: Principal, { deadline, ...query }: ListClaimsQuery, atRiskHours: number): ClaimListing {
  const scope = companyScope(caller);
  if (scope !== null && query.companyId !== undefined && query.companyId !== scope) {
    throw new InvalidValueError(
      'companyId',
      'companyId picks one company among all, which only claims handlers and the host backend see; your list already holds your company’s claims only. Leave companyId out.',
    );
  }
  const { handler, ...rest } = query;
  const now = Date.now();
  const listing: ClaimListing =
    deadline === 'at_risk' ? { ...rest, dueWithin: { after: new Date(now).toISOString(), until: new Date(now + atRiskHours * 3_600_000).toISOString() } } : rest;
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

export interface ClaimsRoutesDeps extends WriteDeps {
  /** DEADLINE_WARNING_HOURS: the largest is how far ahead deadline=at_risk looks. */
  deadlineWarningHours?: readonly number[] | undefined;
  /** What this process read and holds until a commit (app.ts): the versions a revalidation reads, the rates limits are counted with. */
  held?: HeldClaimReads;
}

/** Where a process holds what claims are drawn from (api/db/held-until-commit.ts). */
export interface HeldClaimReads {
  listings: HeldUntilCommit<DrawnFrom>;
  claims: HeldUntilCommit<ClaimDrawnFrom>;
  rates: HeldUntilCommit<RateBook>;
}

/** Claims' views are stored by the reader's own cache only, and revalidated with it each time (their ETag). */
const REVALIDATE = 'private, no-cache';

const revalidation = {
  parameters: [
    {
      name: 'If-None-Match',
      in: 'header' as const,
      required: false,
      description: 'The ETag of what the client holds: while it is still what the caller would get, the answer is 304 without a body.',
      schema: { type: 'string' as const },
    },
  ],
  headers: {
    ETag: {
      description: 'The version of this answer for this caller: send it as If-None-Match to revalidate what you hold.',
      required: true,
      schema: { type: 'string' as const },
    },
    'Cache-Control': { description: '`private, no-cache`: kept by the caller’s own cache, revalidated each time.', required: true, schema: { type: 'string' as const } },
  },
};

const notModified = (what: string) => ({ description: `What the client holds (If-None-Match) is still ${what}: no body.`, headers: revalidation.headers });

export function claimsRoutes(deps: ClaimsRoutesDeps) {
  const atRiskHours = atRiskHoursOf(deps.deadlineWarningHours);
  /**
   * Claims as the caller sees them, each with its checklist, the messages the caller has not read
   * (read with the rows) and, for the operator's side, its liability limit.
   */
  async function present(rows: Unread<ClaimWithCompany>[], caller: Principal, now = new Date()): Promise<Claim[]> {
    const [checklists, rates] = await Promise.all([listChecklists(deps.db, rows.map((row) => row.id)), rows.length > 0 ? ratesFor(deps.db, caller, deps.held?.rates) : undefined]);
    return rows.map((row) => toClaim(row, caller, { unreadMessages: row.unread_messages, checklist: checklists.get(row.id) ?? [], rates }, now));
  }
  /** A claim just changed, as the caller sees it. */
  async function presentOne(row: ClaimWithCompany, caller: Principal): Promise<Claim> {
    const unread = caller.kind === 'user' ? await countUnread(deps.db, row.id, caller.user.id) : 0;
    return (await present([{ ...row, unread_messages: unread }], caller))[0]!;
  }

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
          201: jsonCreated('Opened.', ClaimSchema, 'The claim’s URL: /api/v1/claims/{id}.'),
          200: json('Already opened for this company.id and externalRef, with the same values.', ClaimSchema),
          409: problem('A claim was already opened for this company.id and externalRef with other values.', ExternalRefConflictSchema),
        },
      }),
      allow(CALLERS.claimOpener),
      validate('json', CreateClaimSchema),
      async (c) => {
        const caller = c.var.caller;
        const opened = await createClaim(deps, c.req.valid('json'), actorOf(caller));
        if (opened.created) c.header('Location', apiUrl(`/claims/${opened.claim.id}`));
        return c.json(await presentOne(opened.claim, caller), opened.created ? 201 : 200);
      },
    )
    .post(
      '/batch',
      describeRoute({
        operationId: 'createClaims',
        tags: ['Claims'],
        summary: `Open up to ${MAX_BATCH_CLAIMS} claims at once (each idempotent on company.id + externalRef)`,
        description:
          `For the host backend (X-Api-Key) or a handler: a nightly import, say. Each claim is judged and opened as POST /claims would one, with the same events, checklist and notifications, ${CLAIMS_PER_COMMIT} claims to a transaction, and answered in its place, in the order sent: ` +
          'created, unchanged (already opened with the same values, by an earlier request or earlier in this batch), conflict (already opened with other values) or invalid (not a claim POST /claims takes; the others are opened all the same). ' +
          'The answer is 200 whatever became of each. Sending the same batch again is safe: what was opened comes back unchanged. ' +
          `At most ${MAX_BATCH_CLAIMS} claims, and at most MAX_JSON_BYTES (1 MiB by default) of body, which ${MAX_BATCH_CLAIMS} claims of usual length fit in; split larger imports. ` +
          'A failure on the server’s side (5xx) may come after some transactions committed: send the batch again.',
        responses: {
          200: json('What became of each claim, in the order sent.', ClaimBatchResultSchema),
          400: problem(
            `The body is not a batch: no \`claims\`, or not a list of 1 to ${MAX_BATCH_CLAIMS} (\`errors\` names claims). A claim of the batch that is not valid is answered in its place, not here.`,
          ),
        },
      }),
      allow(CALLERS.claimOpener),
      validate('json', ClaimBatchItemsSchema, ClaimBatchSchema),
      async (c) => {
        const { claims } = c.req.valid('json');
        const valid = claims.flatMap(({ parsed }, index) => (parsed.success ? [{ index, input: parsed.data }] : []));
        const opened = await createClaims(deps, valid.map(({ input }) => input), actorOf(c.var.caller));
        const outcomes = new Map(valid.map(({ index }, i) => [index, opened[i]!]));
        const items = claims.map(({ sent, parsed }, index) => {
          if (parsed.success) return { index, externalRef: parsed.data.externalRef, ...batchOutcome(outcomes.get(index)!, c.req.path) };
          const externalRef = CreateClaimSchema.shape.externalRef.safeParse((sent as { externalRef?: unknown } | null)?.externalRef).data ?? null;
          const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['claims', index, ...issue.path] }));
          const invalid = invalidInput(issues, `claim at claims[${index}]`, `claims.${index}`);
          return { index, externalRef, status: 'invalid' as const, problem: problemFields(invalid, c.req.path) };
        });
        const counts = Object.fromEntries(BATCH_ITEM_STATUSES.map((status) => [status, items.filter((item) => item.status === status).length]));
        return c.json({ items, counts });
      },
    )
    .get(
      '/',
      describeRoute({
        operationId: 'listClaims',
        tags: ['Claims'],
        summary: 'List claims, newest, soonest deadline or least recently changed first',
        description:
          'Customers see their company’s claims; handlers and the host backend see all, and may narrow them to one company (companyId). ' +
          'Filters: status, type, q, companyId, handler (me, none or a handler id), externalRef (the host’s id: 0 or 1 claim per company), updatedSince, deadline (at_risk: due within the warning window while still running). Sort: newest (default), deadline or updated. ' +
          'Pass nextCursor as cursor, with the same filters and sort, for the next page; the first page also carries the counts per status (not with externalRef or updatedSince). ' +
          'To keep a copy in step, poll with sort=updated&updatedSince= the last updatedAt you read (see updatedSince). ' +
          'view=summary gives each claim as a list’s row shows it (ClaimSummary), for a fraction of the bytes and of the server’s work. ' +
          'A page carries an ETag for its caller (but at_risk pages, which change with the clock): sent back as If-None-Match, it is answered 304 while the page is still what the caller would get.',
        parameters: revalidation.parameters,
        responses: {
          200: {
            ...json('A page: of claims, or of their summaries with view=summary.', z.union([ClaimPageSchema, ClaimSummaryPageSchema])),
            headers: { ETag: { ...revalidation.headers.ETag, required: false }, 'Cache-Control': { ...revalidation.headers['Cache-Control'], required: false } },
          },
          304: notModified('the page the caller would get'),
          400: problem(
            'The query string is not valid (each field named in `errors`): a value out of range, a cursor this list did not hand out or one of another sort, handler=me from a caller who is not a claims handler, or a company’s user naming another company in companyId.',
          ),
        },
      }),
      allow(CALLERS.claimsReader),
      validate('query', ListClaimsQuerySchema),
      async (c) => {
        const caller = c.var.caller;
        const asked = c.req.valid('query');
        const query = listingOf(caller, asked, atRiskHours);
        const scope = companyScope(caller);
        const seesLimits = seesLiabilityLimit(caller);
        // At risk is a window from now: which claims are in it changes with the clock alone, so such a page has no tag.
        const drawnFrom = query.dueWithin === undefined ? await listingVersion(deps.db, scope, seesLimits, deps.held?.listings) : null;
        const version = String(drawnFrom?.event ?? 0);
        const view = [REPRESENTATION, readerOf(caller), asked, drawnFrom];
        const held = drawnFrom && viewNotModified(c.req.header('if-none-match'), version, view);
        if (held) return c.body(null, 304, { ETag: held, 'Cache-Control': REVALIDATE });
        const plan = await planSearch(deps.db, query.q);
        const readerId = caller.kind === 'user' ? caller.user.id : null;
        // Counts are for a person browsing; a lookup or a poll does without them, which claim_counts could not narrow anyway.
        const counted = !query.cursor && query.externalRef === undefined && query.updatedSince === undefined;
        const now = new Date();
        const [page, counts, rates] = await Promise.all([
          asked.view === 'summary' ? listClaimSummaries(deps.db, scope, query, plan, readerId, seesLimits) : listClaims(deps.db, scope, query, plan, readerId),
          counted ? countClaimsByStatus(deps.db, scope, query, plan) : undefined,
          seesLimits && asked.view === 'summary' ? ratesFor(deps.db, caller, deps.held?.rates) : undefined,
        ]);
        const items =
          asked.view === 'summary'
            ? page.items.map((row) => toClaimSummary(row, caller, { unreadMessages: row.unread_messages, rates }, now))
            : await present(page.items as Unread<ClaimWithCompany>[], caller, now);
        const headers: Record<string, string> = drawnFrom ? { ETag: viewEtag(version, view, soonestRedrawn(page.items, now)), 'Cache-Control': REVALIDATE } : {};
        return c.json({ items, nextCursor: page.nextCursor, ...(counts ? { counts } : {}) }, 200, headers);
      },
    )
    .get(
      '/:id',
      describeRoute({
        operationId: 'getClaim',
        tags: ['Claims'],
        summary: 'One claim',
        description:
          'The claim as its reader needs to draw it: what they may do now (actions, allowedTransitions), whether it waits for them, its deadline and phases; and its ETag for this reader, to revalidate it with (If-None-Match: 304 while it is still so) or to send as If-Match with PATCH /claims/{id}, which holds the claim’s version it starts with.',
        parameters: revalidation.parameters,
        responses: {
          200: { ...json('The claim.', ClaimSchema), headers: revalidation.headers },
          304: notModified('the claim as the caller would get it'),
          404: notFound,
        },
      }),
      allow(CALLERS.claimsReader),
      async (c) => {
        const caller = c.var.caller;
        const id = c.req.param('id');
        const scope = companyScope(caller);
        const seesLimits = seesLiabilityLimit(caller);
        const viewOf = (drawn: DrawnFrom) => [REPRESENTATION, readerOf(caller), id, drawn.event, drawn.companies, drawn.rates];
        const held = c.req.header('if-none-match');
        if (held !== undefined) {
          // A client that holds the claim: one small read tells whether it is still what they hold.
          const drawnFrom = await claimVersion(deps.db, scope, id, seesLimits, deps.held?.claims);
          if (!drawnFrom) throw new NotFoundError(`Claim ${id}`);
          const current = viewNotModified(held, claimVersionOf({ id, updated_at: drawnFrom.updated_at }), viewOf(drawnFrom));
          if (current) return c.body(null, 304, { ETag: current, 'Cache-Control': REVALIDATE });
        }
        const claim = await findClaimFor(deps.db, scope, id, caller.kind === 'user' ? caller.user.id : null, seesLimits);
        if (!claim) throw new NotFoundError(`Claim ${id}`);
        const now = new Date();
        const [presented] = await present([claim], caller, now);
        return c.json(presented!, 200, { ETag: viewEtag(claimVersionOf(claim), viewOf(claim), redrawnAt(claim, now)), 'Cache-Control': REVALIDATE });
      },
    )
    .patch(
      '/:id',
      describeRoute({
        operationId: 'amendClaim',
        tags: ['Claims'],
        summary: 'Correct facts of a claim (host backend, handler)',
        description:
          'A JSON merge patch (RFC 7396; application/json or application/merge-patch+json) of the facts intake took: carrier, trackingNumber, description, incidentAt, declaredValue, claimedAmount, origin, destination, originCountry, destinationCountry, packages, grossWeightKg. ' +
          'A field sent replaces the claim’s, null takes an optional one out, a field left out stays. company, externalRef, type, goods and scope stay as opened. ' +
          'The claim, so corrected, must be one POST /claims would take; its deadline is counted again when incidentAt or a country changes. ' +
          'Until the claim is filed (notified, documentation, review). The change is logged as one claim.amended event naming each field before and after, on the timeline and the live stream, by whoever sent it; a patch that changes nothing logs nothing (200). ' +
          'With If-Match (the ETag of GET /claims/{id} or of an earlier correction’s answer), only while the claim is as the caller read it: any change of the claim since (a message, a document, a move) is a 412.',
        parameters: [ifMatchParameter],
        responses: {
          200: { ...json('Corrected, or already as asked.', ClaimSchema), headers: { ETag: etagHeader } },
          412: preconditionFailed,
          400: problem(
            'The body is not a correction (each field named in `errors`): no field, a field that cannot be amended or is not a claim’s, a value that is not valid, or values that together do not make a claim (a national claim across a border, a claimed amount in another currency).',
          ),
          404: notFound,
          409: problem('The claim was filed, declined or closed: it no longer takes corrections.', ClaimNotAmendableSchema),
        },
      }),
      allow(CALLERS.claimOpener),
      validate('json', AmendClaimSchema),
      async (c) => {
        const caller = c.var.caller;
        const claim = await amendClaim(deps, {
          claimId: c.req.param('id'),
          companyId: companyScope(caller),
          patch: c.req.valid('json'),
          actor: actorOf(caller),
          ifMatch: c.req.header('if-match'),
        });
        return c.json(await presentOne(claim, caller), 200, { ETag: claimEtag(claim) });
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
