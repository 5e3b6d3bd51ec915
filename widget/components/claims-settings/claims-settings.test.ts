import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-settings.ts';
import type { ClaimsSettings } from './claims-settings.component.ts';
import { $, $$, apiBase, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';

// Settings against the real API: an admin and a member of one company, each signed in once so
// both exist.

type User = { id: string; name: string; role: string; claimsAccess: boolean; notifications: string };

async function company(lang: 'es' | 'en' = 'es') {
  const company = uniqueCompany();
  const base = await apiBase();
  const [adminToken, memberToken] = await Promise.all([tokenFor(company, { lang }), tokenFor(company, { role: 'member', sub: `jordi-${company}` })]);
  const as = (token: string) => async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await res.json() };
  };
  const asAdmin = as(adminToken);
  const asMember = as(memberToken);
  const me = (await asMember('GET', '/me')).body as User;
  await asAdmin('GET', '/me');
  return { company, base, adminToken, memberToken, asAdmin, member: me };
}

function mount(base: string, token: string, lang = 'es') {
  return fixtureSync<ClaimsSettings>(html`<claims-settings api-base=${base} token=${token} lang=${lang}></claims-settings>`);
}

const row = (el: ClaimsSettings, name: string) => $$(el, '[part~="user"]').find((r) => r.querySelector('strong')!.textContent === name)!;
const access = (r: HTMLElement) => r.querySelector<HTMLButtonElement>('[part~="access-switch"]')!;
const email = (r: HTMLElement) => r.querySelector<HTMLButtonElement>('[part~="channel-switch"]')!;
const status = (r: HTMLElement) => r.querySelector('[part~="row-status"]')?.textContent;

async function users(asAdmin: (m: string, p: string) => Promise<{ body: { items: User[] } }>): Promise<User[]> {
  return (await asAdmin('GET', '/users')).body.items;
}

