import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { startServer, type RunningServer } from '../../api/server.ts';
import { claimInput } from '../../api/testing/harness.ts';
import { launchChromium, until } from '../../e2e/browser.ts';
import { startHostServer, type HostUser, type RunningHost } from '../host-server.ts';

// The example host apps (examples/react, examples/vue), as a host developer makes them: each
// installs the packed widget (`npm run pack:widget` → dist/claimdesk-widget.tgz), typechecks in
// strict mode, builds with vite, and runs on its own origin against the API on another, with its
// own backend signing the user's token. In Chromium: the seeded claim lists, the host's handlers
// get the typed `claims-select` and `claims-accepted` details, an expired first token is renewed
// without anything visible, and the host's CSS themes the widget.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TARBALL = path.join(REPO, 'dist/claimdesk-widget.tgz');
const JWT_SECRET = 'examples-secret-0123456789abcdef0123456789';
const API_KEY = 'examples-api-key-0123456789abcdef';

interface Example {
  name: 'react' | 'vue';
  /** The strict typecheck the example's `npm run build` runs first (`--force`: all of it, whatever tsc -b kept in node_modules/.tmp). */
  typecheck: string[];
  /** The colour its CSS gives `--claims-color-primary` and its `::part(row)` border: as written, and as computed. */
  accent: { hex: string; rgb: string };
}

const EXAMPLES: Example[] = [
  { name: 'react', typecheck: ['tsc', '-b', '--force'], accent: { hex: '#0f766e', rgb: 'rgb(15, 118, 110)' } },
  { name: 'vue', typecheck: ['vue-tsc', '-b', '--force'], accent: { hex: '#15803d', rgb: 'rgb(21, 128, 61)' } },
];

/** Runs a command, keeping its output for the failure message. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Third-party dependencies exactly as the example's lockfile says (`npm ci`, skipped while
 * node_modules is newer than the lockfile), then the widget from the tarball without saving it:
 * its integrity changes at every pack, so no lockfile could pin it.
 */
async function install(dir: string, tarball: string): Promise<void> {
  const installed = path.join(dir, 'node_modules/.package-lock.json');
  const lockfile = path.join(dir, 'package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
    await run('npm', ['ci', '--no-audit', '--no-fund'], dir);
  }
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], dir);
}

const hostText = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');
const rowTexts = (page: Page) => page.$$eval('claims-app >>> [part~="row"]', (nodes) => nodes.map((node) => node.textContent ?? ''));

/**
 * A fresh browser context on `url`, collecting the page's console errors and uncaught
 * exceptions; every claims-error the widget fires (bubbling, composed) is logged too, so the
 * same list counts it.
 */
async function openHostPage(url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await (await browser.createBrowserContext()).newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url ?? ''})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${String(error)}`));
  await page.evaluateOnNewDocument(() => {
    window.addEventListener('claims-error', (event) => console.error(`claims-error: ${JSON.stringify(event instanceof CustomEvent ? event.detail : null)}`));
  });
  await page.goto(url);
  return { page, consoleErrors };
}

/** This run's copy of the tarball: packing again elsewhere (another terminal) replaces dist/'s mid-run. */
let tarball: string;
let api: RunningServer;
let browser: Browser;
const hosts = new Map<Example['name'], RunningHost>();

before(async () => {
  assert.ok(existsSync(TARBALL), `${TARBALL} is missing: run \`npm run pack:widget\` first (npm run test:examples does)`);
  tarball = path.join(mkdtempSync(path.join(tmpdir(), 'claimdesk-examples-')), path.basename(TARBALL));
  copyFileSync(TARBALL, tarball);
  // Each host on its own origin, up first so the API can allow exactly those origins.
  for (const { name } of EXAMPLES) {
    const user: HostUser = {
      sub: `ana-${name}`,
      company: `${name}-host`,
      companyName: `Ferretería ${name}`,
      role: 'admin',
      name: 'Ana Martínez',
      email: `ana@${name}-host.test`,
      lang: 'en',
    };
    hosts.set(name, await startHostServer({ root: path.join(REPO, 'examples', name, 'dist'), port: 0, jwtSecret: JWT_SECRET, user, expiredFirstToken: true }));
  }
  api = await startServer({
    port: 0,
    databaseUrl: 'sqlite::memory:',
    jwtSecret: JWT_SECRET,
    apiKey: API_KEY,
    corsOrigins: [...hosts.values()].map((host) => host.origin),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all([...hosts.values()].map((host) => host.close()));
  await api?.close();
  if (tarball) rmSync(path.dirname(tarball), { recursive: true, force: true });
});

