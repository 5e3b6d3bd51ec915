import { expect } from '@open-wc/testing';
import '../components/claims-app/claims-app.ts';
import '../components/claims-console/claims-console.ts';
import type { ClaimsApp } from '../components/claims-app/claims-app.component.ts';
import type { ClaimsConsole } from '../components/claims-console/claims-console.component.ts';
import type { ClaimsDetail } from '../components/claims-detail/claims-detail.component.ts';
import type { ClaimsList } from '../components/claims-list/claims-list.component.ts';
import type { ClaimsAnalytics } from '../components/claims-analytics/claims-analytics.component.ts';
import {
  API_KEY_SCOPES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  DOCUMENT_STATUSES,
  GOODS,
  NOTIFICATION_CHANNELS,
  OUTCOMES,
  ROLES,
  SCOPES,
  WEBHOOK_DELIVERY_STATUSES,
} from '../../domain/constants.ts';
import { ClaimsElement } from '../internal/claims-element.ts';
import { LANGUAGES, mainCatalogue, type WidgetLanguage } from './languages.ts';
import { $, $$, acceptAs, apiBase, createClaim, serverUrl, tokenFor, transition, uniqueCompany, until, type TestClaim } from '../test/helpers.ts';

// Every view of the widget, the customer's and the handler's, drawn once in each language (at the
// runner's one window width) from the same history, a company of its own per language, and read
// as its reader would: nothing missing, every element speaking the language, nothing left in
// Spanish or English, and no axe violation. Spanish and English are drawn first: the other
// languages are compared with them, view by view.

/** What the test writes itself: a customer's and a handler's own words, in Spanish in every language, which no catalogue translates. */
const SAID = {
  description: 'Palé con 12 cajas de azulejos; 4 llegaron rotas.',
  declineReason: 'Ya lo gestionamos con el transportista.',
  rejectReason: 'La factura no se lee.',
  customerMessage: 'Hemos subido la factura.',
  handlerMessage: 'Gracias, la reviso hoy.',
};

interface History {
  company: string;
  base: string;
  admin: string;
  handler: string;
  notified: TestClaim;
  /** In documentation: one document rejected, one waiting for review, two messages. */
  open: TestClaim;
}

