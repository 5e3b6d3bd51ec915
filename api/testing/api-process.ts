import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { API_KEY, JWT_SECRET } from './harness.ts';
import { checkedFetch } from './openapi-check.ts';

const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));

/** A real API process (`npm run api`), for what only several processes on one database show. */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Starts the API on `databaseUrl` on a free port, with the harness's secret and key; `env` adds
 * or (with undefined) removes settings. Resolves once it listens, with its base URL.
 */
export async function startApiProcess(databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<ApiProcess> {
  const settings: Record<string, string | undefined> = { ...process.env, TEST_DATABASE_URL: '', PORT: '0', DATABASE_URL: databaseUrl, CLAIMS_JWT_SECRET: JWT_SECRET, CLAIMS_API_KEY: API_KEY, ...env };
  for (const [name, value] of Object.entries(settings)) if (value === undefined) delete settings[name];
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { env: settings, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/on (http:\/\/\S+)\/api\/v1/);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`the API process exited with ${code} before listening: ${out}`)));
  });
  return { url, child };
}

/** Stops it as a deployment would (SIGTERM), and waits for it to exit. */
export async function stopApiProcess({ child }: ApiProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Grants or removes a user's claims access through the API at `url`, as `admin` (PATCH /users/:id, answered 200). */
export async function setClaimsAccess(url: string, admin: Record<string, string>, userId: string, claimsAccess: boolean): Promise<void> {
  const res = await checkedFetch(`${url}/api/v1/users/${userId}`, { method: 'PATCH', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ claimsAccess }) });
  await res.body?.cancel();
  assert.equal(res.status, 200);
}

/** The status GET /claims answers `caller` at `url`: 200 while they have claims access, 403 once they lost it. */
export async function claimsStatus(url: string, caller: Record<string, string>): Promise<number> {
  const res = await checkedFetch(`${url}/api/v1/claims`, { headers: caller });
  await res.body?.cancel();
  return res.status;
}
