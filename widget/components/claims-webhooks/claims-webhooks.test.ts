import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './claims-webhooks.ts';
import type { ClaimsWebhooks } from './claims-webhooks.component.ts';
import { $, $$, apiBase, createClaim, deepActive, loadDarkTheme, serverUrl, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The company's webhooks against the real API, delivering to the test server's own receiver
// (/test/webhook-receiver, which answers the status it is asked for): an admin of a company of
// its own per test.

async function company(lang: 'es' | 'en' = 'es') {
  const company = uniqueCompany();
  const [base, token, server] = await Promise.all([apiBase(), tokenFor(company, { lang }), serverUrl()]);
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const receiver = (status = 200) => `${server}/test/webhook-receiver?status=${status}`;
  return { company, base, token, asAdmin, receiver };
}

function mount(base: string, token: string, lang = 'es') {
  return fixtureSync<ClaimsWebhooks>(html`<claims-webhooks api-base=${base} token=${token} lang=${lang}></claims-webhooks>`);
}

const dialog = (el: ClaimsWebhooks) => $<HTMLDialogElement>(el, 'dialog')!;
const status = (el: ClaimsWebhooks) => $(el, '.base > [role="status"]')!.textContent;
/** The button that says `text` in `root` (an element's shadow root, or a part of it). */
const buttonIn = (root: ParentNode, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);
const button = (el: ClaimsWebhooks, text: string) => buttonIn(el.shadowRoot!, text);
const deliveries = (el: ClaimsWebhooks) => $$(el, '[part~="delivery"]');

/** Opens the view of the endpoint whose row shows `text`. */
async function open(el: ClaimsWebhooks, text: string): Promise<HTMLElement> {
  const row = await until(() => $$(el, '[part~="endpoint"]').find((r) => r.textContent!.includes(text)), 10_000, 'the endpoint');
  row.click();
  return until(() => $<HTMLElement>(el, '#detail-title'), 5000, 'the endpoint’s view');
}

describe('<claims-webhooks>', () => {
  it('explains what webhooks are for when the company has none', async () => {
    const { base, token } = await company();
    const el = mount(base, token);
    const empty = await until(() => $(el, '[part~="state"] h3'), 10_000, 'the empty state');
    expect(empty.textContent).to.equal('Todavía no hay webhooks');
    expect($(el, '[part~="create-button"]')!.textContent!.trim()).to.equal('Añadir webhook');
    await expect(el).to.be.accessible();
  });

  it('shows at once an endpoint another admin (or an API key) adds', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const el = mount(base, token);
    await until(() => $(el, '[part~="state"] h3')?.textContent === 'Todavía no hay webhooks', 10_000, 'the empty list');
    await asAdmin('POST', '/webhooks', { url: receiver(), description: 'ERP de otra administradora', eventTypes: ['*'] });
    await until(() => $(el, '[part~="endpoint"]')?.textContent!.includes('ERP de otra administradora'), 10_000, 'the endpoint, live');
  });

  it('adds an endpoint for chosen events, shows its secret once with Copy, then opens it', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void written.push(text) } });
    try {
      const el = mount(base, token);
      const create = await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Add');
      create.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => dialog(el).open && deepActive()?.id === 'wh-url', 5000, 'the URL field focused');
      expect($<HTMLInputElement>(el, 'input[name="which"]')!.checked, 'every event, by default').to.equal(true);
      expect($(el, '.groups')!.hidden, 'the event types only when choosing').to.equal(true);

      // Nothing chosen yet: the form says what is missing, beside each field.
      $$<HTMLInputElement>(el, 'input[name="which"]')[1]!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
      await until(() => $(el, '#wh-url-error')!.textContent === 'Escribe la dirección que recibirá los eventos.', 5000, 'the URL asked for');
      expect(deepActive()?.id).to.equal('wh-url');
      $<HTMLInputElement>(el, '#wh-url')!.value = receiver();
      $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
      await until(() => $(el, '#events-error')!.textContent === 'Elige al menos un evento.', 5000, 'an event asked for');

      const groups = $$(el, '.group legend').map((l) => l.textContent);
      expect(groups).to.deep.equal(['Siniestros', 'Documentos', 'Conversación']);
      const created = $$<HTMLInputElement>(el, 'input[name="events"]').find((c) => c.value === 'claim.created')!;
      expect(created.closest('label')!.textContent).to.contain('Siniestro nuevo');
      created.click();
      $$<HTMLInputElement>(el, 'input[name="events"]').find((c) => c.value === 'document.uploaded')!.click();
      $<HTMLInputElement>(el, '#wh-description')!.value = 'ERP de producción';
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();

      const field = await until(() => $<HTMLInputElement>(el, '#secret-field'), 10_000, 'the secret');
      const secret = field.value;
      expect(secret).to.match(/^whsec_/);
      expect(deepActive()).to.equal(field);
      expect($(el, '[part~="secret"]')!.textContent).to.contain('Cópialo ahora: no volverás a verlo.');
      expect($(el, 'dialog [role="status"]')!.textContent).to.contain('Webhook añadido.');
      $<HTMLButtonElement>(el, '[part~="copy-button"]')!.click();
      await until(() => written.length === 1, 5000, 'copied');
      expect(written[0]).to.equal(secret);
      expect($<HTMLButtonElement>(el, '[part~="copy-button"]')!.textContent!.trim()).to.equal('Copiado');

      button(el, 'Hecho')!.click();
      const title = await until(() => $(el, '#detail-title'), 5000, 'the endpoint’s view');
      await until(() => deepActive() === title, 5000, 'focus on its heading');
      expect(title.textContent).to.equal(receiver());
      const detail = $(el, '[part~="detail"]')!;
      expect(detail.textContent).to.contain('ERP de producción');
      expect(detail.textContent).to.contain('Siniestro nuevo, Documento subido');
      expect(detail.textContent).to.contain(secret.slice(0, 10));
      expect(el.shadowRoot!.innerHTML, 'the secret is not shown again').not.to.contain(secret);
      const { body } = await asAdmin('GET', '/webhooks');
      expect(body.items[0].eventTypes).to.deep.equal(['claim.created', 'document.uploaded']);

      $<HTMLButtonElement>(el, '[part~="back-button"]')!.click();
      const row = await until(() => $(el, '[part~="endpoint"]'), 5000, 'the list');
      await until(() => deepActive() === row, 5000, 'focus back on its row');
      expect(row.textContent).to.contain('Activo');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
    }
  });

  it('puts the API’s refusal of an address beside the URL field', async () => {
    const { base, token } = await company('en');
    const el = mount(base, token, 'en');
    (await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Add')).click();
    await until(() => dialog(el).open, 5000, 'the form');
    // A user name in the URL: valid as a URL, refused by the API.
    $<HTMLInputElement>(el, '#wh-url')!.value = 'https://erp:secret@erp.example.com/hooks';
    $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
    await until(() => $(el, '#wh-url-error')!.textContent!.startsWith('This address cannot receive webhooks'), 10_000, 'the refusal');
    await until(() => deepActive()?.id === 'wh-url', 5000, 'focus on the URL');
    expect(dialog(el).open).to.equal(true);
  });

  it('sends a test event and shows its delivery: status, answer and the answer’s first bytes; redelivers it', async () => {
    const { base, token, receiver, asAdmin } = await company();
    await asAdmin('POST', '/webhooks', { url: receiver(), eventTypes: ['*'] });
    const el = mount(base, token);
    await open(el, 'Todos los eventos');
    await until(() => $(el, '[part~="deliveries"] [part~="state"]')?.textContent!.includes('Envía un evento de prueba'), 10_000, 'the empty log');

    button(el, 'Enviar evento de prueba')!.click();
    await until(() => status(el) === 'Evento de prueba en cola: lo verás en las entregas.', 10_000, 'queued, said');
    // Pending at first; the log looks again by itself until it is delivered.
    const delivered = await until(() => deliveries(el).find((d) => d.textContent!.includes('Entregada')), 15_000, 'delivered');
    expect(delivered.textContent).to.contain('Evento de prueba');
    expect(delivered.textContent).to.contain('HTTP 200');
    expect(delivered.textContent).to.match(/\d+ ms/);
    expect(delivered.textContent).to.contain('1 intento');
    const pre = delivered.querySelector('pre')!;
    expect(pre.getAttribute('part')).to.equal('response');
    expect(JSON.parse(pre.textContent!)).to.have.property('received');
    await expect(el).to.be.accessible();

    const redeliver = [...delivered.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Reenviar')!;
    expect(redeliver.getAttribute('aria-label')).to.match(/^Reenviar Evento de prueba del /);
    redeliver.click();
    await until(() => status(el) === 'Entrega en cola de nuevo.', 10_000, 'redelivered, said');
    await until(() => deliveries(el)[0]?.textContent!.includes('2 intentos'), 15_000, 'tried again');
  });

  it('shows a failing receiver’s answers, and each try', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(500), eventTypes: ['*'] });
    await asAdmin('POST', `/webhooks/${endpoint.id}/test`);
    const el = mount(base, token);
    await open(el, '500');
    const delivery = await until(() => deliveries(el).find((d) => d.textContent!.includes('HTTP 500')), 15_000, 'the failed try');
    expect(delivery.querySelector('pre')!.textContent).to.contain('received');
    const show = buttonIn(delivery, 'Ver los intentos')!;
    expect(show.getAttribute('aria-expanded')).to.equal('false');
    show.click();
    const attempts = await until(() => delivery.querySelector('.attempts li'), 10_000, 'the tries');
    expect(show.getAttribute('aria-expanded')).to.equal('true');
    expect(attempts.textContent).to.contain('HTTP 500');
    expect(attempts.querySelector('pre')!.textContent).to.contain('received');
    await until(() => $$(el, '[part~="endpoint-status"]')[0]?.textContent!.startsWith('Fallando desde el'), 10_000, 'failing, shown');
  });

  it('shows why Claimdesk disabled an endpoint: its receiver answered 410 Gone', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(410), eventTypes: ['*'] });
    await asAdmin('POST', `/webhooks/${endpoint.id}/test`);
    const el = mount(base, token);
    await until(
      () => $(el, '[part~="endpoint-status"]')?.textContent === 'Desactivado: el receptor respondió 410 Gone',
      15_000,
      'disabled, and why (live, or on a load)',
    );
    await open(el, '410');
    const test = button(el, 'Enviar evento de prueba')!;
    expect(test.disabled, 'nothing is sent to a disabled endpoint').to.equal(true);
    expect(test.getAttribute('aria-describedby')).to.equal('detail-status');
    button(el, 'Activar')!.click();
    await until(() => status(el) === 'Webhook activado.', 10_000, 'enabled, said');
    await until(() => $(el, '#detail-status')!.textContent === 'Activo', 10_000, 'enabled, shown');
  });

  it('disables and enables, rotates the secret and deletes, asking first', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(), description: 'ERP', eventTypes: ['claim.created'] });
    const el = mount(base, token);
    await open(el, 'ERP');

    button(el, 'Desactivar')!.click();
    await until(() => status(el) === 'Webhook desactivado: no se le enviarán eventos.', 10_000, 'disabled, said');
    await until(() => $(el, '#detail-status')!.textContent === 'Desactivado por un administrador', 10_000, 'disabled, shown');
    button(el, 'Activar')!.click();
    await until(() => $(el, '#detail-status')!.textContent === 'Activo', 10_000, 'enabled');

    const rotate = button(el, 'Rotar secreto')!;
    rotate.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open, 5000, 'the question');
    expect(dialog(el).textContent).to.contain('El actual seguirá siendo válido 24 horas');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open && deepActive() === rotate, 5000, 'cancelled, focus back');
    rotate.click();
    await until(() => dialog(el).open, 5000, 'the question again');
    $<HTMLButtonElement>(el, 'dialog .btn.primary')!.click();
    const field = await until(() => $<HTMLInputElement>(el, '#secret-field'), 10_000, 'the new secret');
    expect(field.value).to.match(/^whsec_/);
    expect(dialog(el).textContent).to.match(/El secreto anterior sigue siendo válido hasta el .+\./);
    button(el, 'Hecho')!.click();
    await until(() => !dialog(el).open, 5000, 'closed');
    await until(() => $(el, '[part~="detail"]')!.textContent!.includes(field.value.slice(0, 10)), 10_000, 'the new secret’s prefix');

    button(el, 'Eliminar')!.click();
    await until(() => dialog(el).open, 5000, 'the question');
    expect(dialog(el).textContent).to.contain(`Dejarán de enviarse eventos a ${receiver()}`);
    $<HTMLButtonElement>(el, 'dialog .btn.danger')!.click();
    await until(() => status(el) === `Webhook ${receiver()} eliminado.`, 10_000, 'deleted, said');
    await until(() => $(el, '[part~="state"] h3')?.textContent === 'Todavía no hay webhooks', 10_000, 'the list, empty');
    // Said on a timeout: what holds focus instead, and whether the page had it (a tab in the back does not).
    await until(() => deepActive()?.id === 'title' || null, 5000, 'focus on the heading').catch((error: Error) => {
      throw new Error(`${error.message}, not on ${deepActive()?.localName}#${deepActive()?.id} (page focused: ${document.hasFocus()})`);
    });
    expect((await asAdmin('GET', `/webhooks/${endpoint.id}`)).status).to.equal(404);
  });

  it('keeps a dialog opened in the moment another closes: the closed one’s late close event is not its', async () => {
    const { base, token, receiver, asAdmin } = await company();
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(), description: 'ERP', eventTypes: ['claim.created'] });
    const el = mount(base, token);
    await open(el, 'ERP');
    button(el, 'Rotar secreto')!.click();
    await until(() => dialog(el).open && button(el, 'Cancelar'), 5000, 'the question');
    button(el, 'Cancelar')!.click();
    button(el, 'Eliminar')!.click();
    // The first dialog's close event as a page in the background gets it: after the second opened
    // (the browser sends it with an animation frame, which a tab in the back does not get).
    dialog(el).dispatchEvent(new Event('close'));
    await el.updateComplete;
    expect(dialog(el).open, 'the second dialog open').to.equal(true);
    expect(dialog(el).textContent).to.contain(`Dejarán de enviarse eventos a ${receiver()}`);
    $<HTMLButtonElement>(el, 'dialog .btn.danger')!.click();
    await until(() => status(el) === `Webhook ${receiver()} eliminado.`, 10_000, 'deleted, said');
    await until(() => deepActive()?.id === 'title', 5000, 'focus on the heading');
    expect((await asAdmin('GET', `/webhooks/${endpoint.id}`)).status).to.equal(404);
  });

  it('redelivers every delivery since a date, and says how many', async () => {
    const { company: co, base, token, receiver, asAdmin } = await company('en');
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(), eventTypes: ['claim.created'] });
    await createClaim(co);
    await createClaim(co);
    const el = mount(base, token, 'en');
    await open(el, 'New claim');
    await until(() => deliveries(el).filter((d) => d.textContent!.includes('Delivered')).length === 2, 15_000, 'both delivered');
    expect(deliveries(el)[0]!.textContent).to.contain('New claim');
    expect(deliveries(el)[0]!.textContent).to.contain('claim.created');

    const since = $<HTMLInputElement>(el, '#since')!;
    since.closest('form')!.requestSubmit();
    await until(() => $(el, '#since-error')!.textContent === 'Choose a date and time within the last 30 days.', 5000, 'a date asked for');
    expect(deepActive()).to.equal(since);
    const hourAgo = new Date(Date.now() - 3_600_000);
    since.value = new Date(hourAgo.getTime() - hourAgo.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    since.closest('form')!.requestSubmit();
    await until(() => status(el) === '2 deliveries queued again.', 10_000, 'queued, said');
    expect((await asAdmin('GET', `/webhooks/${endpoint.id}/deliveries`)).status).to.equal(200);
  });

  it('filters the log by status', async () => {
    const { base, token, receiver, asAdmin } = await company('en');
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: receiver(), eventTypes: ['*'] });
    await asAdmin('POST', `/webhooks/${endpoint.id}/test`);
    const el = mount(base, token, 'en');
    await open(el, 'All events');
    await until(() => deliveries(el).some((d) => d.textContent!.includes('Delivered')), 15_000, 'delivered');
    const select = $<HTMLSelectElement>(el, '[part~="deliveries"] select')!;
    select.value = 'failed';
    select.dispatchEvent(new Event('change'));
    await until(() => $(el, '[part~="deliveries"] [part~="state"]')?.textContent === 'No deliveries like that.', 10_000, 'none failed');
  });

  it('shows a failed load with Retry, in the reader’s words', async () => {
    const { base, token } = await company();
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input).includes('/webhooks')
        ? new Response(JSON.stringify({ type: 'https://claimdesk.dev/problems/unavailable', title: 'Service unavailable', status: 503 }), {
            status: 503,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : realFetch(input, init);
    const el = mount(base, token);
    try {
      await until(() => $(el, '[part~="state"][role="alert"] p')?.textContent, 10_000, 'the failure');
      expect($(el, '[part~="state"] p')!.textContent).to.equal('El servicio no está disponible ahora mismo. Vuelve a intentarlo en un momento.');
    } finally {
      window.fetch = realFetch;
    }
    $<HTMLButtonElement>(el, '[part~="state"] button')!.click();
    await until(() => $(el, '[part~="state"] h3')?.textContent === 'Todavía no hay webhooks', 10_000, 'loaded on Retry');
  });

  it('stays usable at 320 px in the dark theme, list and endpoint alike', async () => {
    const { base, token, receiver, asAdmin } = await company('en');
    const { body: endpoint } = await asAdmin('POST', '/webhooks', { url: `${receiver()}&a=very-long-query-string-that-must-wrap`, eventTypes: ['*'] });
    await asAdmin('POST', `/webhooks/${endpoint.id}/test`);
    const link = await loadDarkTheme();
    await setViewport({ width: 320, height: 640 });
    try {
      const wrapper = fixtureSync<HTMLElement>(html`<div class="claims-theme-dark" style="background:#0b0c10"><claims-webhooks api-base=${base} token=${token} lang="en"></claims-webhooks></div>`);
      const el = wrapper.querySelector<ClaimsWebhooks>('claims-webhooks')!;
      await until(() => $(el, '[part~="endpoint"]'), 10_000, 'the endpoint');
      expect(el.scrollWidth, 'the list fits').to.be.at.most(el.clientWidth);
      await expect(wrapper).to.be.accessible();
      await open(el, 'very-long');
      await until(() => deliveries(el).some((d) => d.querySelector('pre')), 15_000, 'the delivery');
      expect(el.scrollWidth, 'the endpoint’s view fits').to.be.at.most(el.clientWidth);
      await expect(wrapper).to.be.accessible();
    } finally {
      link.remove();
      await setViewport({ width: 800, height: 600 });
    }
  });
});
