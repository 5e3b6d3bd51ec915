import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { signUserToken } from '../api/auth/tokens.ts';
import type { RunningServer } from '../api/server.ts';
import { element, launchChromium, until } from './browser.ts';
import { E2E_API_KEY, E2E_JWT_SECRET, startE2eServer, type E2eServer } from './server.ts';

// One claim's whole life as its customer lives it, in Chromium against the real API and the
// built bundle, in Spanish and in English at 320, 360 and 1280 px: incident → accept → a refused file →
// upload → a rejection → re-upload → chat → filed → resolved → closed; the handler works the
// other side in the console, in another browser context (reviewing from the preview, filing and
// resolving), and writes once through the API. At every step, what a customer would complain about is checked: the
// bell's panel inside the screen at 320, 360 and 1280 px, errors in the page's language, a
// timeline with no unnamed entries (live and after a reload), guidance that matches the claim,
// progress by accepted documents, rejected files marked, no emoji, few notifications, and
// nothing of the previous user's left on screen when the host switches users.

const HANDLER = { sub: 'carmen', company: 'operator', companyName: 'Claimdesk Logística', role: 'handler', name: 'Carmen Ruiz', email: 'carmen@operator.test' } as const;
const WIDTHS = [320, 360, 1280] as const;

/** Pictographs, emoji, Miscellaneous Symbols, Dingbats, and the emoji presentation selector. */
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}]/u;

type Lang = 'es' | 'en';
type Person = { sub: string; company: string; companyName: string; role: 'admin' | 'member'; name: string; email: string };

let server: RunningServer;
let api: E2eServer['api'];
let browser: Browser;
let files: string;

