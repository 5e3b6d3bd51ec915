/**
 * `npm run bench -- boot`: how long `<claims-app>` blocks the main thread while it boots and
 * shows a company's 50 claims, in headless Chromium (Debian's /usr/bin/chromium through
 * puppeteer-core), beside the same host page without the widget. Blocking is read from
 * PerformanceObserver('longtask'), installed before the page's first script: total blocking
 * time (the sum of each long task's time over 50 ms) and the longest task, from navigation until
 * the newest claim's reference shows (the bare page: until load) and SETTLE_MS after. Each page
 * is loaded RUNS times in a fresh browser context (a cold HTTP cache); medians are reported,
 * unthrottled and with the CPU throttled 4× (Emulation.setCPUThrottlingRate).
 *
 * An in-process API server (on an in-memory database seeded with exactly 50 claims of one
 * company) serves the built bundle (widgetDir) and the two host pages (extraRoutes).
 * Budget: with the CPU throttled 4×, ≤ 50 ms of total blocking time more than the bare page's
 * (the widget's TBT minus the host page's own, medians of the same run).
 */
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { signUserToken } from '../api/auth/tokens.ts';
import { startServer, type RunningServer } from '../api/server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { ensureBuilt } from './size.ts';
import { budgetTable, median, num, progress, ratio, round, type Budget, type PartReport } from './report.ts';

const CLAIMS = 50;
const RUNS = Number(process.env.BENCH_BOOT_RUNS ?? 7);
/** A mid-range phone, as CPU slowdown of this machine's Chromium (the photo part uses it too). */
export const THROTTLE = 4;
const SETTLE_MS = 1_000;
const READY_TIMEOUT_MS = 30_000;
const BUDGET_TBT_MS = 50;
const WIDGET_DIR = fileURLToPath(new URL('../dist/widget', import.meta.url));

interface Sample {
  tbt: number;
  longest: number;
  longTasks: number;
  readyMs: number;
}

/** Headless Chromium (Debian's) through puppeteer-core, as every browser part runs it. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

function hostPage(body: string): string {
  return `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Área de cliente</title></head>
<body>
<header><h1>Ferretería Martínez — Área de cliente</h1><nav><a href="#">Pedidos</a> · <a href="#">Facturas</a> · <a href="#">Siniestros</a></nav></header>
<main>${body}</main>
</body>
</html>`;
}

/** The long tasks of the page so far, collected by the observer installed before any script ran. */
declare global {
  interface Window {
    __longTasks?: number[];
  }
}

/**
 * A page expression true once `text` shows anywhere, shadow roots included. Source text rather
 * than a function: tsx names nested functions with a helper the page does not have.
 */
function shows(text: string): string {
  return `(() => {
    const walk = (root) => [...root.querySelectorAll('*')].some((el) =>
      (el.shadowRoot && walk(el.shadowRoot)) || [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.includes(${JSON.stringify(text)})));
    return walk(document);
  })()`;
}

async function load(browser: Browser, url: string, throttle: number, readyText: string | null): Promise<Sample> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.evaluateOnNewDocument(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks!.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load' });
    if (readyText) await page.waitForFunction(shows(readyText), { timeout: READY_TIMEOUT_MS, polling: 50 });
    const readyMs = await page.evaluate(() => performance.now());
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const tasks = await page.evaluate(() => window.__longTasks ?? []);
    return { tbt: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0), longest: Math.max(0, ...tasks), longTasks: tasks.length, readyMs };
  } finally {
    await context.close();
  }
}

function summarise(samples: Sample[]) {
  return {
    tbtMs: median(samples.map((s) => s.tbt)),
    longestMs: median(samples.map((s) => s.longest)),
    longTasks: median(samples.map((s) => s.longTasks)),
    readyMs: median(samples.map((s) => s.readyMs)),
  };
}

