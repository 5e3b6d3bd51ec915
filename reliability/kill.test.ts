import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { signUserToken } from '../api/auth/tokens.ts';
import { readSse } from '../api/testing/sse.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { createDatabase, enginesToRun, knob, startApi, thousands, type ApiProcess, type Database } from './lib/api-process.ts';
import { compare, Ledger, snapshot, type AckedWrite, type Status, type StoredEvent } from './lib/ledger.ts';
import { random } from './lib/random.ts';

// SIGKILL under a write load, round after round on one database: several clients open claims
// (unique externalRefs) and move them through their lifecycle; every 2xx is written down; the
// API process is killed with SIGKILL at a random moment, restarted on the same database, and
// every acknowledged write must be there — the claim, its claim.created event, each acknowledged
// move's status (or a later one) and its event — with the event log's ids strictly increasing,
// nothing from before the crash lost or changed, `PRAGMA integrity_check` ok on SQLite, and the
// live stream replaying the whole log in order, each event once.
//
//   KILL_ROUNDS=50 KILL_CLIENTS=12 KILL_SEED=7 KILL_MIN_MS=100 KILL_MAX_MS=3000 npm run test:reliability

const ROUNDS = knob('KILL_ROUNDS', 10);
const CLIENTS = knob('KILL_CLIENTS', 6);
const SEED = knob('KILL_SEED', 20_261_128);
const MIN_MS = knob('KILL_MIN_MS', 250);
const MAX_MS = knob('KILL_MAX_MS', 1500);

const COMPANIES = [
  { id: 'ferreteria', name: 'Ferretería Martínez S.L.', admin: USERS.admin },
  { id: 'textiles', name: 'Textiles del Sur S.A.', admin: USERS.otherAdmin },
] as const;

interface Owned {
  id: string;
  companyIndex: number;
  status: Status;
}

/** The next move of a claim in `status`, as the load makes it: forward only, so "a later status" is well defined. */
function nextMove(status: Status, rnd: () => number): { kind: AckedWrite['kind']; path: string; body?: unknown; as: 'admin' | 'handler' } | null {
  switch (status) {
    case 'notified':
      return rnd() < 0.85 ? { kind: 'accept', path: 'accept', as: 'admin' } : { kind: 'decline', path: 'decline', body: { reason: 'Not worth claiming.' }, as: 'admin' };
    case 'documentation':
      return { kind: 'transition', path: 'transitions', body: { to: 'review' }, as: 'handler' };
    case 'review':
      return { kind: 'transition', path: 'transitions', body: { to: 'submitted', note: 'Filed with the carrier.' }, as: 'handler' };
    case 'submitted':
      return { kind: 'transition', path: 'transitions', body: { to: 'resolved', outcome: 'paid', amount: { amountCents: 1000, currency: 'EUR' } }, as: 'handler' };
    case 'resolved':
      return { kind: 'transition', path: 'transitions', body: { to: 'closed' }, as: 'handler' };
    default:
      return null;
  }
}

interface RoundResult {
  acked: number;
  attempted: number;
  unexpected: string[];
}

