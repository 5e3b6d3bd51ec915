import type { ClaimType, Goods, Outcome } from '../domain/constants.ts';
import { rebuildAnalytics } from '../api/analytics/read-models.ts';
import type { UserPrincipal } from '../api/auth/principal.ts';
import { postMessage } from '../api/chat/chat.commands.ts';
import { assignClaim, createClaim, moveClaim } from '../api/claims/claims.commands.ts';
import type { CreateClaimInput } from '../api/claims/claims.schema.ts';
import { reviewDocument } from '../api/documents/documents.commands.ts';
import { actorOf } from '../api/events/actor.ts';
import type { WriteDeps } from '../api/events/record.ts';
import { syncUserFromToken } from '../api/users/users.commands.ts';
import { DEMO_COMPANY, DEMO_USERS, samplePdf } from './seed.ts';

// Half a year of Ferretería Martínez's claims that have run their course (Ana uploads their
// documents), so that every panel of the console's analytics shows something: claims opened week
// after week against several carriers, each type,
// scope and both handlers; accepted or declined; documents uploaded and reviewed (some rejected
// first); chats the handler answered; filed before their deadline or after it; resolved as paid,
// partially paid or denied, in euros and once in pounds; closed when old enough. The youngest are
// still under way, the last with its deadline close. Deterministic for a given day: what varies comes from a seeded sequence.
//
// Each step runs as it would in use (the commands; the uploads through the API, as the widget
// sends them) and its events are then moved back to the moment the history gives them. The log
// so rewritten, the analytics are rebuilt from it.

type Handler = 'carmen' | 'javier';
type Person = 'ana' | Handler;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CLAIMS = 30;
/** The oldest claim opened this many days ago; the others follow about every six days. */
const OLDEST_DAYS = 180;
const CARRIERS = ['SEUR', 'MRW', 'DHL Freight', 'Palletways Iberia', 'Correos Express', 'TIPSA'];
const TYPES: readonly ClaimType[] = ['breakage', 'loss', 'theft', 'robbery'];
const OUTCOMES: readonly Outcome[] = ['paid', 'paid', 'partially_paid', 'denied', 'paid', 'partially_paid'];
const DESCRIPTIONS: Record<ClaimType, string> = {
  breakage: 'Mercancía entregada con golpes; varias unidades inservibles.',
  loss: 'El envío no llegó a destino y el transportista no lo localiza.',
  theft: 'Bulto entregado con el precinto cortado; faltan unidades.',
  robbery: 'Robo del vehículo durante el transporte; mercancía sustraída.',
};

/** A deterministic sequence, so the demo tells the same history every time it is seeded. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return Math.floor(((state >>> 8) / 2 ** 24) * below);
  };
}

/**
 * Seeds the history into a demo just filled by seedDemo and seedThroughApi, then rebuilds the
 * analytics from the log (the earlier seed rewrote its times too). `tokenOf` signs a demo
 * person's token, for the uploads.
 */
export async function seedAnalyticsHistory(deps: WriteDeps, apiUrl: string, tokenOf: (person: 'ana') => Promise<string>): Promise<void> {
  const people = {} as Record<Person, UserPrincipal>;
  for (const key of ['ana', 'carmen', 'javier'] as const) {
    const user = DEMO_USERS[key];
    const row = await syncUserFromToken(deps, { companyId: user.company, companyName: user.companyName, externalId: user.sub, name: user.name, email: user.email, role: user.role });
    people[key] = { kind: 'user', user: row, role: row.role, companyId: row.company_id, tokenExpiresAt: Math.floor(Date.now() / 1000) + 3600 };
  }
  const anaToken = await tokenOf('ana');
  const random = sequence(20_261_209);
  const now = Date.now();
  for (let i = 0; i < CLAIMS; i++) {
    await seedPastClaim(deps, { apiUrl, anaToken, people, random, now }, i);
  }
  await rebuildAnalytics(deps.db);
}

interface Context {
  apiUrl: string;
  anaToken: string;
  people: Record<Person, UserPrincipal>;
  random: (below: number) => number;
  now: number;
}

