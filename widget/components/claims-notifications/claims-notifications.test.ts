import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-notifications.ts';
import '../claims-detail/claims-detail.ts';
import type { ClaimsNotifications } from './claims-notifications.component.ts';
import { $, $$, apiBase, createClaim, deepActive, serverUrl, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The bell against the real API: notifications are made by the server for the users who may see
// a claim when it is created, so each test's admin signs in (and exists) before its claims.

async function admin(lang: 'es' | 'en' = 'es') {
  const company = uniqueCompany();
  const [base, token] = await Promise.all([apiBase(), tokenFor(company, { lang })]);
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as { unread: number; items: { id: string; read: boolean }[] };
  };
  await api('GET', '/me');
  return { company, base, token, api };
}

function mount(base: string, token: string, lang = 'es') {
  // fixtureSync: a test tab that is not in front gets no animation frames.
  return fixtureSync<ClaimsNotifications>(html`<claims-notifications api-base=${base} token=${token} lang=${lang}></claims-notifications>`);
}

const bell = (el: ClaimsNotifications) => $<HTMLButtonElement>(el, '[part~="bell"]')!;
const items = (el: ClaimsNotifications) => $$(el, '[part~="item"]');
const lines = (el: ClaimsNotifications) => items(el).map((i) => i.querySelector('.text')!.textContent!.trim());