/** Clients writing until the process dies; `killed()` says whether a lost request is the kill's doing. */
async function load(api: ApiProcess, ledger: Ledger, round: number, owned: Owned[][], rnd: () => number, killed: () => boolean): Promise<RoundResult> {
  const tokens = {
    handler: await signUserToken(JWT_SECRET, USERS.handler),
    admins: await Promise.all(COMPANIES.map((c) => signUserToken(JWT_SECRET, c.admin))),
  };
  const result: RoundResult = { acked: 0, attempted: 0, unexpected: [] };
  let serial = 0;

  async function send(path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: any } | 'lost'> {
    result.attempted++;
    try {
      const res = await fetch(`${api.url}/api/v1${path}`, {
        method: body === undefined && !path.endsWith('/accept') ? 'GET' : 'POST',
        headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    } catch (error) {
      if (killed()) return 'lost';
      result.unexpected.push(`${path}: no answer while the API was up (${(error as Error).message})`);
      return 'lost';
    }
  }

  async function client(index: number): Promise<void> {
    const mine = owned[index]!;
    while (!killed()) {
      const movable = mine.filter((c) => nextMove(c.status, () => 0.5) !== null);
      if (movable.length === 0 || rnd() < 0.35) {
        const companyIndex = (index + serial) % COMPANIES.length;
        const company = COMPANIES[companyIndex]!;
        const externalRef = `KILL-${SEED}-${round}-${index}-${serial++}`;
        const answer = await send('/claims', { 'X-Api-Key': API_KEY }, claimInput({ company: { id: company.id, name: company.name }, externalRef }));
        if (answer === 'lost') return;
        if (answer.status === 201 || answer.status === 200) {
          ledger.created(answer.json.id, externalRef, company.id, round);
          result.acked++;
          mine.push({ id: answer.json.id, companyIndex, status: 'notified' });
        } else result.unexpected.push(`POST /claims answered ${answer.status}: ${JSON.stringify(answer.json)}`);
        continue;
      }
      const claim = movable[Math.floor(rnd() * movable.length)]!;
      const move = nextMove(claim.status, rnd)!;
      const auth = { Authorization: `Bearer ${move.as === 'handler' ? tokens.handler : tokens.admins[claim.companyIndex]}` };
      const answer = await send(`/claims/${claim.id}/${move.path}`, auth, move.body);
      if (answer === 'lost') return;
      if (answer.status === 200) {
        ledger.moved(claim.id, move.kind, answer.json.status, round);
        result.acked++;
        claim.status = answer.json.status;
      } else if (answer.status === 409) {
        // Moved already: a move of the last round committed but was never acknowledged. Catch up.
        const now = await send(`/claims/${claim.id}`, { 'X-Api-Key': API_KEY });
        if (now === 'lost') return;
        if (now.status === 200) claim.status = now.json.status;
      } else result.unexpected.push(`${move.kind} of ${claim.id} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  return result;
}

/** Replays the whole log over the live stream (Last-Event-ID 0, as the handler): strictly increasing ids, each once, all of them. */
async function replayProblems(api: ApiProcess, claimEventIds: number[]): Promise<string[]> {
  const token = await signUserToken(JWT_SECRET, USERS.handler);
  const stream = readSse(await fetch(`${api.url}/api/v1/events`, { headers: { Authorization: `Bearer ${token}`, 'Last-Event-ID': '0' } }));
  const last = claimEventIds.at(-1);
  try {
    if (last !== undefined) await stream.until(() => stream.ids().includes(last), 15_000);
  } catch (error) {
    return [`the live stream did not replay the log up to event ${last}: ${(error as Error).message}`];
  } finally {
    await stream.close();
  }
  const ids = stream.ids();
  const problems: string[] = [];
  for (let i = 1; i < ids.length; i++) if (!(ids[i]! > ids[i - 1]!)) problems.push(`the live stream sent event ${ids[i]} after ${ids[i - 1]}`);
  const seen = new Set(ids);
  const missing = claimEventIds.filter((id) => !seen.has(id));
  if (missing.length) problems.push(`the live stream's replay missed ${missing.length} event(s) of the log, e.g. ${missing.slice(0, 5).join(', ')}`);
  return problems;
}

for (const engine of enginesToRun()) {
  describe(`SIGKILL under a write load on ${engine}`, () => {
    let db: Database | undefined;
    let api: ApiProcess | undefined;
    after(async () => {
      await api?.kill();
      await db?.dispose();
    });

    it(`keeps every acknowledged write through ${ROUNDS} kills`, { timeout: Math.max(10, ROUNDS) * 30_000 }, async () => {
      db = await createDatabase(engine, 'kill');
      const ledger = new Ledger();
      // One generator for the kill moments (the same every run for a seed), another for the moves.
      const killAt = random(SEED + (engine === 'postgres' ? 1 : 0));
      const rnd = random(SEED + 1000);
      const owned: Owned[][] = Array.from({ length: CLIENTS }, () => []);
      let before: StoredEvent[] = [];
      let survived = 0;
      const started = Date.now();
      const lines: string[] = [];

      for (let round = 1; round <= ROUNDS + 1; round++) {
        api = await startApi(db);
        if (round > 1) {
          // The process was SIGKILLed at the end of the last round; this one just started on the same database.
          const now = await snapshot(db);
          const claimEvents = now.events.filter((e) => e.claimId !== null).map((e) => e.id);
          const problems = [...compare(ledger, now, before), ...(await replayProblems(api, claimEvents))];
          assert.deepEqual(problems, [], `after kill ${round - 1} on ${engine} (KILL_SEED=${SEED}):\n${problems.slice(0, 30).join('\n')}`);
          survived++;
          before = now.events;
          // Carry on from what is stored: moves that committed unacknowledged are taken as made.
          for (const list of owned) for (const claim of list) claim.status = now.statuses.get(claim.id) ?? claim.status;
        }
        if (round > ROUNDS) break;

        let killed = false;
        const delay = MIN_MS + Math.floor(killAt() * (MAX_MS - MIN_MS));
        const running = load(api, ledger, round, owned, rnd, () => killed);
        await new Promise((resolve) => setTimeout(resolve, delay));
        killed = true;
        await api.kill();
        const result = await running;
        assert.deepEqual(result.unexpected, [], `round ${round} on ${engine}: answers a valid write load should never get`);
        lines.push(`round ${round}: killed after ${delay} ms, ${result.acked} of ${result.attempted} writes acknowledged`);
      }
      await api!.stop();
      api = undefined;

      const summary = `kill rounds survived: ${survived}/${ROUNDS}, ${thousands(ledger.writes)} acknowledged writes checked (${engine}: ${thousands(ledger.claims.size)} claims, ${CLIENTS} clients, KILL_SEED=${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s)`;
      console.log(`${lines.join('\n')}\n${summary}`);
      assert.equal(survived, ROUNDS);
    });
  });
}
