import { expect, fixture, html } from '@open-wc/testing';
import './claims-detail.ts';
import '../claims-console/claims-console.ts';
import type { ClaimsDetail } from './claims-detail.component.ts';
import type { ClaimsConsole } from '../claims-console/claims-console.component.ts';
import { $, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// A claim's papers from <claims-detail>: the dossier for the company's administrators and for
// handlers, the letter to the carrier for handlers; fetched with the token, saved through a
// download link, with the download's progress and, when it fails, why.

async function detailFor(company: string, id: string, role: 'admin' | 'member' | 'handler', lang = 'es') {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role })]);
  const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${id} lang=${lang}></claims-detail>`);
  await until(() => $(el, 'h2'), 10_000, 'the claim heading');
  // Who the reader is comes apart from the claim: the papers show once it is known.
  if (role !== 'member') await until(() => $(el, '[part~="dossier-button"]'), 10_000, 'the dossier button');
  return el;
}

/** The company's member (as tokenFor names them) gets claims access from its admin. */
async function grantAccess(company: string) {
  const base = await apiBase();
  const as = async (role: 'admin' | 'member', path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${await tokenFor(company, { role })}`, 'Content-Type': 'application/json' } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json();
  };
  const me = (await as('member', '/me')) as { id: string };
  await as('admin', `/users/${me.id}`, { method: 'PATCH', body: JSON.stringify({ claimsAccess: true }) });
}

interface Saved {
  name: string;
  bytes: Uint8Array;
}

/**
 * Records what the page saves through a download link (instead of the browser's downloads), and
 * the requests it sends to URLs containing `/dossier` or `/letter` with their Authorization.
 */
function watchDownloads(respond?: (url: string) => Response | Promise<Response>) {
  const saved: Promise<Saved>[] = [];
  const requests: { url: string; authorization: string | null }[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const { href, download } = this;
    saved.push(fetch(href).then(async (res) => ({ name: download, bytes: new Uint8Array(await res.arrayBuffer()) })));
  };
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (/\/(dossier|letter)\b/.test(url)) {
      requests.push({ url, authorization: new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).get('authorization') });
      if (respond) return respond(url);
    }
    return realFetch(input, init);
  };
  return {
    saved,
    requests,
    restore() {
      HTMLAnchorElement.prototype.click = click;
      window.fetch = realFetch;
    },
  };
}

const buttonText = (el: Element, part: string) => $(el, `[part~="${part}"]`)!.textContent!.replace(/\s+/g, ' ').trim();