async function call(token: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const post = (token: string, path: string, body: unknown) =>
  call(token, path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const upload = (token: string, claimId: string, requirementId: string) => {
  const form = new FormData();
  form.append('file', new File(['%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], 'factura.pdf', { type: 'application/pdf' }));
  return call(token, `/claims/${claimId}/documents/${requirementId}/files`, { method: 'POST', body: form });
};

/**
 * A company whose admin exists before its claims (so the bell has their notifications), with an
 * API key and a webhook (which the claims' events are delivered to), and a claim in each state a
 * reader meets: notified, declined, resolved, and one collecting documents.
 */
async function history(language: WidgetLanguage): Promise<History> {
  const company = uniqueCompany();
  const [base, admin, handler, server] = await Promise.all([
    apiBase(),
    tokenFor(company, { lang: language }),
    tokenFor(company, { role: 'handler', lang: language }),
    serverUrl(),
  ]);
  await call(admin, '/me');
  await post(admin, '/company/api-keys', { name: 'ERP', scopes: ['claims:read'] });
  await post(admin, '/webhooks', { url: `${server}/test/webhook-receiver`, description: 'ERP', eventTypes: ['*'] });
  const description = SAID.description;
  const [open, notified, resolved, declined] = await Promise.all([
    createClaim(company, { description, grossWeightKg: 100 }),
    createClaim(company, { description, type: 'robbery', goods: 'parcel', scope: 'national' }),
    createClaim(company, { description, type: 'loss', goods: 'parcel', scope: 'national', declaredValue: { amountCents: 50_000, currency: 'EUR' } }),
    createClaim(company, { description, type: 'theft', goods: 'parcel', scope: 'international' }),
  ]);
  await post(admin, `/claims/${declined.id}/decline`, { reason: SAID.declineReason });
  await acceptAs(company, resolved.id);
  for (const to of ['review', 'submitted']) await transition(resolved.id, { to });
  await transition(resolved.id, { to: 'resolved', outcome: 'partially_paid', amount: { amountCents: 30_000, currency: 'EUR' } });
  await acceptAs(company, open.id);
  const { items } = (await call(admin, `/claims/${open.id}/documents`)) as { items: { id: string }[] };
  const [rejected, waiting] = items;
  await upload(admin, open.id, rejected!.id);
  await upload(admin, open.id, waiting!.id);
  await post(handler, `/claims/${open.id}/documents/${rejected!.id}/review`, { decision: 'rejected', reason: SAID.rejectReason });
  await post(admin, `/claims/${open.id}/messages`, { body: SAID.customerMessage, clientId: crypto.randomUUID() });
  await post(handler, `/claims/${open.id}/messages`, { body: SAID.handlerMessage, clientId: crypto.randomUUID() });
  return { company, base, admin, handler, notified, open };
}

/** Every element of a tree, through shadow roots, in tree order. */
function* walk(root: Element | ShadowRoot): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (child.shadowRoot) yield* walk(child.shadowRoot);
    yield* walk(child);
  }
}

/** The view and the claims-* elements inside it. */
const claimsElements = (view: Element) => [view, ...walk(view.shadowRoot!)].filter((el): el is ClaimsElement => el instanceof ClaimsElement);

function shown(el: Element): boolean {
  if (el.localName === 'option') {
    const select = el.closest('select');
    return !!select && shown(select);
  }
  return el.checkVisibility();
}

/** What the reader meets, element by element, with the words meant for machines (`<code>`, `<pre>`) left out. */
function shownElements(view: Element): Element[] {
  return [view, ...walk(view.shadowRoot!)].filter((el) => shown(el) && !el.closest('code, pre'));
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const TEXT_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'];

/** Each element's own text (its text nodes, not its children's) and its attributes read aloud or shown. */
function textsOf(elements: Element[]): string[] {
  return elements.flatMap((el) => [
    squash([...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(' ')),
    ...TEXT_ATTRIBUTES.map((name) => squash(el.getAttribute(name) ?? '')),
  ]).filter(Boolean);
}

/**
 * What a template shows when a word is missing or was never looked up — a value of nothing, a
 * function, an object — or when it ends a sentence that already ended (a quoted reason's own period).
 */
const BROKEN = /\b(undefined|null|NaN|Invalid Date)\b|\[object \w+\]|=>|(?<!\.)\.\.(?!\.)/;
const IDENTIFIER = /^([a-z]+[A-Z]\w*|[a-z]+(_[a-z]+)+)$/;
const CODES = new Set<string>([
  ...CLAIM_STATUSES,
  ...CLAIM_TYPES,
  ...GOODS,
  ...SCOPES,
  ...OUTCOMES,
  ...ROLES,
  ...NOTIFICATION_CHANNELS,
  ...DOCUMENT_STATUSES,
  ...WEBHOOK_DELIVERY_STATUSES,
  ...API_KEY_SCOPES,
]);
const NAMED = 'button, a[href], h1, h2, h3, h4, h5, h6, label, legend, caption, th, dt, summary, option, [role="tab"]';

function accessibleName(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? (root.getElementById(id)?.textContent ?? '') : ''));
  return squash([el.getAttribute('aria-label'), ...labelledBy, el.textContent, el.getAttribute('title')].join(' '));
}

/** What is empty by design: controls, media, live regions waiting for news, decoration. */
const EMPTY_BY_DESIGN = 'input, textarea, select, img, br, hr, slot, progress, svg *, [role="alert"], [role="status"], [aria-live]';

/**
 * Words that are missing: broken text, a raw code of the domain or an identifier, a control or
 * heading without a name, an empty aria-label, an element left empty (what a template shows for a
 * word it did not find).
 */
function missingWords(elements: Element[]): string[] {
  const broken = textsOf(elements).filter((text) => BROKEN.test(text) || IDENTIFIER.test(text) || CODES.has(text));
  const empty = elements
    .filter((el) => !el.children.length && !el.shadowRoot && !squash(el.textContent ?? '') && !el.matches(EMPTY_BY_DESIGN) && !el.closest('[aria-hidden="true"]'))
    .map((el) => `empty <${el.localName} class="${el.className}">`);
  // A label around a control it does not name (an icon over a file input named by its aria-label) names nothing.
  const unnamed = elements
    .filter((el) => el.matches(NAMED) && !accessibleName(el) && !(el.localName === 'label' && el.querySelector('input, select, textarea')))
    .map((el) => `<${el.localName}> without a name`);
  const emptyLabels = elements.filter((el) => el.getAttribute('aria-label')?.trim() === '').map((el) => `<${el.localName} aria-label="">`);
  return [...broken, ...empty, ...unnamed, ...emptyLabels];
}

/** The claims-* elements of the view whose `base` part does not carry the language. */
function speakingOtherwise(view: Element, language: WidgetLanguage): string[] {
  return claimsElements(view)
    .map((el) => [el.localName, el.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('lang')] as const)
    .filter(([, lang]) => lang !== language)
    .map(([name, lang]) => `<${name}> base lang=${lang}`);
}

/** The words of a text that a translation is answerable for: of four letters or more, without what the test wrote itself, web or e-mail addresses. */
function wordsOf(text: string): string[] {
  let rest = text;
  for (const said of Object.values(SAID)) rest = rest.replaceAll(said, ' ');
  return rest.replace(/\S+@\S+|https?:\/\/\S+/g, ' ').toLowerCase().match(/\p{L}{4,}/gu) ?? [];
}

/**
 * Whether a view in another language still shows Spanish or English. Words that the view shows in
 * Spanish and in English alike are data or codes (names, a carrier, "PDF") and count for nothing;
 * then two rules:
 *
 * - A text with three words or more that the same view shows in Spanish or in English, but not in
 *   both, was not translated. Shorter ones are not judged one by one: languages share many words
 *   and pairs of them, rightly — "Chat" and "Details" in German, "Documentos" and "Valor
 *   declarado" in Portuguese, "Documents" in French and Catalan.
 * - Of the view's words, at most half may be found in its Spanish or English drawing: its own
 *   words make the rest. Right translations borrow up to about two fifths (Portuguese and Catalan
 *   from Spanish; a deadline's legal basis, which the API writes in Spanish and English only); a
 *   view left untranslated borrows nearly all.
 */
function untranslated(texts: string[], es: string[], en: string[]): { phrases: string[]; borrowed: string[]; share: number } {
  const words = (all: string[]) => new Set(all.flatMap(wordsOf));
  const [esWords, enWords] = [words(es), words(en)];
  const counted = (text: string) => wordsOf(text).filter((word) => !(esWords.has(word) && enWords.has(word)));
  const [inEs, inEn] = [new Set(es), new Set(en)];
  const phrases = [...new Set(texts)].filter((text) => inEs.has(text) !== inEn.has(text) && counted(text).length >= 3);
  const own = [...new Set(texts.flatMap(counted))];
  const borrowed = own.filter((word) => esWords.has(word) || enWords.has(word));
  return { phrases, borrowed, share: own.length ? borrowed.length / own.length : 0 };
}

/** How long a view may take to come: every wait is for a condition, and on a loaded machine each comes late. */
const PATIENCE = 20_000;

/**
 * Each view's texts as drawn, per language, for comparing: without the options of its selects,
 * some of which list what other test files add meanwhile (companies, handlers).
 */
const drawn = new Map<string, Map<WidgetLanguage, string[]>>();

/**
 * Until every element of the view is defined (some load on first use) and has drawn (its words in),
 * and nothing in it is loading: no busy part, no "Loading…".
 */
function settled(view: Element, language: WidgetLanguage): Promise<unknown> {
  const loading = mainCatalogue.get(language)!.loading;
  return until(
    () =>
      !shownElements(view).some((el) => el.matches(':not(:defined)')) &&
      claimsElements(view).every((el) => el.shadowRoot?.querySelector('[part~="base"]')) &&
      !shownElements(view).some((el) => el.getAttribute('aria-busy') === 'true') &&
      !textsOf(shownElements(view)).includes(loading),
    PATIENCE,
    'the view drawn and loaded',
  );
}

async function expectWellSpoken(view: Element, name: string, language: WidgetLanguage): Promise<void> {
  await settled(view, language);
  const elements = shownElements(view);
  const texts = textsOf(elements.filter((el) => el.localName !== 'option'));
  if (!drawn.has(name)) drawn.set(name, new Map());
  drawn.get(name)!.set(language, texts);
  expect(missingWords(elements), 'missing words').to.deep.equal([]);
  expect(speakingOtherwise(view, language), 'elements in another language').to.deep.equal([]);
  if (language === 'en') {
    // A text of three words or more shown the same in Spanish and English, and not the test's own, is hard-coded.
    const es = new Set(drawn.get(name)!.get('es') ?? []);
    expect(es.size, 'drawn in Spanish first').to.be.above(0);
    expect(texts.filter((text) => es.has(text) && wordsOf(text).length >= 3), 'the same in Spanish and English (hard-coded?)').to.deep.equal([]);
  } else if (language !== 'es') {
    const [es, en] = [drawn.get(name)!.get('es'), drawn.get(name)!.get('en')];
    expect(es && en, 'drawn in Spanish and English first').to.be.ok;
    const { phrases, borrowed, share } = untranslated(texts, es!, en!);
    expect(phrases, 'texts left in Spanish or English').to.deep.equal([]);
    expect(share, `share of words borrowed from Spanish or English: ${borrowed.join(', ')}`).to.be.at.most(0.5);
  }
  await expect(view).to.be.accessible();
}

function mount<E extends HTMLElement>(tag: string, attributes: Record<string, string>): E {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el as E;
}

const click = (el: Element, selector: string) => until(() => $<HTMLButtonElement>(el, selector), PATIENCE, selector).then((button) => button.click());

for (const language of Object.keys(LANGUAGES) as WidgetLanguage[]) {
  describe(`every view in ${language}`, function () {
    this.timeout(4 * PATIENCE);
    let h: History;
    let app: ClaimsApp;
    let backOffice: ClaimsConsole;
    const detail = () => until(() => $<ClaimsDetail>(app, 'claims-detail'), PATIENCE, 'the detail');
    const settings = () => until(() => $(app, 'claims-settings'), PATIENCE, 'the settings');

    before(async () => {
      h = await history(language);
      app = mount<ClaimsApp>('claims-app', { 'api-base': h.base, token: h.admin, lang: language });
    });

    after(() => {
      app?.remove();
      backOffice?.remove();
    });

    it('the list', async () => {
      const list = await until(() => $<ClaimsList>(app, 'claims-list'), PATIENCE, 'the list');
      await until(() => $$(list, '[part~="row"]').length === 4, PATIENCE, 'the claims');
      await expectWellSpoken(app, 'list', language);
    });

    it('the notifications', async () => {
      const bell = await until(() => $(app, 'claims-notifications'), PATIENCE, 'the bell');
      await click(bell, '[part~="bell"]');
      await until(() => $$(bell, '[part~="item"]').length > 0, PATIENCE, 'the notifications');
      await expectWellSpoken(app, 'notifications', language);
      await click(bell, '[part~="close-button"]');
    });

    it('a notified claim, declining it', async () => {
      app.claimId = h.notified.id;
      const el = await detail();
      await click(el, '[part~="decline-button"]');
      await until(() => $<HTMLDialogElement>(el, '[part~="dialog"]')!.open, PATIENCE, 'the Decline dialog');
      await expectWellSpoken(app, 'decline', language);
      $<HTMLDialogElement>(el, '[part~="dialog"]')!.close();
    });

    it('a claim’s details and timeline', async () => {
      app.claimId = h.open.id;
      const el = await detail();
      await until(() => $(el, 'h2')?.textContent === h.open.reference, PATIENCE, 'the claim');
      const timeline = await until(() => $(el, 'claims-timeline'), PATIENCE, 'the timeline');
      await until(() => $$(timeline, '[part~="event"]').length === 5, PATIENCE, 'its events');
      await expectWellSpoken(app, 'details', language);
    });

    it('its documents', async () => {
      const el = await detail();
      el.tab = 'documents';
      const documents = await until(() => $(el, 'claims-documents'), PATIENCE, 'the documents');
      await until(() => $$(documents, '[part~="item"]').length > 0, PATIENCE, 'the checklist');
      await expectWellSpoken(app, 'documents', language);
    });

    it('its chat', async () => {
      const el = await detail();
      el.tab = 'chat';
      const chat = await until(() => $(el, 'claims-chat'), PATIENCE, 'the chat');
      await until(() => $$(chat, '[part~="message"]').length === 2, PATIENCE, 'the messages');
      await expectWellSpoken(app, 'chat', language);
    });

    it('the settings', async () => {
      await click(app, '[part~="settings-button"]');
      await until(async () => $(await settings(), '[part~="users"]'), PATIENCE, 'the users');
      await expectWellSpoken(app, 'settings', language);
    });

    it('the API keys and webhooks', async () => {
      const el = await settings();
      await click(el, '[part~="integrations-button"]');
      const keys = await until(() => $(el, 'claims-api-keys'), PATIENCE, 'the API keys');
      const webhooks = await until(() => $(el, 'claims-webhooks'), PATIENCE, 'the webhooks');
      await until(() => $(keys, '[part~="key"]') && $(webhooks, '[part~="endpoint"]'), PATIENCE, 'a key and a webhook');
      await expectWellSpoken(app, 'integrations', language);
    });

    it('a webhook’s deliveries', async () => {
      const webhooks = $(await settings(), 'claims-webhooks')!;
      await click(webhooks, '[part~="endpoint"]');
      await until(() => $$(webhooks, '[part~="delivery"]').length > 0, PATIENCE, 'the deliveries');
      await expectWellSpoken(app, 'deliveries', language);
    });

    it('the help', async () => {
      await click(app, '[part~="help-button"]');
      await until(() => $(app, 'claims-help') && $($(app, 'claims-help')!, '[part~="contact"]'), PATIENCE, 'the contact');
      await expectWellSpoken(app, 'help', language);
      $<HTMLDialogElement>(app, '[part~="help-dialog"]')!.close();
    });

    it('the back office: the queue and a claim', async () => {
      backOffice = mount<ClaimsConsole>('claims-console', { 'api-base': h.base, token: h.handler, lang: language, 'claim-id': h.open.id });
      const list = await until(() => $<ClaimsList>(backOffice, 'claims-list'), PATIENCE, 'the queue');
      list.companyId = h.company;
      await until(() => $$(list, '[part~="row"]').length === 4, PATIENCE, 'the company’s claims');
      await until(() => $(backOffice, '[part~="move-button"]'), PATIENCE, 'the handling bar');
      await expectWellSpoken(backOffice, 'queue', language);
    });

    it('the back office: moving a claim', async () => {
      await click(backOffice, '[part~="move-button"]');
      await until(() => $(backOffice, '[part~="move-form"]'), PATIENCE, 'the move form');
      await expectWellSpoken(backOffice, 'move', language);
    });

    it('the back office: analytics', async () => {
      $$<HTMLButtonElement>(backOffice, '[part~="view-button"]')[1]!.click();
      const analytics = await until(() => $<ClaimsAnalytics>(backOffice, 'claims-analytics'), PATIENCE, 'the analytics');
      analytics.companyId = h.company;
      await until(() => $(analytics, '[part~="panels"][aria-busy="false"]'), PATIENCE, 'the panels');
      await expectWellSpoken(backOffice, 'analytics', language);
    });
  });
}