for (const example of EXAMPLES) {
  describe(`examples/${example.name}`, () => {
    const dir = path.join(REPO, 'examples', example.name);
    const bin = (tool: string) => path.join(dir, 'node_modules/.bin', tool);
    let claim: { id: string; reference: string };
    let page: Page;
    let consoleErrors: string[];

    /**
     * What the checks need (install, typecheck, build, the page showing the claim): once one
     * fails, what follows is skipped rather than failed again, so a failed install reports once.
     */
    let failedPrerequisite: string | undefined;
    const prerequisite = (name: string, body: () => Promise<void>, timeout = 30_000) =>
      it(name, { timeout }, async (t) => {
        if (failedPrerequisite) return t.skip(`"${failedPrerequisite}" failed`);
        try {
          await body();
        } catch (error) {
          failedPrerequisite = name;
          throw error;
        }
      });
    const check = (name: string, body: () => Promise<void>) =>
      it(name, { timeout: 30_000 }, async (t) => (failedPrerequisite ? t.skip(`"${failedPrerequisite}" failed`) : body()));

    prerequisite('installs the widget from the packed tarball', () => install(dir, tarball), 120_000);

    prerequisite('typechecks in strict mode', () => {
      const [tool, ...args] = example.typecheck;
      return run(bin(tool!), args, dir);
    }, 120_000);

    prerequisite('builds with vite', () => run(bin('vite'), ['build', '--logLevel', 'warn'], dir, { VITE_CLAIMS_API_BASE: `${api.url}/api/v1` }), 120_000);

    prerequisite('lists the claim the host backend opened', async () => {
      const res = await fetch(`${api.url}/api/v1/claims`, {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify(
          claimInput({
            company: { id: `${example.name}-host`, name: `Ferretería ${example.name}` },
            externalRef: `EXAMPLE-${example.name}`,
            incidentAt: new Date(Date.now() - 86_400_000).toISOString(),
          }),
        ),
      });
      const body: unknown = await res.json();
      assert.equal(res.status, 201, JSON.stringify(body));
      claim = body as { id: string; reference: string };

      ({ page, consoleErrors } = await openHostPage(hosts.get(example.name)!.origin));
      const rows = await until(
        page,
        async () => {
          const texts = await rowTexts(page);
          return texts.length > 0 && texts;
        },
        'the claim rows',
      ).catch((error: unknown) => {
        // A widget that never got a usable token shows nothing: the page's errors say why.
        throw new Error(`${String(error)}; console errors: ${JSON.stringify(consoleErrors)}`);
      });
      assert.equal(rows.length, 1, rows.join(' | '));
      assert.match(rows[0]!, new RegExp(claim.reference));
    });

    check('themes the widget from the host’s CSS: a custom property and a ::part rule', async () => {
      const row = await page.evaluate(() => {
        const app = document.querySelector('claims-app');
        const list = app?.shadowRoot?.querySelector('claims-list');
        const node = list?.shadowRoot?.querySelector('[part~="row"]');
        if (!node) return null;
        const style = getComputedStyle(node);
        return { primary: style.getPropertyValue('--claims-color-primary').trim(), border: style.borderInlineStartColor, width: style.borderInlineStartWidth };
      });
      assert.ok(row, 'a row inside claims-list inside claims-app');
      assert.equal(row.primary, example.accent.hex, 'the host’s --claims-color-primary reaches the shadow root');
      assert.equal(row.border, example.accent.rgb, 'claims-app::part(row) applies');
      assert.equal(row.width, '4px', 'claims-app::part(row) applies');
    });

    check('hands the host’s claims-select handler the claim’s id', async () => {
      await page.click('claims-app >>> [part~="row"]');
      await until(page, async () => (await hostText(page, '#last-selected')) === `last selected: ${claim.id}`, 'the host to show the selected id');
    });

    check('hands the host’s claims-accepted handler the claim’s reference', async () => {
      const accept = await until(page, () => page.$('claims-app >>> [part~="accept-button"]:not([disabled])'), 'the Accept button');
      const background = await accept.evaluate((node) => getComputedStyle(node).backgroundColor);
      assert.equal(background, example.accent.rgb, 'the widget’s primary button takes the host’s --claims-color-primary');
      await accept.click();
      await until(page, async () => (await hostText(page, '#accepted')) === `accepted: ${claim.reference}`, 'the host to show the accepted reference');
    });

    check('renews the expired first token through the tokenProvider, with no visible error', async () => {
      assert.ok(hosts.get(example.name)!.tokensIssued() >= 2, 'the provider was asked again after the expired token');
      // Each shadow root's rendered text (innerText leaves out what is hidden).
      const widgetText = await page.$$eval('claims-app >>> *', (nodes) =>
        nodes.map((node) => (node instanceof HTMLElement ? node.innerText : '')).join(' '),
      );
      assert.doesNotMatch(widgetText, /Could not load|token|Unauthori[sz]ed|\b401\b/i);
      assert.deepEqual(consoleErrors, [], 'no console error and no claims-error in the page');
      await page.browserContext().close();
    });

    if (example.name === 'react') {
      check('the page with the package’s React components (@claimdesk/widget/react) reaches its handlers too', async () => {
        const wrapped = await openHostPage(`${hosts.get(example.name)!.origin}/wrapper.html`);
        await until(wrapped.page, async () => (await rowTexts(wrapped.page)).some((text) => text.includes(claim.reference)), 'the claim row');
        // The component sets `apiBase` as a property, where the JSX element sets the attribute.
        assert.equal(await wrapped.page.$eval('claims-app', (node) => node.hasAttribute('api-base')), false, 'rendered by ClaimsApp from @claimdesk/widget/react');
        await wrapped.page.click('claims-app >>> [part~="row"]');
        await until(wrapped.page, async () => (await hostText(wrapped.page, '#last-selected')) === `last selected: ${claim.id}`, 'the host to show the selected id');
        assert.deepEqual(wrapped.consoleErrors, [], 'no console error and no claims-error in the page');
        await wrapped.page.browserContext().close();
      });
    }
  });
}
