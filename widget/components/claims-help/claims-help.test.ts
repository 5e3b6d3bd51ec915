import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-help.ts';
import type { ClaimsHelp } from './claims-help.component.ts';
import { $, $$, apiBase, deepActive, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The operator's contact against the real API, whose test run configures it (see
// web-test-runner.config.mjs); the states the real server cannot be put in (no contact, a
// failure) come from answering GET /help in the page.

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function mount(lang: 'es' | 'en' = 'es') {
  const [base, token] = await Promise.all([apiBase(), tokenFor(uniqueCompany())]);
  return fixture<ClaimsHelp>(html`<claims-help api-base=${base} token=${token} lang=${lang}></claims-help>`);
}

const contact = (el: ClaimsHelp) => until(() => $(el, '[part~="contact"]'), 10_000, 'the contact');

/** Definitions as a user reads them: each label with its value. */
const entries = (el: ClaimsHelp) =>
  $$(el, '[part~="contact"] > div').map((row) => [row.querySelector('dt')!.textContent!.trim(), row.querySelector('dd')!.textContent!.trim()]);

/**
 * Answers GET /help in this page with `answer` (a Response, or a promise of one) until
 * `restore()`; every other request goes to the real API. Counts the requests it answered.
 */
function answerHelp(answer: () => Response | Promise<Response>) {
  const realFetch = window.fetch;
  const state = { asked: 0, restore: () => (window.fetch = realFetch) };
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.endsWith('/help')) return realFetch(input, init);
    state.asked++;
    return Promise.resolve(answer());
  };
  return state;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

