import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './claims-api-keys.ts';
import type { ClaimsApiKeys } from './claims-api-keys.component.ts';
import { $, $$, apiBase, deepActive, loadDarkTheme, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The company's API keys against the real API: an admin of a company of its own per test.

async function company(lang: 'es' | 'en' = 'es') {
  const company = uniqueCompany();
  const [base, token] = await Promise.all([apiBase(), tokenFor(company, { lang })]);
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  return { company, base, token, asAdmin };
}

function mount(base: string, token: string, lang = 'es') {
  return fixtureSync<ClaimsApiKeys>(html`<claims-api-keys api-base=${base} token=${token} lang=${lang}></claims-api-keys>`);
}

/** The clipboard as the element sees it: what was written, or a refusal. */
function stubClipboard(refuse = false): { written: string[]; restore(): void } {
  const written: string[] = [];
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => (refuse ? Promise.reject(new DOMException('Denied', 'NotAllowedError')) : void written.push(text)) },
  });
  return {
    written,
    restore: () => {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      Object.defineProperty(Navigator.prototype, 'clipboard', original);
    },
  };
}

const dialog = (el: ClaimsApiKeys) => $<HTMLDialogElement>(el, 'dialog')!;
const rows = (el: ClaimsApiKeys) => $$(el, '[part~="key"]');
const status = (el: ClaimsApiKeys) => $(el, '.base > [role="status"]')!.textContent;
const dialogStatus = (el: ClaimsApiKeys) => $(el, 'dialog [role="status"]')!.textContent;

/** Fails a request of `method` with a problem, as the API would. */
function refuse(method: string, status: number, code: string): () => void {
  const realFetch = window.fetch;
  window.fetch = async (input, init) =>
    (init?.method ?? 'GET') === method && String(input instanceof Request ? input.url : input).includes('/api-keys')
      ? new Response(JSON.stringify({ type: `https://claimdesk.dev/problems/${code}`, title: code, status, detail: 'Refused in a test.' }), {
          status,
          headers: { 'Content-Type': 'application/problem+json' },
        })
      : realFetch(input, init);
  return () => (window.fetch = realFetch);
}

