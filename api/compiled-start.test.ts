import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from './db/connect.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from './testing/database.ts';
import { API_KEY, claimInput, JWT_SECRET } from './testing/harness.ts';
import { checkedFetch } from './testing/openapi-check.ts';

// Production's start, `npm ci && npm run build && npm run api`: the API compiled by
// tsconfig.build.json and run by plain Node, without a TypeScript loader and without mjml, on a
// fresh database. It is built into a directory of its own laid out as the repository is
// (package.json, node_modules, scripts, dist/), so the checkout's dist/ is neither needed nor
// touched. tsc emits without checking types (--noCheck: the same JavaScript, every module being
// isolated; `npm run typecheck` checks the types), which is a third of its time.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Refuses tsx and mjml in the process it is loaded into (see the file). */
const REFUSE_DEV_DEPENDENCIES = fileURLToPath(new URL('./testing/refuse-dev-dependencies.mjs', import.meta.url));
const MIGRATIONS = readdirSync(path.join(ROOT, 'migrations')).map((file) => file.replace(/\.ts$/, '')).sort();

let dir: string;

/** Settings as an operator sets them, with none of the test runner's: no TypeScript loader in NODE_OPTIONS, no SMTP server. */
function productionEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAIMS_JWT_SECRET: JWT_SECRET, CLAIMS_API_KEY: API_KEY, ...settings };
  for (const name of ['NODE_OPTIONS', 'TEST_DATABASE_URL', 'SMTP_URL', 'PUBLIC_CLAIM_URL']) delete env[name];
  return env;
}

/** `npm run --silent <script>` in the built directory, with the refusal of tsx and mjml loaded into every Node process it starts. */
function npmRun(script: string, settings: Record<string, string> = {}): SpawnSyncReturns<string> {
  const env = { ...productionEnv(settings), NODE_OPTIONS: `--import=${pathToFileURL(REFUSE_DEV_DEPENDENCIES).href}` };
  return spawnSync('npm', ['run', '--silent', script], { cwd: dir, env, encoding: 'utf8' });
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}: not within ${timeoutMs / 1000} s`);
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-compiled-'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const shared of ['node_modules', 'scripts']) symlinkSync(path.join(ROOT, shared), path.join(dir, shared));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('before a build', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite' }, () => {
  it('the refusal of development dependencies fails a process that imports mjml, or requires it', () => {
    for (const code of [`await import('mjml')`, `import { createRequire } from 'node:module'; createRequire(process.cwd() + '/')('mjml')`]) {
      const run = spawnSync(process.execPath, ['--import', REFUSE_DEV_DEPENDENCIES, '--input-type=module', '-e', code], { cwd: ROOT, env: productionEnv({}), encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /refused: .*mjml/);
    }
  });

  it('npm run api and npm run migrate say to build first, in one line', () => {
    for (const [script, file] of [
      ['api', 'dist/api/server.js'],
      ['migrate', 'dist/api/db/migrate-cli.js'],
    ] as const) {
      const run = npmRun(script);
      assert.notEqual(run.status, 0);
      assert.equal(run.stderr.trim(), `${file} is missing: run \`npm run build\` first (it compiles the API to dist/).`);
    }
  });
});

