import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { checkAnswer, loadServedDocument } from '../api/testing/openapi-check.ts';
import { createDatabase, enginesToRun, knob, startApi, thousands, type ApiProcess, type Database } from './lib/api-process.ts';
import { judge } from './lib/fuzz.ts';
import { describeCase, isComplete, multipartCase, sendWire, toWire, verdict, type MultipartCase, type Wire, type WireOutcome } from './lib/multipart.ts';
import { NoAnswer, sendRaw } from './lib/raw-http.ts';

// Multipart fuzzing of both upload routes, on a real API process over a fresh database, on SQLite
// and (with TEST_DATABASE_URL) PostgreSQL. Generated uploads vary the parts' field names, their
// order among text fields, the number of files (0, 1, 2, 10, 11), file sizes around
// MAX_UPLOAD_BYTES (256 KiB here, so the limit is cheap to reach), their first bytes (PDF, PNG,
// junk, executables), file names, the boundary (duplicated, missing, cut, malformed) and the
// delivery (Content-Length, chunked, or a body that never arrives whole: the client half-closes
// or drops the connection). The property, after every case: the process still runs and a fresh
// GET /api/v1/health answers 200; and a request sent whole got an answer — a 2xx or a
// problem+json 4xx with a `detail`, as the OpenAPI document declares it, 201 for an upload any
// browser could send and a refusal for one that breaks a rule.
//
//   MULTIPART_SEED=123 MULTIPART_RUNS=2000 npm run test:reliability   # another seed, more cases
//   MULTIPART_TIME_LIMIT_S=300     # per route and engine, shrinking included (default 120)
//   MULTIPART_PATH=…               # with the seed a failure printed: replays its counterexample only
//
// When a case kills the process, it is started again on the same database, so that shrinking
// tries each smaller case against a live API. A death found only when the next case begins (after
// a connection the client dropped, say) fails the route too, naming the case before it.

const SEED = knob('MULTIPART_SEED', 20_261_206);
const RUNS = knob('MULTIPART_RUNS', 400);
const TIME_LIMIT_MS = knob('MULTIPART_TIME_LIMIT_S', 120) * 1000;
const REPLAY_PATH = process.env.MULTIPART_PATH || undefined;
const MAX_UPLOAD_BYTES = 256 * 1024;

const ROUTES = [
  { name: 'POST /claims/{id}/attachments', pattern: 'attachments', path: (claim: Seeded) => `/api/v1/claims/${claim.claimId}/attachments` },
  { name: 'POST /claims/{id}/documents/{requirementId}/files', pattern: 'documents', path: (claim: Seeded) => `/api/v1/claims/${claim.claimId}/documents/${claim.requirementId}/files` },
] as const;

interface Seeded {
  claimId: string;
  requirementId: string;
  /** The member with claims access who uploads. */
  authorization: string;
}