/** The host page: the bundle and the customer area (or the console); the host's own sign-in is /e2e/host.js. */
function hostPage(lang: Lang, element: 'claims-app' | 'claims-console'): string {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>host</title>
<script type="module" src="/widget/claimdesk.js"></script>
<script type="module" src="/e2e/host.js"></script>
<${element} api-base="${server.url}/api/v1"></${element}>`;
}

// The host switches who is signed in by giving the element another person's token provider
// (a script of its own: the server's Content-Security-Policy allows no inline script).
const HOST_SCRIPT = `const app = document.querySelector('claims-app, claims-console');
window.signIn = async (who) => {
  const token = await (await fetch('/e2e/token?who=' + encodeURIComponent(who))).text();
  app.tokenProvider = () => token;
};
await window.signIn(new URLSearchParams(location.search).get('who'));`;

const people = new Map<string, Person | typeof HANDLER>([[HANDLER.sub, HANDLER]]);

const bearer = async (person: Person | typeof HANDLER) => ({ Authorization: `Bearer ${await signUserToken(E2E_JWT_SECRET, person, 600)}` });

const textOf = (page: Page, selector: string) => page.$eval(selector, (n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim());
const textsOf = (page: Page, selector: string) => page.$$eval(selector, (nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));

/**
 * Every piece of text the page shows, through every shadow root (and the attributes read as
 * text). Source text, not a function: tsx names functions with a helper the page does not have.
 */
const SHOWN_TEXT = `(() => {
  const found = [];
  const walk = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.textContent.trim() && !node.parentElement?.closest('style, script')) found.push(node.textContent);
        continue;
      }
      for (const name of ['title', 'placeholder', 'alt', 'aria-label']) {
        const value = node.getAttribute(name);
        if (value) found.push(value);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(document);
  return found;
})()`;

const shownText = (page: Page) => page.evaluate(SHOWN_TEXT) as Promise<string[]>;

async function expectNoEmoji(page: Page, where: string): Promise<void> {
  const text = await shownText(page);
  assert.deepEqual(text.filter((t) => EMOJI.test(t)), [], `no emoji ${where}`);
}

/** A file on disk for the file picker. */
function fileOf(name: string, content: string | Buffer): string {
  const at = path.join(files, name);
  writeFileSync(at, content);
  return at;
}
const pdf = (name: string) => fileOf(name, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const WORDS = {
  es: {
    accept: /Aceptar/,
    documentsTab: /Documentos/,
    chatTab: /Chat/,
    timelineTab: /Detalles/,
    inReview: 'En revisión',
    reviewing: /está revisando/,
    photo: /foto/i,
    progress: (required: number) => `0 de ${required} obligatorios aceptados · ${required} en revisión`,
    closed: 'Cerrado',
    refused: 'No se pudo subir «falso.pdf». Este archivo no es un PDF ni una imagen. Sube un PDF, una foto o un documento de Office.',
    reason: 'Las fotos están borrosas: hazlas con más luz.',
    message: 'Hola Ana, ya hemos presentado la reclamación.',
    reply: 'Gracias, Carmen.',
    view: /^\s*Ver\b/,
    acceptFile: /^\s*Aceptar\b/,
    rejectFile: /^\s*Rechazar\b/,
    noneLeft: 'No quedan archivos por revisar.',
    close: /^\s*Cerrar\s*$/,
    reviewedBy: /Carmen Ruiz, está revisando/,
  },
  en: {
    accept: /Accept/,
    documentsTab: /Documents/,
    chatTab: /Chat/,
    timelineTab: /Details/,
    inReview: 'In review',
    reviewing: /is reviewing/,
    photo: /photo/i,
    progress: (required: number) => `0 of ${required} required accepted · ${required} in review`,
    closed: 'Closed',
    refused: 'Could not upload “falso.pdf”. This file is not a PDF or an image. Upload a PDF, a photo or an Office document.',
    reason: 'The photos are blurry: take them in better light.',
    message: 'Hi Ana, we have filed the claim.',
    reply: 'Thank you, Carmen.',
    view: /^\s*View\b/,
    acceptFile: /^\s*Accept\b/,
    rejectFile: /^\s*Reject\b/,
    noneLeft: 'No files left to review.',
    close: /^\s*Close\s*$/,
    reviewedBy: /Carmen Ruiz, is reviewing/,
  },
} as const;

/** English a Spanish screen must never show (the server's `detail`, MIME types). */
const ENGLISH = /\b(the|file|cannot|upload|recogni[sz]ed|application\/|judged|content)\b/i;

/** Clicks the first of `selector`'s elements whose text matches, once there is one. */
async function clickText(page: Page, selector: string, text: RegExp, timeoutMs?: number): Promise<void> {
  const target = await until(page, async () => {
    for (const candidate of await page.$$(selector)) {
      const enabled = await candidate.evaluate((n) => !(n as unknown as { disabled?: boolean }).disabled);
      if (enabled && text.test(await candidate.evaluate((n) => n.textContent ?? ''))) return candidate;
    }
    return null;
  }, `${selector} saying ${text}`, timeoutMs);
  await target.click();
}

const clickTab = (page: Page, name: RegExp, within = '') => clickText(page, `${within}>>> claims-detail >>> [part~="tab"]`, name);

const DESK = '>>> claims-console';
const DIALOG = `${DESK} >>> claims-documents >>> [part~="dialog"]`;

/** Decides on the file the handler's preview shows, and waits for the preview to move on. */
async function decideInPreview(desk: Page, decision: RegExp): Promise<void> {
  const title = async () => (await desk.$(`${DIALOG} #dlg-title`))?.evaluate((n) => n.textContent ?? '');
  const before = await until(desk, title, 'the file in the preview');
  // The next file's review comes once the documents are read again and its PDF is loading: on a
  // busy CI machine (a CPU spin loop beside the run) that once took longer than the usual 15 s.
  await clickText(desk, `${DIALOG} [part~="review"] button`, decision, 30_000);
  await until(desk, async () => (await title()) !== before, 'the preview to move on');
}

/** The bell's panel stays inside the viewport at every width; then the page is back at `width`. */
async function expectPanelInside(page: Page, lang: Lang, width: number): Promise<void> {
  for (const at of WIDTHS) {
    await page.setViewport({ width: at, height: 740 });
    const bell = await element(page, '>>> claims-notifications >>> [part~="bell"]');
    await bell.click();
    const panel = await element(page, '>>> claims-notifications >>> [part~="panel"]');
    const box = await until(page, async () => {
      const rect = await panel.boundingBox();
      return rect && rect.width > 0 ? rect : null;
    }, `the panel open at ${at} px`);
    assert.ok(box.x >= 0 && box.x + box.width <= at + 0.5, `${lang}: the panel (x ${box.x}…${box.x + box.width}) inside ${at} px`);
    await page.keyboard.press('Escape');
    await until(page, async () => !(await panel.boundingBox()), `the panel closed at ${at} px`);
  }
  await page.setViewport({ width, height: 740 });
}