describe('<claims-api-keys>', () => {
  it('explains what keys are for when the company has none', async () => {
    const { base, token } = await company();
    const el = mount(base, token);
    const empty = await until(() => $(el, '[part~="state"] h3'), 10_000, 'the empty state');
    expect(empty.textContent).to.equal('Todavía no hay claves de API');
    expect($(el, '[part~="base"]')!.textContent).to.contain('tu ERP, por ejemplo');
    expect($(el, '[part~="create-button"]')!.textContent!.trim()).to.equal('Crear clave');
    await expect(el).to.be.accessible();
  });

  it('creates a key from the keyboard, shows it once with Copy, and the key works', async () => {
    const { base, token } = await company();
    const clipboard = stubClipboard();
    try {
      const el = mount(base, token);
      const create = await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Create');
      create.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => dialog(el).open && deepActive()?.id === 'key-name', 5000, 'the name field focused');
      expect($(el, 'dialog h3')!.textContent).to.equal('Nueva clave de API');
      const read = $<HTMLInputElement>(el, 'input[value="claims:read"]')!;
      expect(read.checked, 'reading claims, by default').to.equal(true);
      expect($<HTMLInputElement>(el, 'input[value="claims:write"]')!.checked).to.equal(false);
      await expect(el).to.be.accessible();

      await sendKeys({ type: 'ERP SAP' });
      await sendKeys({ press: 'Enter' });
      const field = await until(() => $<HTMLInputElement>(el, '#secret-field'), 10_000, 'the new key');
      const secret = field.value;
      expect(secret.length).to.be.greaterThan(20);
      expect(deepActive(), 'focus on the key, to copy it').to.equal(field);
      expect($(el, '[part~="secret"]')!.textContent).to.contain('Cópiala ahora: no volverás a verla.');
      expect(dialogStatus(el)).to.equal('Clave «ERP SAP» creada. Cópiala ahora: no volverás a verla.');
      await expect(el).to.be.accessible();

      const copy = $<HTMLButtonElement>(el, '[part~="copy-button"]')!;
      copy.click();
      await until(() => copy.textContent!.trim() === 'Copiada', 5000, 'Copied');
      expect(clipboard.written).to.deep.equal([secret]);
      expect(dialogStatus(el)).to.equal('Copiada');

      // The key is a real one: the API takes it.
      const res = await fetch(`${base}/claims`, { headers: { 'X-Api-Key': secret } });
      expect(res.status, 'the new key reads claims').to.equal(200);

      $<HTMLButtonElement>(el, 'dialog .dialog-actions .btn')!.click();
      await until(() => !dialog(el).open, 5000, 'the dialog closed');
      const row = await until(() => rows(el).find((r) => r.textContent!.includes('ERP SAP')), 10_000, 'the new key listed');
      await until(() => deepActive() === row, 5000, 'focus on the new key');
      expect(row.querySelector('[part~="prefix"]')!.tagName).to.equal('CODE');
      expect(secret.startsWith(row.querySelector('[part~="prefix"]')!.textContent!.replace('…', ''))).to.equal(true);
      expect(row.textContent).to.contain('Leer siniestros');
      expect(row.textContent).to.contain('Creada el');
      expect(row.textContent).to.contain('Ana Martínez');
      expect(el.shadowRoot!.innerHTML, 'the key is not shown again').not.to.contain(secret);
    } finally {
      clipboard.restore();
    }
  });

  it('asks for a name and at least one permission before creating', async () => {
    const { base, token, asAdmin } = await company();
    const el = mount(base, token);
    (await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Create')).click();
    await until(() => dialog(el).open, 5000, 'the dialog');
    $<HTMLInputElement>(el, 'input[value="claims:read"]')!.click();
    $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
    await until(() => $(el, '#key-name-error')!.textContent === 'Escribe un nombre para la clave.', 5000, 'the name asked for');
    expect($(el, '#scopes-error')!.textContent).to.equal('Elige al menos un permiso.');
    expect(deepActive()?.id).to.equal('key-name');
    expect($(el, '#key-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect((await asAdmin('GET', '/company/api-keys')).body.items, 'nothing sent').to.deep.equal([]);
  });

  it('revokes a key after asking, from the keyboard; Escape cancels', async () => {
    const { base, token, asAdmin } = await company();
    const { body: created } = await asAdmin('POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read', 'claims:write'] });
    const el = mount(base, token);
    const row = await until(() => rows(el)[0], 10_000, 'the key');
    expect(row.textContent).to.contain('Último uso: nunca');
    expect(row.textContent).to.contain('Subir documentos y escribir mensajes');
    const revoke = row.querySelector<HTMLButtonElement>('[part~="revoke-button"]')!;
    revoke.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open, 5000, 'the question');
    expect($(el, 'dialog h3')!.textContent).to.equal('¿Revocar la clave «ERP»?');
    expect(deepActive()?.textContent?.trim(), 'Cancel, the safe choice, has focus').to.equal('Cancelar');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open && deepActive() === revoke, 5000, 'focus back on Revoke');

    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open, 5000, 'the question again');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => status(el) === 'Clave «ERP» revocada.', 10_000, 'revoked, said');
    const revoked = await until(() => rows(el).find((r) => r.textContent!.includes('Revocada el')), 10_000, 'the key revoked');
    await until(() => deepActive() === revoked, 5000, 'focus on the revoked key');
    expect(revoked.querySelector('[part~="revoke-button"]')).to.equal(null);
    const res = await fetch(`${base}/claims`, { headers: { 'X-Api-Key': created.secret } });
    expect(res.status, 'the key is refused now').to.equal(401);
  });

  it('keeps a dialog opened in the moment another closes: the closed one’s late close event is not its', async () => {
    const { base, token, asAdmin } = await company();
    await asAdmin('POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read'] });
    await asAdmin('POST', '/company/api-keys', { name: 'CRM', scopes: ['claims:read'] });
    const el = mount(base, token);
    await until(() => rows(el).length === 2, 10_000, 'both keys');
    const revokeOf = (name: string) => rows(el).find((r) => r.textContent!.includes(name))!.querySelector<HTMLButtonElement>('[part~="revoke-button"]')!;
    revokeOf('ERP').click();
    await until(() => dialog(el).open && $<HTMLButtonElement>(el, 'dialog .btn:not(.danger)'), 5000, 'the question');
    $<HTMLButtonElement>(el, 'dialog .btn:not(.danger)')!.click();
    revokeOf('CRM').click();
    // The first dialog's close event as a page in the background gets it: after the second opened
    // (the browser sends it with an animation frame, which a tab in the back does not get).
    dialog(el).dispatchEvent(new Event('close'));
    await el.updateComplete;
    expect(dialog(el).open, 'the second dialog open').to.equal(true);
    expect($(el, 'dialog h3')?.textContent).to.equal('¿Revocar la clave «CRM»?');
    $<HTMLButtonElement>(el, 'dialog .btn.danger')!.click();
    await until(() => status(el) === 'Clave «CRM» revocada.', 10_000, 'revoked, said');
    const revoked = await until(() => rows(el).find((r) => r.textContent!.includes('CRM') && r.textContent!.includes('Revocada el')), 10_000, 'CRM revoked');
    await until(() => deepActive() === revoked, 5000, 'focus on the revoked key');
  });

  it('says why a key could not be created, in the reader’s language', async () => {
    const { base, token } = await company('en');
    const el = mount(base, token, 'en');
    (await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Create')).click();
    await until(() => dialog(el).open, 5000, 'the dialog');
    $<HTMLInputElement>(el, '#key-name')!.value = 'ERP';
    const restore = refuse('POST', 409, 'api-key-limit');
    try {
      $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
      const alert = await until(() => $$(el, 'dialog [role="alert"]').find((a) => a.textContent), 10_000, 'the refusal');
      expect(alert.textContent).to.match(/^The key could not be created\. .+/);
      expect(alert.textContent).not.to.contain('Refused in a test');
      expect(dialog(el).open, 'the form stays, to try again').to.equal(true);
    } finally {
      restore();
    }
  });

  it('selects the key to copy by hand when the clipboard is refused', async () => {
    const { base, token } = await company();
    const clipboard = stubClipboard(true);
    try {
      const el = mount(base, token);
      (await until(() => $<HTMLButtonElement>(el, '[part~="create-button"]'), 10_000, 'Create')).click();
      await until(() => dialog(el).open, 5000, 'the dialog');
      $<HTMLInputElement>(el, '#key-name')!.value = 'ERP';
      $<HTMLButtonElement>(el, 'dialog [type="submit"]')!.click();
      const field = await until(() => $<HTMLInputElement>(el, '#secret-field'), 10_000, 'the new key');
      field.blur();
      $<HTMLButtonElement>(el, '[part~="copy-button"]')!.click();
      const alert = await until(() => $(el, '.secret-failed'), 5000, 'how to copy by hand');
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('Ctrl+C');
      expect(deepActive()).to.equal(field);
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, field.value.length]);
    } finally {
      clipboard.restore();
    }
  });

  it('shows a failed load with Retry, and a member that keys are for administrators', async () => {
    const { company: co, base, token } = await company();
    const restore = refuse('GET', 503, 'unavailable');
    const el = mount(base, token);
    try {
      await until(() => $(el, '[part~="state"][role="alert"] p')?.textContent, 10_000, 'the failure');
      expect($(el, '[part~="state"] p')!.textContent).to.equal('El servicio no está disponible ahora mismo. Vuelve a intentarlo en un momento.');
    } finally {
      restore();
    }
    $<HTMLButtonElement>(el, '[part~="state"] button')!.click();
    await until(() => $(el, '[part~="state"] h3')?.textContent === 'Todavía no hay claves de API', 10_000, 'loaded on Retry');

    const member = mount(base, await tokenFor(co, { role: 'member', sub: `jordi-${co}` }));
    await until(() => $(member, '[part~="state"][role="alert"] p')?.textContent, 10_000, 'the refusal');
    expect($(member, '[part~="state"] p')!.textContent).to.equal('No tienes permiso para hacer esto.');
  });

  it('stays usable at 320 px in the dark theme', async () => {
    const { base, token, asAdmin } = await company('en');
    await asAdmin('POST', '/company/api-keys', { name: 'A rather long name for the ERP integration key', scopes: ['claims:read', 'claims:write', 'webhooks:manage'] });
    const link = await loadDarkTheme();
    await setViewport({ width: 320, height: 640 });
    try {
      const wrapper = fixtureSync<HTMLElement>(html`<div class="claims-theme-dark" style="background:#0b0c10"><claims-api-keys api-base=${base} token=${token} lang="en"></claims-api-keys></div>`);
      const el = wrapper.querySelector<ClaimsApiKeys>('claims-api-keys')!;
      const row = await until(() => rows(el)[0], 10_000, 'the key');
      expect(el.scrollWidth, 'nothing wider than the screen').to.be.at.most(el.clientWidth);
      const revoke = row.querySelector<HTMLElement>('[part~="revoke-button"]')!;
      expect(revoke.getBoundingClientRect().right).to.be.at.most(320);
      await expect(wrapper).to.be.accessible();
    } finally {
      link.remove();
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('speaks English', async () => {
    const { base, token, asAdmin } = await company('en');
    await asAdmin('POST', '/company/api-keys', { name: 'ERP', scopes: ['claims:read'] });
    const el = mount(base, token, 'en');
    const row = await until(() => rows(el)[0], 10_000, 'the key');
    expect($(el, 'h2')!.textContent).to.equal('API keys');
    expect(row.textContent).to.contain('Last used: never');
    expect(row.textContent).to.contain('Read claims');
  });
});
