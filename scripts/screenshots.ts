/**
 * `npm run screenshots`: the README's pictures of the demo, taken in Debian's Chromium from a
 * running demo (`npm start`; DEMO_URL to point elsewhere). Also a quick look at the product
 * as a user sees it.
 */
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';

const DEMO_URL = process.env.DEMO_URL ?? 'http://localhost:8787';
const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls: waitForSelector watches the light DOM for changes, and the widget renders in shadow roots. */
async function waitFor(page: Page, selector: string, timeoutMs = 15_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await page.$(selector);
    if (element) return element;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await pause(100);
  }
}

const CUSTOMER_ROW = 'claims-app >>> claims-list >>> button[data-id]';

async function open(query: string, width = 1280, height = 860, ready = CUSTOMER_ROW): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.goto(`${DEMO_URL}/?${query}`, { waitUntil: 'domcontentloaded' });
  await waitFor(page, ready);
  await pause(500);
  return page;
}

/** Opens the customer's first claim whose row says `text` (the first row when none does). */
async function openClaim(page: Page, text?: string): Promise<void> {
  const rows = await page.$$(CUSTOMER_ROW);
  let row = rows[0]!;
  // The first: the demo's months of history hold closed claims of every type further down.
  for (const candidate of rows) {
    if (text && (await candidate.evaluate((el) => el.textContent ?? '')).includes(text)) {
      row = candidate;
      break;
    }
  }
  await row.click();
  await waitFor(page, 'claims-app >>> claims-detail >>> h2');
  await pause(600);
}

async function openTab(page: Page, tab: 'documents' | 'chat', ready: string): Promise<void> {
  const button = await waitFor(page, `claims-app >>> claims-detail >>> #tab-${tab}`);
  await button.click();
  await waitFor(page, ready);
  await pause(800);
}

for (const lang of ['es', 'en'] as const) {
  const page = await open(`view=customer&user=ana&lang=${lang}`);
  await page.screenshot({ path: `${OUT}list-${lang}.png` });
  await openClaim(page);
  await page.screenshot({ path: `${OUT}detail-${lang}.png` });
  await page.close();
}
{
  // A claim collecting documents: its checklist, and its conversation.
  const page = await open('view=customer&user=ana&lang=es');
  await openClaim(page, 'Robo');
  await openTab(page, 'documents', 'claims-app >>> claims-detail >>> claims-documents >>> [part~="item"]');
  await page.screenshot({ path: `${OUT}documents-es.png` });
  await openTab(page, 'chat', 'claims-app >>> claims-detail >>> claims-chat >>> textarea:not([disabled])');
  await page.screenshot({ path: `${OUT}chat-es.png` });
  await page.close();
}
{
  // A new incident: the admin's bell, her settings panel, and the email the demo mailbox kept.
  const page = await open('view=customer&user=ana&lang=es');
  await page.evaluate(() => fetch('/demo/incidents', { method: 'POST' }));
  await waitFor(page, 'claims-app >>> claims-notifications >>> [part~="badge"]');
  const bell = await waitFor(page, 'claims-app >>> claims-notifications >>> [part~="bell"]');
  await bell.click();
  await waitFor(page, 'claims-app >>> claims-notifications >>> [part~="item"]');
  await pause(600);
  await page.screenshot({ path: `${OUT}notifications-es.png` });
  await page.keyboard.press('Escape');
  const settings = await waitFor(page, 'claims-app >>> [part~="settings-button"]');
  await settings.click();
  await waitFor(page, 'claims-app >>> claims-settings >>> [role="switch"]');
  await pause(600);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${OUT}settings-es.png` });
  const mailbox = await waitFor(page, '#mail-view:not([hidden])', 20_000);
  await pause(1000);
  await mailbox.evaluate((el) => el.closest('section')!.scrollIntoView());
  await (await page.$('.mailbox'))!.screenshot({ path: `${OUT}mailbox-es.png` });
  await page.close();
}
{
  const page = await open('view=handler&lang=es', 1280, 860, 'claims-console >>> claims-list >>> button[data-id]');
  const row = await waitFor(page, 'claims-console >>> claims-list >>> button[data-id]');
  await row.click();
  await waitFor(page, 'claims-console >>> claims-detail >>> h2');
  await pause(800);
  await page.screenshot({ path: `${OUT}console-es.png` });
  await page.close();
}
for (const [lang, dark] of [
  ['es', false],
  ['en', true],
] as const) {
  // The claims team's dashboard over this year of the demo's history, opened from the console.
  const page = await open(`view=handler&lang=${lang}`, 1280, 860, 'claims-console >>> [part~="view-button"]');
  if (dark) {
    await page.evaluate(() => localStorage.setItem('claimdesk-demo-dark', '1'));
    await page.reload({ waitUntil: 'domcontentloaded' });
  }
  const views = await waitFor(page, 'claims-console >>> [part~="view-button"]:nth-of-type(2)');
  await views.click();
  const analytics = await waitFor(page, 'claims-console >>> claims-analytics');
  await waitFor(page, 'claims-console >>> claims-analytics >>> [part~="period-select"]');
  await analytics.evaluate((el) => ((el as HTMLElement & { period: string }).period = 'year'));
  await waitFor(page, 'claims-console >>> claims-analytics >>> [part~="panels"][aria-busy="false"]', 30_000);
  await pause(800);
  // The whole dashboard, taller than the window, and clear of the demo's sticky header.
  const box = await analytics.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX - 12, y: r.top + window.scrollY - 12, width: r.width + 24, height: r.height + 24 };
  });
  await page.screenshot({ path: `${OUT}analytics-${lang}${dark ? '-dark' : ''}.png`, clip: box, captureBeyondViewport: true });
  if (dark) await page.evaluate(() => localStorage.removeItem('claimdesk-demo-dark'));
  await page.close();
}
{
  const page = await open('view=both&user=ana&lang=es', 1600, 900);
  await page.screenshot({ path: `${OUT}side-by-side-es.png` });
  await page.close();
}
{
  const page = await open('view=customer&user=jordi&lang=es', 360, 780);
  await page.screenshot({ path: `${OUT}mobile-es.png` });
  await page.close();
}
{
  const page = await open('view=customer&user=ana&lang=en');
  await page.evaluate(() => {
    localStorage.setItem('claimdesk-demo-dark', '1');
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFor(page, CUSTOMER_ROW);
  await pause(500);
  await page.screenshot({ path: `${OUT}dark-en.png` });
  await page.evaluate(() => localStorage.removeItem('claimdesk-demo-dark'));
  await page.close();
}
await browser.close();
console.log(`screenshots written to ${OUT}`);