describe(`the compiled API on ${testEngine}, started by plain Node`, () => {
  let databaseUrl: string;
  let url: string;
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null> = Promise.resolve(null);
  let kill = () => {};

  before(async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist'), '--noCheck'], {
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `tsc -p tsconfig.build.json failed:\n${build.stdout}${build.stderr}`);
    // What `npm run build` puts beside the compiled API: a stand-in, to see it served from there.
    mkdirSync(path.join(dir, 'dist/widget'));
    writeFileSync(path.join(dir, 'dist/widget/claimdesk.js'), 'export const built = true;\n');

    databaseUrl = testEngine === 'postgres' ? await createTestDatabaseUrl() : `sqlite:${path.join(dir, 'data/claimdesk.sqlite')}`;
    const child = spawn(process.execPath, ['--import', REFUSE_DEV_DEPENDENCIES, 'dist/api/server.js'], {
      cwd: dir,
      env: productionEnv({ PORT: '0', DATABASE_URL: databaseUrl, DATA_DIR: path.join(dir, 'data') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', resolve));
    kill = () => child.kill('SIGTERM');
    await until(async () => /Claimdesk API on http:\/\//.test(stdout) || child.exitCode !== null, 'the compiled API listening');
    const listening = stdout.match(/Claimdesk API on (http:\/\/[^\s"/]+)\/api\/v1/)?.[1];
    assert.ok(listening, `the compiled API did not start:\n${stdout}${stderr}`);
    url = listening.replace('localhost', '127.0.0.1');
  });
  after(async () => {
    kill();
    await exited;
    if (testEngine === 'postgres') await dropTestDatabase(databaseUrl);
  });

  it('migrated the fresh database with the compiled migrations, and answers /health', async () => {
    const db = openDatabase(databaseUrl);
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      assert.deepEqual(rows.map((row) => row.name), MIGRATIONS);
    } finally {
      await db.destroy();
    }
    const health = await checkedFetch(`${url}/api/v1/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
  });

  it('serves the OpenAPI document and the reference page with Swagger UI’s assets', async () => {
    const document = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.match(document.openapi, /^3\./);
    assert.ok(document.paths['/claims'], 'the document describes /claims');
    const page = await fetch(`${url}/api/v1/reference/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /swagger-ui-bundle\.js/);
    const bundle = await fetch(`${url}/api/v1/reference/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000, 'Swagger UI’s bundle, read from node_modules');
  });

  it('serves the widget from dist/widget, beside the compiled API', async () => {
    const widget = await fetch(`${url}/widget/claimdesk.js`);
    assert.equal(widget.status, 200);
    assert.equal(await widget.text(), 'export const built = true;\n');
  });

  it('takes a claim from the host with the API key and renders its email into the mailbox', async () => {
    const company = { id: `compiled-${Date.now().toString(36)}`, name: 'Ferretería Martínez S.L.' };
    const admin = { name: 'Ana Martínez', email: `ana@${company.id}.test`, role: 'admin', lang: 'en', companyName: company.name };
    const synced = await checkedFetch(`${url}/api/v1/companies/${company.id}/users/ana`, {
      method: 'PUT',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(admin),
    });
    assert.ok(synced.ok, `PUT user: ${synced.status}`);
    const created = await checkedFetch(`${url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(claimInput({ company })),
    });
    assert.equal(created.status, 201);
    const { reference } = (await created.json()) as { reference: string };

    const db = openDatabase(databaseUrl);
    try {
      const mailbox = () => db.selectFrom('mailbox').select(['subject', 'html', 'text']).where('to_address', '=', admin.email).execute();
      await until(async () => (await mailbox()).length > 0, 'the claim’s email in the mailbox');
      const [email] = await mailbox();
      assert.equal(email!.subject, `New claim ${reference}: accept or decline handling it`);
      assert.match(email!.html, /<html[^>]* lang="en"/);
      assert.ok(email!.html.includes(reference) && email!.text.includes(reference));
    } finally {
      await db.destroy();
    }
  });

  it('makes a HEIC’s thumbnail in a worker thread that runs the compiled worker module, without tsx', () => {
    // A script of its own, not -e: a worker thread is started with its parent's flags, and --input-type is refused for a file.
    const script = path.join(dir, 'heic-thumbnail.mjs');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
      import { MemoryStorage } from './dist/api/storage/memory.js';
      import { makeThumbnail } from './dist/api/documents/thumbnail.js';
      const storage = new MemoryStorage();
      const target = await storage.create();
      target.stream.end(readFileSync(${JSON.stringify(path.join(ROOT, 'api/documents/fixtures/turned.heic'))}));
      await target.commit();
      const key = await makeThumbnail(storage, target.key, 'image/heic');
      process.stdout.write(key ? storage.objects.get(key).subarray(8, 12).toString() : 'none');`,
    );
    const run = spawnSync(process.execPath, ['--import', REFUSE_DEV_DEPENDENCIES, script], { cwd: dir, env: productionEnv({}), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'WEBP', 'a WebP thumbnail');
  });

  it('stops on SIGTERM with exit code 0, having loaded neither tsx nor mjml', async () => {
    kill();
    assert.equal(await exited, 0, stderr);
    assert.doesNotMatch(stderr, /refused/);
  });

  it('npm run migrate runs the compiled migrations too: the database is up to date', () => {
    const run = npmRun('migrate', { DATABASE_URL: databaseUrl });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /already up to date/);
  });
});
