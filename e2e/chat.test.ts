import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { signUserToken } from '../api/auth/tokens.ts';
import type { RunningServer } from '../api/server.ts';
import { element, launchChromium, until } from './browser.ts';
import { E2E_API_KEY, E2E_JWT_SECRET, startE2eServer, type E2eServer } from './server.ts';

// The customer and the handler in two separate browser contexts (as two people on two machines)
// against the real API and the built bundle, as a host page embeds it: they chat live, and a
// message written while the customer's network is down arrives exactly once when it is back.

const CUSTOMER = { sub: 'ana', company: 'ferreteria', companyName: 'Ferretería Martínez S.L.', role: 'admin', name: 'Ana Martínez', email: 'ana@ferreteria.test' } as const;
const HANDLER = { sub: 'carmen', company: 'operator', companyName: 'Claimdesk Logística', role: 'handler', name: 'Carmen Ruiz', email: 'carmen@operator.test' } as const;

let server: RunningServer;
let api: E2eServer['api'];
let browser: Browser;

/** A host page: one script tag for the bundle, and the conversation of one claim. */
function hostPage(claimId: string, token: string, lang: 'es' | 'en'): string {
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>host</title>
<script type="module" src="/widget/claimdesk.js"></script>
<claims-chat api-base="${server.url}/api/v1" token="${token}" claim-id="${claimId}"></claims-chat>`;
}

const bodiesOn = (page: Page) => page.$$eval('claims-chat >>> .message .body', (nodes) => nodes.map((n) => n.textContent ?? ''));


async function send(page: Page, text: string): Promise<void> {
  const input = await element(page, 'claims-chat >>> textarea:not([disabled])');
  await input.type(text);
  await page.keyboard.press('Enter');
}

describe('chat between two browser contexts', () => {
  let claimId: string;
  let customer: Page;
  let handler: Page;

  before(async () => {
    ({ server, api } = await startE2eServer((app) => {
      app.get('/e2e/chat', (c) => c.html(hostPage(c.req.query('claim') ?? '', c.req.query('token') ?? '', c.req.query('lang') === 'en' ? 'en' : 'es')));
    }));
    const opened = await api('POST', '/claims', { 'X-Api-Key': E2E_API_KEY }, {
      company: { id: CUSTOMER.company, name: CUSTOMER.companyName },
      externalRef: 'E2E-1',
      type: 'breakage',
      goods: 'pallet',
      scope: 'national',
      carrier: 'Palletways Iberia',
      trackingNumber: 'PW-1',
      description: 'Palé con cajas rotas',
      incidentAt: new Date(Date.now() - 86_400_000).toISOString(),
      declaredValue: { amountCents: 100_000, currency: 'EUR' },
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    claimId = opened.body.id;
    browser = await launchChromium();
    const open = async (user: typeof CUSTOMER | typeof HANDLER, lang: 'es' | 'en') => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const token = await signUserToken(E2E_JWT_SECRET, user, 600);
      await page.goto(`${server.url}/e2e/chat?claim=${claimId}&token=${token}&lang=${lang}`);
      await element(page, 'claims-chat >>> textarea:not([disabled])');
      return page;
    };
    [customer, handler] = await Promise.all([open(CUSTOMER, 'es'), open(HANDLER, 'en')]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('delivers each side’s messages to the other live, with who wrote them, and shows typing', async () => {
    await send(customer, '¿Qué documentos faltan?');
    await until(handler, async () => (await bodiesOn(handler)).includes('¿Qué documentos faltan?'), 'the handler to receive it');
    const author = await handler.$eval('claims-chat >>> .message.theirs [part~="author"]', (n) => n.textContent ?? '');
    assert.match(author, /Ana Martínez/);

    const input = await element(handler, 'claims-chat >>> textarea');
    await input.type('La factura y las fotos');
    await until(customer, async () => (await customer.$eval('claims-chat >>> [part~="typing"]', (n) => n.textContent ?? '')).includes('Carmen Ruiz'), 'the typing indicator');
    await handler.keyboard.press('Enter');
    await until(customer, async () => (await bodiesOn(customer)).includes('La factura y las fotos'), 'the customer to receive the answer');
    const label = await customer.$$eval('claims-chat >>> .message.theirs [part~="author"]', (nodes) => nodes.map((n) => n.textContent ?? ''));
    assert.ok(label.some((text) => text.includes('Carmen Ruiz · gestora')), label.join(' | '));
  });

  it('sends a message written while the network is down exactly once when it is back', async () => {
    await customer.setOfflineMode(true);
    await send(customer, 'Escrito sin conexión');
    await until(customer, async () => customer.$('claims-chat >>> .message.retrying'), 'the message to wait for the network');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // an automatic retry fails meanwhile
    await customer.setOfflineMode(false);
    await until(customer, async () => !(await customer.$('claims-chat >>> .message.pending')), 'the message to be sent');
    await until(handler, async () => (await bodiesOn(handler)).includes('Escrito sin conexión'), 'the handler to receive it');
    // The customer's stream dropped too: it resumes from its last id, and nothing comes twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const count = (bodies: string[]) => bodies.filter((b) => b === 'Escrito sin conexión').length;
    assert.equal(count(await bodiesOn(customer)), 1, 'once on the sender’s screen');
    assert.equal(count(await bodiesOn(handler)), 1, 'once on the handler’s screen');
    const handlerToken = await signUserToken(E2E_JWT_SECRET, HANDLER, 600);
    const stored = await api('GET', `/claims/${claimId}/messages`, { Authorization: `Bearer ${handlerToken}` });
    assert.equal(count(stored.body.items.map((m: { body: string }) => m.body)), 1, 'stored once');
  });
});
