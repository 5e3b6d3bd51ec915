/**
 * `npm run screenshots`: the README's pictures of the demo, taken in Debian's Chromium from a
 * running demo (`npm start`; DEMO_URL to point elsewhere). Also a quick look at the product
 * as a user sees it.
 */
import puppeteer, { type Page } from 'puppeteer-core';

const DEMO_URL = process.env.DEMO_URL ?? 'http://localhost:8787';
const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});

/** Polls: waitForSelector watches the light DOM for changes, and the widget renders in shadow roots. */
async function waitFor(page: Page, selector: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await page.$(selector);
    if (element) return element;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(query: string, width = 1280, height = 860): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.goto(`${DEMO_URL}/?${query}`, { waitUntil: 'domcontentloaded' });
  await waitFor(page, 'claims-app >>> claims-list >>> button[data-id]');
  await new Promise((resolve) => setTimeout(resolve, 400));
  return page;
}

async function openFirstClaim(page: Page): Promise<void> {
  const row = await waitFor(page, 'claims-app >>> claims-list >>> button[data-id]');
  await row.click();
  await waitFor(page, 'claims-app >>> claims-detail >>> h2');
  await new Promise((resolve) => setTimeout(resolve, 600));
}

for (const lang of ['es', 'en'] as const) {
  const page = await open(`user=ana&lang=${lang}`);
  await page.screenshot({ path: `${OUT}list-${lang}.png` });
  await openFirstClaim(page);
  await page.screenshot({ path: `${OUT}detail-${lang}.png` });
  await page.close();
}
{
  const page = await open('user=jordi&lang=es', 360, 780);
  await page.screenshot({ path: `${OUT}mobile-es.png` });
  await page.close();
}
{
  const page = await open('user=ana&lang=en');
  await page.evaluate(() => {
    localStorage.setItem('claimdesk-demo-dark', '1');
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFor(page, 'claims-app >>> claims-list >>> button[data-id]');
  await new Promise((resolve) => setTimeout(resolve, 400));
  await page.screenshot({ path: `${OUT}dark-en.png` });
  await page.evaluate(() => localStorage.removeItem('claimdesk-demo-dark'));
  await page.close();
}
await browser.close();
console.log(`screenshots written to ${OUT}`);