/** The claims handler writes in the claim's chat. */
async function handlerSays(company: string, claimId: string, body: string) {
  const token = await tokenFor(company, { role: 'handler' });
  const res = await fetch(`${await apiBase()}/claims/${claimId}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body, clientId: crypto.randomUUID() }),
  });
  expect(res.status).to.equal(201);
}

describe('<claims-notifications>', () => {
  it('shows the unread count on the bell and lists the notifications newest first', async () => {
    const { company, base, token } = await admin();
    const first = await createClaim(company);
    const second = await createClaim(company);
    const el = mount(base, token);
    await el.updateComplete;
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 2 sin leer', 10_000, 'the unread count');
    expect($(el, '[part~="badge"]')!.textContent!.trim()).to.equal('2');
    bell(el).click();
    await until(() => items(el).length === 2, 10_000, 'the list');
    expect(lines(el)).to.deep.equal([`Sin leer: ${second.reference} · Nuevo siniestro`, `Sin leer: ${first.reference} · Nuevo siniestro`]);
    expect(items(el)[0]!.querySelector('.meta')!.textContent, 'the claim named once').not.to.contain(second.reference);
    expect(items(el)[0]!.getAttribute('part')).to.contain('item-unread');
    await expect(el).to.be.accessible();
  });

  it('adds a notification that arrives live, updates the badge and announces it', async () => {
    const { company, base, token } = await admin();
    const el = mount(base, token);
    await el.updateComplete;
    bell(el).click();
    await until(() => $(el, '[part~="state"] h3')?.textContent === 'No tienes notificaciones', 10_000, 'the empty state');
    expect(bell(el).getAttribute('aria-label')).to.equal('Notificaciones');
    const claim = await createClaim(company);
    await until(() => items(el).length === 1, 10_000, 'the live notification');
    expect(items(el)[0]!.textContent).to.contain(`${claim.reference} · Nuevo siniestro`);
    expect(bell(el).getAttribute('aria-label')).to.equal('Notificaciones, 1 sin leer');
    const status = $(el, '[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.contain(`Nueva notificación: ${claim.reference} · Nuevo siniestro`);
  });

  it('marks one read when activated, firing claims-notification-open with its claim', async () => {
    const { company, base, token, api } = await admin();
    const claim = await createClaim(company);
    await createClaim(company);
    const el = mount(base, token);
    await el.updateComplete;
    bell(el).click();
    await until(() => items(el).length === 2, 10_000, 'the list');
    const opened = new Promise<CustomEvent>((resolve) => el.addEventListener('claims-notification-open', (e) => resolve(e), { once: true }));
    items(el)[1]!.click();
    const event = await opened;
    expect(event.detail.claimId).to.equal(claim.id);
    expect(event.detail.notification.claimReference).to.equal(claim.reference);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.open, 'the panel closes').to.equal(false);
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 1 sin leer', 10_000, 'the badge to drop');
    // The request was made: the server counts one unread too (polled, as it answers after the click).
    await until(async () => (await api('GET', '/notifications')).unread === 1, 10_000, 'the server to count one unread');
  });

  it('folds a claim’s unread notifications into one entry, also as they arrive, and reads them all when it is activated', async () => {
    const { company, base, token, api } = await admin();
    const busy = await createClaim(company);
    const quiet = await createClaim(company);
    await handlerSays(company, busy.id, '¿Tienes fotos del embalaje?');
    const el = mount(base, token);
    await el.updateComplete;
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 3 sin leer', 10_000, 'every unread one counted');
    bell(el).click();
    await until(() => items(el).length === 2, 10_000, 'one entry per claim');
    expect(lines(el)).to.deep.equal([
      `Sin leer: ${busy.reference} · Nuevo mensaje de Carmen Ruiz: «¿Tienes fotos del embalaje?» (+1)`,
      `Sin leer: ${quiet.reference} · Nuevo siniestro`,
    ]);

    // The handler writes about the quiet claim: its entry folds the new claim in and comes first.
    await handlerSays(company, quiet.id, 'Hola');
    await until(() => lines(el)[0] === `Sin leer: ${quiet.reference} · Nuevo mensaje de Carmen Ruiz: «Hola» (+1)`, 10_000, 'the live entry');
    expect(items(el)).to.have.length(2);
    expect(bell(el).getAttribute('aria-label')).to.equal('Notificaciones, 4 sin leer');

    const opened = new Promise<CustomEvent>((resolve) => el.addEventListener('claims-notification-open', (e) => resolve(e), { once: true }));
    items(el)[1]!.click();
    expect((await opened).detail.claimId).to.equal(busy.id);
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 2 sin leer', 10_000, 'the busy claim’s two read');
    const page = await api('GET', '/notifications');
    expect(page.unread).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('reads a claim’s notifications when <claims-detail> opens it, and the bell follows live', async () => {
    const { company, base, token, api } = await admin();
    const claim = await createClaim(company);
    const other = await createClaim(company);
    await handlerSays(company, claim.id, '¿Me mandas la factura?');
    const el = mount(base, token);
    await el.updateComplete;
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 3 sin leer', 10_000, 'the unread count');
    fixtureSync(html`<claims-detail api-base=${base} token=${token} claim-id=${claim.id} lang="es"></claims-detail>`);
    await until(() => bell(el).getAttribute('aria-label') === 'Notificaciones, 1 sin leer', 10_000, 'the bell to follow the opened claim');
    expect((await api('GET', '/notifications')).unread).to.equal(1);
    bell(el).click();
    await until(() => $$(el, '[part~="item-unread"]').length === 1, 10_000, 'the list');
    expect($$(el, '[part~="item-unread"]')[0]!.textContent).to.contain(`${other.reference} · Nuevo siniestro`);
  });

  it('marks all read', async () => {
    const { company, base, token, api } = await admin();
    await createClaim(company);
    await createClaim(company);
    const el = mount(base, token);
    await el.updateComplete;
    bell(el).click();
    await until(() => items(el).length === 2, 10_000, 'the list');
    $<HTMLButtonElement>(el, '[part~="mark-all-button"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="badge"]'), 'no badge').to.equal(null);
    expect($$(el, '[part~="item-unread"]')).to.have.length(0);
    await until(() => $(el, '[role="status"]')!.textContent === 'Todas las notificaciones están leídas.', 10_000, 'the confirmation');
    expect((await api('GET', '/notifications')).unread).to.equal(0);
  });

  it('opens with Enter into the panel, closes with Escape back to the bell, and closes on a click outside', async () => {
    const { company, base, token } = await admin();
    await createClaim(company);
    const el = mount(base, token);
    await el.updateComplete;
    await until(() => $(el, '[part~="badge"]'), 10_000, 'the count');
    bell(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.open && deepActive() === items(el)[0], 10_000, 'focus on the newest notification');
    expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(deepActive()).to.equal(bell(el));
    await sendKeys({ press: 'Space' });
    await until(() => el.open, 5000, 'open again with Space');
    document.body.click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect($(el, '[part~="panel"]')!.hidden).to.equal(true);
  });

  it('tells an admin, live, that Claimdesk disabled a webhook — about no claim, so activating it only reads it', async () => {
    const { company, base, token, api } = await admin('en');
    const created = await fetch(`${base}/webhooks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: `${await serverUrl()}/test/webhook-receiver?status=410`, description: 'ERP SAP', eventTypes: ['*'] }),
    });
    expect(created.status).to.equal(201);
    const el = mount(base, token, 'en');
    await el.updateComplete;
    bell(el).click();
    await until(() => $(el, '[part~="state"] h3') !== null, 10_000, 'the empty state');
    const claim = await createClaim(company);
    await until(() => lines(el).some((line) => line.includes('Webhook disabled')), 20_000, 'the live notification');
    const line = lines(el).find((text) => text.includes('Webhook disabled'))!;
    expect(line).to.equal('Unread: Webhook disabled: ERP SAP answered that the address no longer exists (410)');
    expect(lines(el)).to.include(`Unread: ${claim.reference} · New claim`);
    let opened = false;
    el.addEventListener('claims-notification-open', () => (opened = true));
    items(el).find((item) => item.textContent!.includes('Webhook disabled'))!.click();
    await until(async () => (await api('GET', '/notifications')).unread === 1, 10_000, 'the server to count it read');
    expect(opened, 'no claim to open').to.equal(false);
  });

  it('speaks English', async () => {
    const { company, base, token } = await admin('en');
    const claim = await createClaim(company);
    const el = mount(base, token, 'en');
    await el.updateComplete;
    await until(() => bell(el).getAttribute('aria-label') === 'Notifications, 1 unread', 10_000, 'the English bell');
    bell(el).click();
    await until(() => items(el).length === 1, 10_000, 'the list');
    expect(items(el)[0]!.textContent).to.contain(`${claim.reference} · New claim`);
    expect($(el, '[part~="mark-all-button"]')!.textContent!.trim()).to.equal('Mark all as read');
  });
});