/** A claim in documentation, and a member of its company given claims access, as the widget's users are. */
async function seed(base: string): Promise<Seeded> {
  const call = async (method: string, route: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${base}/api/v1${route}`, {
      method,
      headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding: ${method} ${route} answered ${res.status}: ${text}`);
    return JSON.parse(text) as any;
  };
  const member = `Bearer ${await signUserToken(JWT_SECRET, USERS.member)}`;
  const admin = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}` };
  await call('GET', '/me', { Authorization: member });
  const users = await call('GET', '/users', admin);
  const user = users.items.find((u: { externalId: string }) => u.externalId === USERS.member.sub);
  await call('PATCH', `/users/${user.id}`, admin, { claimsAccess: true });
  const claim = await call('POST', '/claims', { 'X-Api-Key': API_KEY }, claimInput({ externalRef: 'MULTIPART-FUZZ' }));
  await call('POST', `/claims/${claim.id}/accept`, admin);
  const documents = await call('GET', `/claims/${claim.id}/documents`, { Authorization: member });
  const requirement = documents.items.find((r: { actions: string[] }) => r.actions.includes('upload'));
  assert.ok(requirement, `the accepted claim asks for a document the member may upload: ${JSON.stringify(documents.items)}`);
  return { claimId: claim.id, requirementId: requirement.id, authorization: member };
}

const hasExited = (api: ApiProcess) => api.child.exitCode !== null || api.child.signalCode !== null;

/** How the process ended, with the end of its stderr (the uncaught error and its stack). */
const lastWords = (api: ApiProcess, code: string) => `the API process exited (${code}); its last words:\n    ${api.stderr().trim().split('\n').slice(-24).join('\n    ')}`;

/**
 * Why the process is not serving (it exited, or GET /api/v1/health on a fresh connection did not
 * answer 200), or null. `checks` health requests one after the other: after a connection the
 * client dropped, the server may still be busy with it when the first one is answered.
 */
async function deathOf(api: ApiProcess, checks = 1): Promise<string | null> {
  const exited = async () => {
    const code = await Promise.race([api.exited, sleep(2000).then(() => null)]);
    return code === null ? null : lastWords(api, code);
  };
  for (let i = 0; i < checks; i++) {
    if (hasExited(api)) return exited();
    try {
      const health = await sendRaw(api.url, { method: 'GET', path: '/api/v1/health', headers: {} }, { fresh: true, timeoutMs: 10_000 });
      if (health.status !== 200) return `GET /api/v1/health answered ${health.status}: ${health.body.slice(0, 300)}`;
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      return (await exited()) ?? `GET /api/v1/health got no answer (${error.message}) though the process runs`;
    }
  }
  return hasExited(api) ? exited() : null;
}

/** What is wrong with the answer to a case sent whole, or null. */
async function wrongAnswer(c: MultipartCase, url: URL, outcome: WireOutcome): Promise<string | null> {
  const { answer } = outcome;
  if (!answer) return `got no answer (${outcome.error ?? 'the connection closed'})`;
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400)) return `answered ${answer.status}`;
  const wrong = judge(answer);
  if (wrong) return wrong;
  const expected = verdict(c, MAX_UPLOAD_BYTES);
  if (expected.must === 'accept' && answer.status !== 201) return `answered ${answer.status} to an upload any browser could send (201 expected): ${answer.body.slice(0, 400)}`;
  if (expected.must === 'refuse' && answer.status < 400) return `answered ${answer.status} to an upload with ${expected.because}, which must be refused`;
  try {
    await checkAnswer(url, 'POST', answer.status, new Headers(answer.headers as Record<string, string>), answer.body);
  } catch (error) {
    return `answered as the OpenAPI document does not say: ${(error as Error).message}`;
  }
  return null;
}

/** Writes the bytes a case sent, for a look with `less` or a replay with netcat; returns a line saying how. */
function writeWire(dir: string, name: string, wire: Wire): string {
  const file = path.join(dir, `${name}.http`);
  writeFileSync(file, Buffer.concat([Buffer.from(wire.head, 'latin1'), wire.body]));
  const how = { wait: 'then waits for the answer', 'half-close': 'then half-closes the connection (nc -N)', drop: 'then drops the connection' }[wire.then];
  return `the bytes it sends (it ${how}) are in ${file}; the token and ids in it are this run's`;
}