describe('<claims-settings>', () => {
  it('lets an admin grant a member claims access and choose the channel, saving each at once', async () => {
    const { base, adminToken, asAdmin, member } = await company();
    const el = mount(base, adminToken);
    await el.updateComplete;
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    await expect(el).to.be.accessible();
    const jordi = row(el, 'Jordi Puig');
    expect(access(jordi).getAttribute('role')).to.equal('switch');
    const before = access(jordi).getAttribute('aria-checked') === 'true';

    access(jordi).click();
    await el.updateComplete;
    expect(access(jordi).getAttribute('aria-checked'), 'shown at once').to.equal(String(!before));
    expect(jordi.querySelector('[part~="row-status"]')!.textContent).to.equal('Guardando…');
    await until(() => jordi.querySelector('[part~="row-status"]')?.textContent === 'Guardado', 10_000, 'saved');
    expect($(el, '[role="status"]')!.textContent).to.equal('Guardado');
    expect((await users(asAdmin)).find((u) => u.id === member.id)!.claimsAccess, 'the request took effect').to.equal(!before);

    expect(email(jordi).getAttribute('aria-label')).to.equal('Avisos por email a Jordi Puig');
    expect(email(jordi).getAttribute('aria-checked')).to.equal('false');
    email(jordi).click();
    await el.updateComplete;
    expect(email(jordi).getAttribute('aria-checked'), 'shown at once').to.equal('true');
    expect(status(jordi)).to.equal('Guardando…');
    await until(() => status(jordi) === 'Guardado', 10_000, 'saved');
    expect((await users(asAdmin)).find((u) => u.id === member.id)!.notifications, 'the channel saved on the server').to.equal('in_app_and_email');
  });

  it('saves a notification channel once per choice: arrow keys choose nothing, Space chooses', async () => {
    const { base, adminToken, asAdmin, member } = await company();
    const el = mount(base, adminToken);
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    const jordi = row(el, 'Jordi Puig');
    const saves = countRequests('PATCH', `/users/${member.id}`);
    try {
      email(jordi).focus();
      // What a closed <select> would have saved at each step.
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowRight', 'End']) await sendKeys({ press: key });
      await el.updateComplete;
      expect(email(jordi).getAttribute('aria-checked'), 'no choice made').to.equal('false');
      expect(status(jordi), 'nothing saving').to.equal(undefined);
      await sendKeys({ press: 'Space' });
      await until(() => status(jordi) === 'Guardado', 10_000, 'saved');
      expect(saves.count, 'one request, for the one choice').to.equal(1);
      expect(email(jordi).getAttribute('aria-checked')).to.equal('true');
      expect((await users(asAdmin)).find((u) => u.id === member.id)!.notifications).to.equal('in_app_and_email');
    } finally {
      saves.restore();
    }
  });

  it('puts a refused channel back and says it was not saved', async () => {
    const { base, adminToken, asAdmin, member } = await company();
    const el = mount(base, adminToken);
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      init?.method === 'PATCH'
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503 }), { status: 503, headers: { 'Content-Type': 'application/problem+json' } })
        : realFetch(input, init);
    try {
      const jordi = row(el, 'Jordi Puig');
      email(jordi).focus();
      await sendKeys({ press: 'Space' });
      const alert = await until(() => jordi.querySelector('[part~="row-status"][role="alert"]'), 10_000, 'the refusal');
      expect(alert.textContent).to.contain('No se pudo guardar.');
      expect(email(jordi).getAttribute('aria-checked'), 'put back').to.equal('false');
    } finally {
      window.fetch = realFetch;
    }
    expect((await users(asAdmin)).find((u) => u.id === member.id)!.notifications, 'unchanged on the server').to.equal('in_app');
  });

  it('keeps the admin’s own access switch off limits, with the reason', async () => {
    const { base, adminToken } = await company();
    const el = mount(base, adminToken);
    await el.updateComplete;
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    const ana = row(el, 'Ana Martínez');
    expect(ana.textContent).to.contain('(tú)');
    expect(access(ana).disabled).to.equal(true);
    expect(access(ana).getAttribute('aria-checked')).to.equal('true');
    const note = ana.querySelector(`#${access(ana).getAttribute('aria-describedby')}`)!;
    expect(note.textContent).to.equal('Los administradores siempre tienen acceso');
  });

  it('shows a promotion the host made live: the row becomes an administrator’s', async () => {
    const { company: co, base, adminToken, asAdmin, member } = await company();
    await asAdmin('PATCH', `/users/${member.id}`, { claimsAccess: true });
    const el = mount(base, adminToken);
    await el.updateComplete;
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    expect(access(row(el, 'Jordi Puig')).disabled).to.equal(false);
    // The host made Jordi an administrator: his next sign-in says so, and it is recorded as user.updated.
    const promoted = await tokenFor(co, { role: 'admin', sub: `jordi-${co}`, name: 'Jordi Puig' });
    await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${promoted}` } });
    await until(() => access(row(el, 'Jordi Puig')).disabled, 10_000, 'Jordi shown as an administrator');
    expect(access(row(el, 'Jordi Puig')).getAttribute('aria-checked')).to.equal('true');
  });

  it('drops the admin’s view of every user as soon as the host switches to a member (a shared computer)', async () => {
    const { base, adminToken, memberToken } = await company();
    const el = fixtureSync<ClaimsSettings>(html`<claims-settings api-base=${base} .tokenProvider=${() => adminToken} lang="es"></claims-settings>`);
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    expect(el.shadowRoot!.textContent).to.contain('Ana Martínez');

    el.tokenProvider = () => memberToken;
    // No click, no request of the host's: the new provider's token alone shows the user changed.
    await until(() => $$(el, '[part~="user"]').length === 0, 5000, 'the admin’s view of the users gone');
    expect(el.shadowRoot!.textContent, 'nothing of the admin’s left').not.to.contain('Ana Martínez');
    await until(() => $(el, '[part~="own-settings"]'), 10_000, 'the member’s own settings');
    expect(el.shadowRoot!.textContent).not.to.contain('Ana Martínez');
  });

  it('puts a refused change back and shows why', async () => {
    const { base, adminToken, asAdmin, member } = await company();
    await asAdmin('PATCH', `/users/${member.id}`, { claimsAccess: true });
    const el = mount(base, adminToken);
    await el.updateComplete;
    await until(() => $$(el, '[part~="user"]').length === 2, 10_000, 'the users');
    // The server refuses this change (as it would one the screen did not know was stale).
    const detail = 'claimsAccess cannot be false for an administrator: administrators always have claims access.';
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      init?.method === 'PATCH'
        ? new Response(JSON.stringify({ type: 'https://claimdesk.dev/problems/invalid-request', title: 'Invalid request', status: 400, detail }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : realFetch(input, init);
    try {
      const jordi = row(el, 'Jordi Puig');
      expect(access(jordi).getAttribute('aria-checked')).to.equal('true');
      access(jordi).click();
      await until(() => jordi.querySelector('[part~="row-status"][role="alert"]'), 10_000, 'the refusal');
      // In the screen's language, never the server's English.
      expect(jordi.querySelector('[part~="row-status"]')!.textContent!.trim()).to.equal('No se pudo guardar. Algún dato no es válido. Revísalo y vuelve a intentarlo.');
      expect(access(jordi).getAttribute('aria-checked'), 'put back').to.equal('true');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('changes the channel new users get', async () => {
    const { base, adminToken, asAdmin } = await company();
    const el = mount(base, adminToken);
    await el.updateComplete;
    const toggle = await until(() => $<HTMLButtonElement>(el, '[part~="company-default"] [part~="channel-switch"]'), 10_000, 'the company default');
    expect(toggle.getAttribute('aria-label')).to.equal('Avisos por email a los usuarios nuevos');
    const next = toggle.getAttribute('aria-checked') === 'true' ? 'in_app' : 'in_app_and_email';
    toggle.click();
    await until(() => $(el, '[part~="company-default"] [part~="row-status"]')?.textContent === 'Guardado', 10_000, 'saved');
    expect((await asAdmin('GET', '/company')).body.defaultNotifications).to.equal(next);
  });

  it('shows a member their own settings, read-only, and follows an admin’s change live', async () => {
    const { base, memberToken, asAdmin, member } = await company('en');
    // With claims access, the member's live stream is open.
    await asAdmin('PATCH', `/users/${member.id}`, { claimsAccess: true });
    const el = mount(base, memberToken, 'en');
    await el.updateComplete;
    await until(() => $(el, '[part~="own-settings"]'), 10_000, 'own settings');
    const own = $(el, '[part~="own-settings"]')!;
    expect(own.textContent).to.contain('Only an administrator of your company can change these settings.');
    expect($$(el, 'button[role="switch"], select')).to.have.length(0);
    expect(own.textContent).to.contain('Customer area only');
    await asAdmin('PATCH', `/users/${member.id}`, { notifications: 'in_app_and_email' });
    await until(() => own.textContent!.includes('Has access') && own.textContent!.includes('Customer area and email'), 10_000, 'the live change');
  });

  it('shows admins the Integrations (API keys and webhooks), loaded when opened; members never', async () => {
    const { base, adminToken, memberToken } = await company();
    const el = mount(base, adminToken);
    const toggle = await until(() => $<HTMLButtonElement>(el, '[part~="integrations-button"]'), 10_000, 'Integrations');
    expect($(el, '#integrations-title')!.textContent).to.equal('Integraciones');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part~="integrations"]')!.hidden).to.equal(true);
    expect($(el, 'claims-api-keys, claims-webhooks'), 'nothing loaded before it is opened').to.equal(null);

    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.textContent!.trim()).to.equal('Cerrar las integraciones');
    const keys = $(el, 'claims-api-keys')!;
    const webhooks = $(el, 'claims-webhooks')!;
    // Configured by the settings, as any element inside a configured one.
    await until(() => $(keys, '[part~="state"] h3')?.textContent === 'Todavía no hay claves de API', 10_000, 'the API keys');
    await until(() => $(webhooks, '[part~="state"] h3')?.textContent === 'Todavía no hay webhooks', 10_000, 'the webhooks');
    await expect(el).to.be.accessible();

    const member = mount(base, memberToken);
    await until(() => $(member, '[part~="own-settings"]'), 10_000, 'the member’s settings');
    expect($(member, '[part~="integrations-button"], [part~="integrations"]')).to.equal(null);
  });
});