/** The timeline names every entry: no "?" status, no entry without words. */
async function expectTimelineNamed(page: Page, when: string): Promise<void> {
  const entries = await until(page, async () => {
    const texts = await textsOf(page, '>>> claims-timeline >>> [part~="event"]');
    return texts.length ? texts : null;
  }, `the timeline's entries ${when}`);
  for (const entry of entries) {
    assert.ok(!/[«“"]\?[»”"]/.test(entry) && !entry.includes('undefined') && entry.length > 3, `a named timeline entry ${when}: ${entry}`);
  }
}

describe('a claim’s whole life, as its customer lives it', () => {
  before(async () => {
    files = mkdtempSync(path.join(tmpdir(), 'claimdesk-journey-'));
    ({ server, api } = await startE2eServer((app) => {
      app.get('/e2e/app', (c) => c.html(hostPage(c.req.query('lang') === 'en' ? 'en' : 'es', 'claims-app')));
      app.get('/e2e/console', (c) => c.html(hostPage(c.req.query('lang') === 'en' ? 'en' : 'es', 'claims-console')));
      app.get('/e2e/host.js', (c) => c.body(HOST_SCRIPT, 200, { 'Content-Type': 'text/javascript' }));
      app.get('/e2e/token', async (c) => {
        const person = people.get(c.req.query('who') ?? '');
        return person ? c.text(await signUserToken(E2E_JWT_SECRET, person, 600)) : c.text('unknown person', 404);
      });
    }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(files, { recursive: true, force: true });
  });

  // The whole journey in each language on a narrow phone, a phone and a desktop.
  for (const [lang, width] of (['es', 'en'] as const).flatMap((lang) => WIDTHS.map((width) => [lang, width] as const))) {
    it(`in ${lang === 'es' ? 'Spanish' : 'English'} at ${width} px`, async () => {
      const words = WORDS[lang];
      const tag = `${lang}-${width}`;
      const company = { id: `ferreteria-${tag}`, name: 'Ferretería Martínez S.L.' };
      const ana: Person = { sub: `ana-${tag}`, company: company.id, companyName: company.name, role: 'admin', name: 'Ana Martínez', email: `ana-${tag}@ferreteria.test` };
      const lucia: Person = { sub: `lucia-${tag}`, company: company.id, companyName: company.name, role: 'member', name: 'Lucía Gómez', email: `lucia-${tag}@ferreteria.test` };
      people.set(ana.sub, ana).set(lucia.sub, lucia);
      const asAna = await bearer(ana);
      const asCarmen = await bearer(HANDLER);
      // Both exist before the incident, as the host backend's users do.
      await api('GET', '/me', asAna);
      await api('GET', '/me', await bearer(lucia));

      // The incident: the host backend opens the claim.
      const opened = await api('POST', '/claims', { 'X-Api-Key': E2E_API_KEY }, {
        company,
        externalRef: `JOURNEY-${tag}`,
        type: 'breakage',
        goods: 'pallet',
        scope: 'national',
        carrier: 'Palletways Iberia',
        trackingNumber: `PW-${tag}`,
        description: 'Palé con cajas rotas',
        incidentAt: new Date(Date.now() - 86_400_000).toISOString(),
        declaredValue: { amountCents: 100_000, currency: 'EUR' },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const claim = opened.body as { id: string; reference: string };

      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height: 740 });
      await page.goto(`${server.url}/e2e/app?lang=${lang}&who=${ana.sub}`);
      const row = await element(page, '>>> claims-list >>> [part~="row"]');
      assert.match(await row.evaluate((n) => n.textContent ?? ''), new RegExp(claim.reference));
      await expectPanelInside(page, lang, width);
      await expectNoEmoji(page, 'on the list');

      // Accept.
      await row.click();
      const accept = await element(page, '>>> claims-detail >>> [part~="accept-button"]');
      assert.match(await accept.evaluate((n) => n.textContent ?? ''), words.accept);
      await accept.click();
      await until(page, async () => !(await page.$('>>> claims-detail >>> [part~="accept-button"]')), 'the claim accepted');
      // The next step names this claim's own documents (a breakage: the photos among them).
      const checklistOf = async () => (await api('GET', `/claims/${claim.id}/documents`, asAna)).body.items as Array<{ id: string; status: string; required: boolean; label: Record<Lang, string> }>;
      const guidance = () => textOf(page, '>>> claims-detail >>> [part~="guidance"]');
      const missing = (await checklistOf()).filter((d) => d.required);
      await until(page, async () => (await guidance()).includes(missing[0]!.label[lang]), 'the guidance naming the documents');
      for (const document of missing) assert.ok((await guidance()).includes(document.label[lang]), `the guidance names ${document.label[lang]}`);
      assert.match(await guidance(), words.photo);

      // A text file named .pdf: refused by the server, said in the page's language.
      await clickTab(page, words.documentsTab);
      const pickers = async () => page.$$('>>> claims-documents >>> input[type="file"]');
      await until(page, async () => (await pickers()).length >= 4, 'the checklist');
      await (await pickers())[0]!.uploadFile(fileOf('falso.pdf', 'no soy un PDF, solo texto\n'.repeat(20)));
      const refusal = await until(page, async () => (await page.$('>>> claims-documents >>> [part~="upload"] .error')) && textOf(page, '>>> claims-documents >>> [part~="upload"] .error'), 'the refusal');
      assert.equal(refusal, words.refused);
      if (lang === 'es') assert.doesNotMatch(refusal, ENGLISH);

      // Every required document, one by one.
      const required = (await pickers()).length;
      for (let i = 0; i < required; i++) {
        await (await pickers())[i]!.uploadFile(pdf(`documento-${i + 1}.pdf`));
        await until(page, async () => (await page.$$('>>> claims-documents >>> [part~="file"]')).length >= i + 1, `document ${i + 1} in`);
      }
      await until(page, async () => (await textOf(page, '>>> claims-detail >>> [part~="status-badge"]')) === words.inReview, 'the claim in review');
      // Progress counts what the handler accepted, not what was sent; no handler yet, so nobody "is reviewing".
      await until(page, async () => (await textOf(page, '>>> claims-documents >>> [part~="progress"]')).startsWith(words.progress(missing.length)), 'progress by accepted documents');
      assert.doesNotMatch(await guidance(), words.reviewing);

      // Carmen, in the console on her own machine, takes the claim and reviews from the preview:
      // she rejects the first document and accepts the others, one after the other.
      const desk = await (await browser.createBrowserContext()).newPage();
      await desk.setViewport({ width: 1280, height: 900 });
      await desk.goto(`${server.url}/e2e/console?lang=${lang}&who=${HANDLER.sub}`);
      await clickText(desk, `${DESK} >>> [part~="row"]`, new RegExp(claim.reference));
      await (await element(desk, `${DESK} >>> [part~="take-button"]`)).click();
      await until(page, async () => words.reviewedBy.test(await guidance()), 'the customer told who reviews, live');
      await clickTab(desk, words.documentsTab, `${DESK} `);
      await clickText(desk, `${DESK} >>> claims-documents >>> [part~="file"] button`, words.view);
      await clickText(desk, `${DIALOG} [part~="review"] button`, words.rejectFile);
      // Set at once, not typed: headless Chromium's PDF viewer takes the focus when it has loaded,
      // and keystrokes typed meanwhile go to it.
      await (await element(desk, `${DIALOG} #reason`)).evaluate((n, reason) => {
        (n as unknown as { value: string }).value = reason;
      }, words.reason);
      await clickText(desk, `${DIALOG} button[type="submit"]`, words.rejectFile);
      await until(page, async () => (await textsOf(page, '>>> claims-documents >>> [part~="item"]')).some((t) => t.includes(words.reason)), 'the rejection, live');
      for (let i = 1; i < missing.length; i++) await decideInPreview(desk, words.acceptFile);
      await until(desk, async () => (await textOf(desk, DIALOG)).includes(words.noneLeft), 'none left to review');
      await clickText(desk, `${DIALOG} .dialog-actions button`, words.close);

      // The customer sends a new one; Carmen accepts it from its preview.
      await (await pickers())[0]!.uploadFile(pdf('documento-nuevo.pdf'));
      await until(page, async () => (await textOf(page, '>>> claims-detail >>> [part~="status-badge"]')) === words.inReview, 'the claim back in review');
      const replacement = await until(desk, async () => {
        for (const file of await desk.$$(`${DESK} >>> claims-documents >>> [part~="file"]`)) {
          if ((await file.evaluate((n) => n.textContent ?? '')).includes('documento-nuevo.pdf')) return file.$('button');
        }
        return null;
      }, 'the new file in the console, live');
      await replacement.click();
      await decideInPreview(desk, words.acceptFile);
      await until(desk, async () => (await textOf(desk, DIALOG)).includes(words.noneLeft), 'none left to review');
      await clickText(desk, `${DIALOG} .dialog-actions button`, words.close);
      // The rejected file stays marked, with its reason, once its document is accepted.
      await until(page, async () => (await textsOf(page, '>>> claims-documents >>> [part~="file-rejection"]')).some((t) => t.includes(words.reason)), 'the rejected file marked');

      // The handler writes; the customer answers in the chat.
      assert.equal((await api('POST', `/claims/${claim.id}/messages`, asCarmen, { body: words.message, clientId: crypto.randomUUID() })).status, 201);
      await clickTab(page, words.chatTab);
      await until(page, async () => (await textsOf(page, '>>> claims-chat >>> .message .body')).includes(words.message), 'the handler’s message');
      const input = await element(page, '>>> claims-chat >>> textarea:not([disabled])');
      await input.type(words.reply);
      await page.keyboard.press('Enter');
      await until(page, async () => !(await page.$('>>> claims-chat >>> .message.pending')) && (await textsOf(page, '>>> claims-chat >>> .message .body')).includes(words.reply), 'the reply sent');

      // Carmen files it, resolves it (paid) and closes it in the console; the timeline names every
      // step, live and after a reload.
      for (const move of ['submitted', 'resolved', 'closed'] as const) {
        await (await element(desk, `${DESK} >>> [part~="move-button"][data-to="${move}"]`)).click();
        if (move === 'resolved') {
          await (await element(desk, `${DESK} >>> [part~="move-form"] input[value="paid"]`)).click();
          await (await element(desk, `${DESK} >>> #amount`)).type('800');
        }
        await (await element(desk, `${DESK} >>> [part~="move-form"] button[type="submit"]`)).click();
        await until(desk, async () => !(await desk.$(`${DESK} >>> [part~="move-form"]`)), `the move to ${move} made`);
      }
      await expectNoEmoji(desk, 'in the console');
      await desk.browserContext().close();
      await until(page, async () => (await textOf(page, '>>> claims-detail >>> [part~="status-badge"]')) === words.closed, 'the claim closed, live');
      await clickTab(page, words.timelineTab);
      await expectTimelineNamed(page, 'live');
      await expectNoEmoji(page, 'on the claim');
      await page.reload();
      await (await element(page, '>>> claims-list >>> [part~="row"]')).click();
      await element(page, '>>> claims-detail >>> [part~="status-badge"]');
      await clickTab(page, words.timelineTab);
      await expectTimelineNamed(page, 'after a reload');

      // What reached Ana: a few things she needed to know, not one per move.
      const bell = (await api('GET', '/notifications', asAna)).body.items as unknown[];
      assert.ok(bell.length <= 4, `${bell.length} bell entries for Ana`);

      // Lucía takes the shared computer: nothing of Ana's administration stays on screen.
      await (await element(page, '>>> claims-detail >>> [part~="back-button"]')).click();
      await (await element(page, '>>> claims-app >>> [part~="settings-button"]')).click();
      await until(page, async () => (await page.$$('>>> claims-settings >>> [part~="user"]')).length === 2, 'Ana’s view of the users');
      await page.evaluate(`window.signIn(${JSON.stringify(lucia.sub)})`);
      await until(page, async () => (await page.$$('>>> claims-settings >>> [part~="user"]')).length === 0, 'the users gone at once', 5000);
      assert.ok(!(await shownText(page)).some((t) => t.includes(ana.email)), 'no email of Ana’s left');
      await context.close();
    });
  }
});