for (const engine of enginesToRun()) {
  describe(`multipart uploads on ${engine}`, () => {
    let db: Database;
    let api: ApiProcess;
    let seeded: Seeded;
    /** The case sent last (on either route), and whether the property already failed on the process's death after it. */
    let previous: MultipartCase | undefined;
    let deathReported = false;
    // Attachments the fuzzer uploads are never sent: without room for them all, the unsent cap
    // (its own tests are in api/chat/unsent.test.ts) would refuse the uploads under test.
    const env = { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), MAX_UNSENT_ATTACHMENTS: '10000', MAX_UNSENT_ATTACHMENT_BYTES: String(2 ** 40) };
    const replays = path.join(tmpdir(), `claimdesk-multipart-${engine}`);

    before(async () => {
      rmSync(replays, { recursive: true, force: true });
      mkdirSync(replays, { recursive: true });
      db = await createDatabase(engine, 'multipart');
      api = await startApi(db, env);
      // Read now, so that checking an answer never needs the API that sent it to still be up.
      await loadServedDocument(api.url);
      seeded = await seed(api.url);
    });
    after(async () => {
      await api?.stop();
      await db?.dispose();
    });

    for (const [index, route] of ROUTES.entries()) {
      it(`${route.name}: the process survives every upload, and each one sent whole gets a 2xx or a problem`, { timeout: TIME_LIMIT_MS + 120_000 }, async () => {
        const statuses = new Map<string, number>();
        const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
        let cases = 0;
        let restarts = 0;
        const started = Date.now();
        /** Deaths found only when the next case began, with the case before them. */
        const lateDeaths: string[] = [];

        const property = fc.asyncProperty(multipartCase(MAX_UPLOAD_BYTES), async (c) => {
          if (hasExited(api)) {
            // Died after the health checks that followed the last case: not this case's doing, and
            // no counterexample fast-check can shrink, but a failure all the same.
            if (!deathReported) lateDeaths.push(`after ${previous ? describeCase(previous) : 'seeding'}: ${lastWords(api, await api.exited)}`);
            // The last case (or one shrinking tried) killed it: the next one deserves a live API.
            api = await startApi(db, env);
            await loadServedDocument(api.url);
            restarts++;
          }
          deathReported = false;
          previous = c;
          cases++;
          const wire = toWire(c, route.path(seeded), { Authorization: seeded.authorization });
          const outcome = await sendWire(api.port, wire);
          const problems: string[] = [];
          if (isComplete(c)) {
            count(outcome.answer ? String(outcome.answer.status) : 'no answer');
            const wrong = await wrongAnswer(c, new URL(`${api.url}${route.path(seeded)}`), outcome);
            if (wrong) problems.push(wrong);
          } else count(outcome.answer ? `${outcome.answer.status} (body cut)` : 'no answer (body cut)');
          const death = await deathOf(api, isComplete(c) ? 1 : 2);
          if (death) {
            deathReported = true;
            problems.push(death);
          }
          if (problems.length) throw new Error(problems.join('\n  '));
        });
        const details = await fc.check(property, {
          seed: SEED + index,
          numRuns: RUNS,
          ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}),
          // Not interruptAfterTimeLimit: it abandons the case in flight, and the API it may be starting with it.
          skipAllAfterTimeLimit: TIME_LIMIT_MS,
        });

        const answers = [...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${thousands(n)}`).join(' ');
        console.log(
          `multipart ${engine} ${route.name}: ${thousands(cases)} uploads (shrinking included), ${restarts} restart(s) ` +
            `(MULTIPART_SEED=${SEED}, ${RUNS} runs${details.numSkips > 0 ? `, cut short by MULTIPART_TIME_LIMIT_S after ${details.numRuns}` : ''}, ${((Date.now() - started) / 1000).toFixed(1)} s; answers ${answers})`,
        );
        if (details.failed && details.counterexample) {
          const [c] = details.counterexample;
          const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          const name = route.name.replace(/\W+/g, '_');
          assert.fail(
            [
              `${engine} ${route.name}: ${message}`,
              `  shrunk counterexample (after ${details.numRuns} runs and ${details.numShrinks} shrinks): ${describeCase(c)}`,
              `  replay: MULTIPART_SEED=${SEED} MULTIPART_PATH=${details.counterexamplePath} node --import tsx --test --test-name-pattern=${route.pattern} reliability/multipart.test.ts`,
              `  ${writeWire(replays, name, toWire(c, route.path(seeded), { Authorization: seeded.authorization }))}`,
            ].join('\n'),
          );
        }
        assert.deepEqual(lateDeaths, [], `${engine} ${route.name}: the API process died some time after a case (MULTIPART_SEED=${SEED})`);
        assert.equal(await deathOf(api), null, 'the API serves after the last case');
      });
    }
  });
}