async function seedPastClaim(deps: WriteDeps, { apiUrl, anaToken, people, random, now }: Context, i: number): Promise<void> {
  const openedAt = now - (OLDEST_DAYS - i * 6) * DAY + random(10) * HOUR;
  // The youngest is a theft (7 calendar days to file) still collecting its documents: at risk now.
  const atRisk = i === CLAIMS - 1;
  const type = atRisk ? 'theft' : TYPES[i % TYPES.length]!;
  const goods: Goods = i % 3 === 0 ? 'pallet' : 'parcel';
  const abroad = i % 5 === 2;
  const inPounds = i === 8;
  const currency = inPounds ? 'GBP' : 'EUR';
  const declared = (150 + random(60) * 100) * 100;
  const claimed = Math.round((declared * (50 + random(51))) / 100);
  const handler: Handler = i % 3 === 2 ? 'javier' : 'carmen';
  const input: CreateClaimInput = {
    company: DEMO_COMPANY,
    externalRef: `HIST-2026-${String(i + 1).padStart(3, '0')}`,
    type,
    goods,
    scope: abroad || inPounds ? 'international' : 'national',
    carrier: CARRIERS[(i * 5) % CARRIERS.length]!,
    trackingNumber: `HIST-${100_000 + i * 7919}`,
    description: DESCRIPTIONS[type],
    incidentAt: new Date(openedAt - (6 + random(30)) * HOUR).toISOString(),
    declaredValue: { amountCents: declared, currency },
    claimedAmount: { amountCents: claimed, currency },
    packages: goods === 'pallet' ? 1 + random(4) : 1,
    ...(abroad || inPounds ? { originCountry: 'ES', destinationCountry: inPounds ? 'GB' : (['FR', 'PT', 'IT'] as const)[i % 3] } : {}),
  };

  let claimId = '';
  let lastEvent = 0;
  let at = openedAt;
  /** Runs a step, then gives the events it appended the step's moment (a second apart, in order). */
  const step = async (after: number, run: () => Promise<unknown>): Promise<boolean> => {
    const when = at + after;
    if (when > now - HOUR) return false;
    await run();
    const events = await deps.db.selectFrom('claim_events').select(['id', 'type', 'data']).where('claim_id', '=', claimId).where('id', '>', lastEvent).orderBy('id').execute();
    for (const [n, event] of events.entries()) {
      const moment = new Date(when + n * 1000).toISOString();
      await deps.db.updateTable('claim_events').set({ created_at: moment }).where('id', '=', event.id).execute();
      if (event.type === 'message.posted') {
        const messageId = (JSON.parse(event.data) as { message: { id: string } }).message.id;
        await deps.db.updateTable('messages').set({ created_at: moment }).where('id', '=', messageId).execute();
      }
      lastEvent = Number(event.id);
    }
    at = when;
    return true;
  };
  const by = (person: Person) => ({ actor: actorOf(people[person]) });
  const move = (to: 'review' | 'submitted' | 'resolved' | 'closed', extra: { outcome?: Outcome; amount?: { amountCents: number; currency: string }; note?: string } = {}) =>
    moveClaim(deps, { claimId, companyId: null, to, mover: 'handler', ...by(handler), ...extra });
  const say = (person: Person, body: string) => postMessage(deps, people[person], claimId, { body, clientId: `hist-${i}-${lastEvent}-${person}` });
  const upload = async (requirementId: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([samplePdf(name)], { type: 'application/pdf' }), `${name}.pdf`);
    const res = await fetch(`${apiUrl}/api/v1/claims/${claimId}/documents/${requirementId}/files`, { method: 'POST', headers: { Authorization: `Bearer ${anaToken}` }, body: form });
    if (!res.ok) console.warn(`demo seed: uploading to ${input.externalRef} answered ${res.status}: ${await res.text()}`);
  };

  const { claim } = await createClaim(deps, input, { kind: 'service', id: null, name: 'ERP Ferretería Martínez' });
  claimId = claim.id;
  const deadline = Date.parse(claim.deadline_at);
  await step(0, async () => {});
  await step((1 + random(4)) * HOUR, () => assignClaim(deps, claimId, { handlerId: people[handler].user.id }, by(handler).actor));
  if (i % 11 === 5) {
    await step((5 + random(30)) * HOUR, () => moveClaim(deps, { claimId, companyId: null, to: 'declined', mover: 'customer', reason: 'El importe no compensa la gestión.', ...by('ana') }));
    return finish(deps, claimId, openedAt, at);
  }
  if (!(await step((3 + random(24)) * HOUR, () => moveClaim(deps, { claimId, companyId: null, to: 'documentation', mover: 'customer', ...by('ana') })))) return finish(deps, claimId, openedAt, at);
  await step((1 + random(18)) * HOUR, () => say('ana', '¿Qué documentos necesitáis para empezar?'));
  await step((10 + random(8 * 60)) * 60_000, () => say(handler, 'Hola, la factura y las fotos del daño, o la denuncia si hubo robo. Con eso lo reviso enseguida.'));
  if (atRisk) return finish(deps, claimId, openedAt, at);

  const requirements = await deps.db.selectFrom('claim_documents').select(['id', 'kind']).where('claim_id', '=', claimId).where('required', '=', 1).orderBy('position').limit(2).execute();
  for (const [n, requirement] of requirements.entries()) {
    if (!(await step((2 + random(30)) * HOUR, () => upload(requirement.id, requirement.kind)))) return finish(deps, claimId, openedAt, at);
    if ((i + n) % 4 === 1) {
      await step((1 + random(20)) * HOUR, () => reviewDocument(deps, people[handler], claimId, requirement.id, { decision: 'rejected', reason: 'No se lee bien: súbelo escaneado, por favor.' }));
      if (!(await step((4 + random(30)) * HOUR, () => upload(requirement.id, `${requirement.kind}-2`)))) return finish(deps, claimId, openedAt, at);
    }
    if (!(await step((1 + random(24)) * HOUR, () => reviewDocument(deps, people[handler], claimId, requirement.id, { decision: 'accepted' })))) return finish(deps, claimId, openedAt, at);
  }
  const current = await deps.db.selectFrom('claims').select('status').where('id', '=', claimId).executeTakeFirstOrThrow();
  if (current.status === 'documentation' && !(await step((2 + random(20)) * HOUR, () => move('review', { note: 'Lo esencial está; reviso el expediente.' })))) return finish(deps, claimId, openedAt, at);

  // One claim in four is filed after its deadline; the others before it, when there is time left.
  const late = i % 4 === 1;
  const filing = late ? Math.max(deadline + (1 + random(4)) * DAY - at, 4 * HOUR) : Math.max(4 * HOUR, Math.min((6 + random(30)) * HOUR, deadline - at - HOUR));
  if (!(await step(filing, () => move('submitted', { note: `Reclamación presentada a ${input.carrier}.` })))) return finish(deps, claimId, openedAt, at);
  const outcome = OUTCOMES[i % OUTCOMES.length]!;
  const paid = outcome === 'paid' ? claimed : outcome === 'partially_paid' ? Math.round(claimed * (0.3 + random(50) / 100)) : 0;
  const resolved = await step((5 + random(35)) * DAY, () =>
    move('resolved', { outcome, ...(outcome === 'denied' ? {} : { amount: { amountCents: paid, currency } }), note: outcome === 'denied' ? `${input.carrier} rechaza la reclamación.` : `${input.carrier} abona la indemnización.` }),
  );
  if (resolved) await step((2 + random(8)) * DAY, () => move('closed'));
  return finish(deps, claimId, openedAt, at);
}

/** The claim's row as its history left it: opened, and last changed, when the history says. */
async function finish(deps: WriteDeps, claimId: string, openedAt: number, lastAt: number): Promise<void> {
  await deps.db.updateTable('claims').set({ created_at: new Date(openedAt).toISOString(), updated_at: new Date(lastAt).toISOString() }).where('id', '=', claimId).execute();
}