describe('<claims-detail> papers', () => {
  it('offers the dossier to the company’s admins, not the letter, and nothing to a member', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const admin = await detailFor(company, claim.id, 'admin');
    expect(buttonText(admin, 'dossier-button')).to.equal('Descargar expediente');
    expect($(admin, '[part~="letter-button"]')).to.equal(null);
    await expect(admin).to.be.accessible();

    await grantAccess(company);
    const member = await detailFor(company, claim.id, 'member');
    await until(() => $(member, '[part~="help-link"]'), 10_000, 'the member’s role known');
    expect($(member, '[part~="downloads"]')).to.equal(null);
  });

  it('downloads the dossier with the token and saves it under the claim’s reference', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const el = await detailFor(company, claim.id, 'admin');
    const watch = watchDownloads();
    try {
      $(el, '[part~="dossier-button"]')!.click();
      await until(() => watch.saved.length, 10_000, 'the dossier saved');
      const file = await watch.saved[0]!;
      expect(file.name).to.equal(`Expediente ${claim.reference}.zip`);
      expect([...file.bytes.slice(0, 4)], 'a ZIP').to.deep.equal([0x50, 0x4b, 0x03, 0x04]);
      expect(watch.requests.map((r) => new URL(r.url).pathname + new URL(r.url).search)).to.deep.equal([`/api/v1/claims/${claim.id}/dossier?lang=es`]);
      expect(watch.requests[0]!.authorization).to.match(/^Bearer /);
      await until(() => el.shadowRoot!.textContent!.includes(`Descargado: Expediente ${claim.reference}.zip`), 5000, 'the announcement');
    } finally {
      watch.restore();
    }
  });

  it('gives handlers the letter to the carrier too, in the element’s language', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const el = await detailFor(company, claim.id, 'handler', 'en');
    expect(buttonText(el, 'dossier-button')).to.equal('Download dossier');
    expect(buttonText(el, 'letter-button')).to.equal('Letter to the carrier (PDF)');
    const watch = watchDownloads();
    try {
      $(el, '[part~="letter-button"]')!.click();
      await until(() => watch.saved.length, 10_000, 'the letter saved');
      const file = await watch.saved[0]!;
      expect(file.name).to.equal(`Letter to the carrier ${claim.reference}.pdf`);
      expect(new TextDecoder().decode(file.bytes.slice(0, 5))).to.equal('%PDF-');
      expect(new URL(watch.requests[0]!.url).search).to.equal('?lang=en');
    } finally {
      watch.restore();
    }
  });

  it('shows the download’s progress, and keeps both buttons from a second download meanwhile', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const el = await detailFor(company, claim.id, 'handler');
    let body!: ReadableStreamDefaultController<Uint8Array>;
    let answer!: (res: Response) => void;
    const watch = watchDownloads(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    try {
      const button = $<HTMLButtonElement>(el, '[part~="dossier-button"]')!;
      button.click();
      await until(() => buttonText(el, 'dossier-button') === 'Preparando…', 5000, 'preparing');
      expect(button.disabled).to.equal(true);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect($<HTMLButtonElement>(el, '[part~="letter-button"]')!.disabled).to.equal(true);

      const stream = new ReadableStream<Uint8Array>({ start: (controller) => void (body = controller) });
      answer(new Response(stream, { headers: { 'Content-Type': 'application/zip', 'Content-Length': '1000', 'Content-Disposition': `attachment; filename*=UTF-8''Expediente%20${claim.reference}.zip` } }));
      body.enqueue(new Uint8Array(450));
      await until(() => buttonText(el, 'dossier-button') === 'Descargando… 45 %', 5000, '45 %');
      body.enqueue(new Uint8Array(550));
      body.close();
      await until(() => watch.saved.length, 5000, 'saved');
      expect((await watch.saved[0]!).bytes.byteLength).to.equal(1000);
      await until(() => buttonText(el, 'dossier-button') === 'Descargar expediente', 5000, 'the button back');
      expect(button.disabled).to.equal(false);
    } finally {
      watch.restore();
    }
  });

  it('says why a download failed, in the reader’s words, and lets them try again', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const el = await detailFor(company, claim.id, 'admin');
    const problem = { type: 'https://claimdesk.dev/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'Shutting down.' };
    const watch = watchDownloads(() => new Response(JSON.stringify(problem), { status: 503, headers: { 'Content-Type': 'application/problem+json' } }));
    const errors: CustomEvent[] = [];
    el.addEventListener('claims-error', (e) => errors.push(e));
    try {
      $(el, '[part~="dossier-button"]')!.click();
      const alert = await until(() => $(el, '[part~="downloads"] ~ [role="alert"]'), 5000, 'the error');
      await until(() => alert.textContent!.trim(), 5000, 'its words');
      expect(alert.textContent).to.not.contain('Shutting down');
      expect(errors.map((e) => [e.detail.status, e.detail.action])).to.deep.equal([[503, 'dossier']]);
      expect($<HTMLButtonElement>(el, '[part~="dossier-button"]')!.disabled).to.equal(false);
      expect(watch.saved).to.have.length(0);
    } finally {
      watch.restore();
    }
  });

  it('puts both in the back office, for the handler of the open claim', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
    const console = await fixture<ClaimsConsole>(html`<claims-console api-base=${base} token=${token} lang="es" claim-id=${claim.id}></claims-console>`);
    const detail = await until(() => console.shadowRoot!.querySelector('claims-detail'), 10_000, 'the detail');
    await until(() => $(detail, '[part~="letter-button"]'), 10_000, 'the letter button');
    expect(buttonText(detail, 'dossier-button')).to.equal('Descargar expediente');
    expect(buttonText(detail, 'letter-button')).to.equal('Carta al transportista (PDF)');
  });
});