export async function run(): Promise<PartReport> {
  const rebuilt = ensureBuilt();
  const token = await signUserToken(JWT_SECRET, USERS.admin, 3600);
  const server: RunningServer = await startServer({
    port: 0,
    databaseUrl: 'sqlite::memory:',
    jwtSecret: JWT_SECRET,
    apiKey: API_KEY,
    corsOrigins: [],
    holdMail: true,
    widgetDir: WIDGET_DIR,
    extraRoutes(app) {
      app.get('/bench/bare', (c) => c.html(hostPage('<p>Bienvenida, Ana.</p>')));
      app.get('/bench/widget', (c) =>
        c.html(
          hostPage(
            `<p>Bienvenida, Ana.</p><script type="module" src="/widget/claimdesk.js"></script><claims-app api-base="/api/v1" lang="es" token="${token}"></claims-app>`,
          ),
        ),
      );
    },
  });
  let browser: Browser | undefined;
  try {
    progress(`seeding ${CLAIMS} claims of one company`);
    let newest = '';
    for (let i = 0; i < CLAIMS; i++) {
      const res = await fetch(`${server.url}/api/v1/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
        body: JSON.stringify(claimInput({ externalRef: `BOOT-${i}`, trackingNumber: `AZK-2026-${String(10_000 + i)}` })),
      });
      if (res.status !== 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
      newest = ((await res.json()) as { reference: string }).reference;
    }
    browser = await launchChromium();
    const results: Record<string, ReturnType<typeof summarise>> = {};
    for (const throttle of [1, THROTTLE]) {
      for (const [page, ready] of [['bare', null], ['widget', newest]] as const) {
        progress(`${page} page, CPU ${throttle}×: ${RUNS} loads`);
        const samples: Sample[] = [];
        for (let i = 0; i < RUNS; i++) samples.push(await load(browser, `${server.url}/bench/${page}`, throttle, ready));
        results[`${page}${throttle}x`] = summarise(samples);
      }
    }
    const overBare = results[`widget${THROTTLE}x`]!.tbtMs - results[`bare${THROTTLE}x`]!.tbtMs;
    const budgets: Budget[] = [
      {
        name: `<claims-app> boot, ${CLAIMS} claims, CPU ${THROTTLE}×`,
        target: `≤ ${BUDGET_TBT_MS} ms TBT over the bare page`,
        value: `${num(overBare, 0)} ms (longest task ${num(results[`widget${THROTTLE}x`]!.longestMs, 0)} ms)`,
        pass: overBare <= BUDGET_TBT_MS,
      },
    ];
    /** Each page against the bare page at the same throttling, and against itself unthrottled. */
    const row = (label: string, page: 'bare' | 'widget', throttle: number) => {
      const r = results[`${page}${throttle}x`]!;
      const bare = results[`bare${throttle}x`]!;
      const unthrottled = results[`${page}1x`]!;
      return [label, num(r.tbtMs, 0), num(r.longestMs, 0), num(r.longTasks, 0), num(r.readyMs, 0), page === 'bare' ? '' : `+${num(r.tbtMs - bare.tbtMs, 0)}`, throttle === 1 ? '' : ratio(r.readyMs, unthrottled.readyMs)];
    };
    return {
      name: 'boot',
      tables: [
        {
          title: `boot — host page with <claims-app> (${CLAIMS} claims) vs without, headless Chromium, median of ${RUNS} cold loads`,
          head: ['page', 'TBT ms', 'longest ms', 'long tasks', 'ready ms', 'TBT over bare', 'ready vs 1×'],
          rows: [
            row('bare host page, 1×', 'bare', 1),
            row('with <claims-app>, 1×', 'widget', 1),
            row(`bare host page, ${THROTTLE}× CPU`, 'bare', THROTTLE),
            row(`with <claims-app>, ${THROTTLE}× CPU`, 'widget', THROTTLE),
          ],
        },
        budgetTable('boot — budget', budgets),
      ],
      notes: [
        `TBT: the sum of each long task's time over 50 ms, from navigation to ${SETTLE_MS} ms after the newest claim's reference shows (the bare page: after load). ready: when it showed, ms from navigation.`,
        ...(rebuilt ? [rebuilt] : []),
      ],
      results: {
        claims: CLAIMS,
        runs: RUNS,
        throttle: THROTTLE,
        pages: Object.fromEntries(Object.entries(results).map(([key, r]) => [key, { tbtMs: round(r.tbtMs, 1), longestMs: round(r.longestMs, 1), longTasks: r.longTasks, readyMs: round(r.readyMs, 0) }])),
      },
      budgets,
    };
  } finally {
    await browser?.close();
    await server.close();
  }
}