describe('<claims-help>', () => {
  it('shows the operator’s contact: email and phone as links, and the opening hours, accessibly', async () => {
    const el = await mount('es');
    await contact(el);
    expect($(el, '[part~="heading"]')!.textContent).to.equal('¿Necesitas ayuda?');
    expect($(el, 'section')!.getAttribute('aria-labelledby')).to.equal($(el, '[part~="heading"]')!.id);
    expect(text(el)).to.contain('El equipo de siniestros te atiende:');
    expect(entries(el)).to.deep.equal([
      ['Email', 'siniestros@claimdesk.test'],
      ['Teléfono', '+34 910 000 000'],
      ['Horario', 'L–V 9:00–18:00'],
    ]);
    expect($(el, '[part~="email"]')!.getAttribute('href')).to.equal('mailto:siniestros@claimdesk.test');
    expect($(el, '[part~="phone"]')!.getAttribute('href'), 'dialable: digits and the plus only').to.equal('tel:+34910000000');
    expect($(el, '[part~="state"]'), 'no loading or error state left').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('speaks English, and follows a change of language', async () => {
    const el = await mount('en');
    await contact(el);
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Need help?');
    expect(text(el)).to.contain('The claims team is here for you:');
    expect(entries(el).map(([label]) => label)).to.deep.equal(['Email', 'Phone', 'Hours']);
    el.lang = 'es';
    await until(() => $(el, '[part~="heading"]')!.textContent === '¿Necesitas ayuda?', 10_000, 'Spanish');
    expect(entries(el).map(([label]) => label)).to.deep.equal(['Email', 'Teléfono', 'Horario']);
    expect(entries(el)[0]![1], 'the contact still shown').to.equal('siniestros@claimdesk.test');
  });

  it('reaches the email and the phone with Tab, in that order', async () => {
    const [base, token] = await Promise.all([apiBase(), tokenFor(uniqueCompany())]);
    // fixtureSync: `fixture` waits for an animation frame on a plain element, and a test tab that
    // is not in front gets none.
    const page = fixtureSync<HTMLDivElement>(html`<div>
      <button id="before">before</button>
      <claims-help api-base=${base} token=${token} lang="en"></claims-help>
      <button id="after">after</button>
    </div>`);
    const el = page.querySelector<ClaimsHelp>('claims-help')!;
    await contact(el);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal($(el, '[part~="email"]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal($(el, '[part~="phone"]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive(), 'nothing else to stop at').to.equal(page.querySelector('#after'));
  });

  it('says it is loading while the contact is on its way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const help = answerHelp(async () => {
      await held;
      return json({ email: 'ayuda@operador.test', phone: null, hours: null });
    });
    try {
      const el = await mount('es');
      await until(() => help.asked === 1, 10_000, 'the contact asked for');
      await el.updateComplete;
      const state = $(el, '[part~="state"]')!;
      expect(state.getAttribute('aria-busy')).to.equal('true');
      expect(state.textContent).to.contain('Cargando');
      expect($(el, '[part~="contact"]')).to.equal(null);
      release();
      await contact(el);
      expect($(el, '[part~="state"]'), 'the loading state is gone').to.equal(null);
    } finally {
      release();
      help.restore();
    }
  });

  it('shows only the parts of the contact the operator set', async () => {
    const help = answerHelp(() => json({ email: null, phone: '+34 600 11 22 33', hours: null }));
    try {
      const el = await mount('en');
      await contact(el);
      expect(entries(el)).to.deep.equal([['Phone', '+34 600 11 22 33']]);
      expect($(el, '[part~="email"]')).to.equal(null);
      expect($(el, '[part~="phone"]')!.getAttribute('href')).to.equal('tel:+34600112233');
    } finally {
      help.restore();
    }
  });

  it('says so when the operator has set no contact, in either language', async () => {
    const help = answerHelp(() => json({ email: null, phone: null, hours: null }));
    try {
      const el = await mount('es');
      const state = await until(() => $(el, '[part~="state"]:not([aria-busy])'), 10_000, 'the empty state');
      expect(state.textContent).to.equal('Todavía no hay datos de contacto. Escribe a tu gestora desde el chat del siniestro.');
      expect($(el, '[part~="contact"]'), 'no empty list').to.equal(null);
      expect($(el, 'a'), 'nothing to follow').to.equal(null);
      await expect(el).to.be.accessible();
      el.lang = 'en';
      await until(() => $(el, '[part~="state"]')?.textContent === 'There are no contact details yet. Write to your handler in the claim’s chat.', 10_000, 'the English empty state');
    } finally {
      help.restore();
    }
  });

  it('shows why loading failed, fires claims-error, and loads on Retry from the keyboard', async () => {
    let fail = true;
    const help = answerHelp(() =>
      fail
        ? json({ type: 'https://claimdesk.dev/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'This server is shutting down. Retry in 2 s.' }, 503)
        : json({ email: 'ayuda@operador.test', phone: null, hours: 'L–V 8:00–20:00' }),
    );
    try {
      const [base, token] = await Promise.all([apiBase(), tokenFor(uniqueCompany())]);
      const el = fixtureSync<ClaimsHelp>(html`<claims-help api-base=${base} token=${token} lang="es"></claims-help>`);
      const failed = oneEvent(el, 'claims-error');
      const { detail } = await failed;
      expect(detail).to.deep.include({ status: 503, type: 'https://claimdesk.dev/problems/unavailable', action: 'help', detail: 'This server is shutting down. Retry in 2 s.' });
      // The person reads the widget's words for the problem, never the server's English.
      const alert = await until(
        () => $(el, '[part~="state"][role="alert"]')?.textContent?.includes('El servicio no está disponible ahora mismo. Vuelve a intentarlo en un momento.') && $(el, '[part~="state"][role="alert"]'),
        10_000,
        'the error state, worded',
      );
      expect(alert.textContent).not.to.contain('shutting down');
      const retry = alert.querySelector('button')!;
      expect(retry.textContent!.trim()).to.equal('Reintentar');
      await expect(el).to.be.accessible();

      fail = false;
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await contact(el);
      expect(help.asked, 'asked once more').to.equal(2);
      expect(entries(el)).to.deep.equal([
        ['Email', 'ayuda@operador.test'],
        ['Horario', 'L–V 8:00–20:00'],
      ]);
      expect($(el, '[role="alert"]'), 'the error is gone').to.equal(null);
    } finally {
      help.restore();
    }
  });

  it('says it could not load when the API cannot be reached', async () => {
    const el = fixtureSync<ClaimsHelp>(html`<claims-help api-base="http://127.0.0.1:9/api/v1" token="x" lang="en"></claims-help>`);
    const failed = oneEvent(el, 'claims-error');
    expect((await failed).detail.action).to.equal('help');
    const alert = await until(() => $(el, '[part~="state"][role="alert"]'), 10_000, 'the error state');
    expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Retry');
  });
});
