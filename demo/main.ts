// The demo page: what a host application does to embed Claimdesk. It loads the one-script
// bundle from the API server (/widget/claimdesk.js), hands each element a token provider that
// asks the (demo) host backend for a fresh token, and listens to the widget's events. Two
// hosts share the page: a customer area (<claims-app>) and the operator's back office
// (<claims-console>, signed in as the demo handler), so what one does shows live on the other.
import type { ClaimsApp, ClaimsConsole } from '../widget/index.ts';
import { LANGUAGES, SOURCE_LANGUAGE_OF, type Language } from '../domain/constants.ts';
import '../widget/themes/dark.css';

type CustomerKey = 'ana' | 'jordi' | 'lucia';
type UserKey = CustomerKey | 'carmen';
type View = 'customer' | 'handler' | 'both';

const TEXT = {
  es: {
    area: 'Área de clientes',
    viewAs: 'Cliente',
    viewLabel: 'Vista',
    viewCustomer: 'Cliente',
    viewHandler: 'Gestora',
    viewBoth: 'Lado a lado',
    customerSide: 'Área de clientes',
    handlerSide: 'Panel de gestión',
    dark: 'Tema oscuro',
    simulate: 'Simular incidencia',
    title: 'Siniestros',
    lead: 'El cliente y la gestora, cada uno con su token: lo que hace uno se ve en directo en el otro.',
    events: 'Eventos del widget',
    eventsHint: 'Lo que el widget emite hacia la página (claims-*).',
    who: (name: string, role: string) => `· ${name} (${role})`,
    // Each demo person as the page introduces them: their role, or for Lucía (a member) that she has no claims access.
    roles: { ana: 'administradora', jordi: 'usuario', lucia: 'sin acceso', carmen: 'gestora' },
    created: (ref: string) => `Incidencia creada: ${ref}. Aparecerá en directo.`,
    failed: 'No se pudo crear la incidencia.',
    skip: 'Saltar a los siniestros',
    language: 'Idioma',
    customer: 'cliente',
    handler: 'gestora',
    mailbox: 'Buzón de la demo',
    mailboxHint: 'Los emails que Claimdesk habría enviado (sin SMTP_URL se guardan aquí), a quien eligió recibirlos por email.',
    mailboxEmpty: 'Aún no hay emails. Simula una incidencia: Ana (admin) recibirá uno.',
    newMail: (subject: string) => `Nuevo email: ${subject}`,
    inbox: 'Buzón de webhooks de la demo',
    inboxHint:
      'Lo que recibiría el ERP de Ferretería Martínez: cada evento, firmado. El receptor comprueba la firma (Standard Webhooks) y rechaza lo que no cuadra. Ana gestiona el webhook en Ajustes › Integraciones.',
    inboxEmpty: 'Aún no ha llegado nada. Simula una incidencia, o envía un evento de prueba desde Ajustes › Integraciones.',
    verified: 'Firma válida',
    notVerified: (problem: string) => `Firma no válida, rechazado con 401: ${problem}`,
    notVerifiedShort: 'Firma no válida',
    times: (n: number) => `recibido ${n} veces`,
    headers: 'Cabeceras',
    body: 'Cuerpo (JSON)',
  },
  en: {
    area: 'Customer area',
    viewAs: 'Customer',
    viewLabel: 'View',
    viewCustomer: 'Customer',
    viewHandler: 'Handler',
    viewBoth: 'Side by side',
    customerSide: 'Customer area',
    handlerSide: 'Back office',
    dark: 'Dark theme',
    simulate: 'Simulate incident',
    title: 'Claims',
    lead: 'The customer and the handler, each with their own token: what one does shows live on the other.',
    events: 'Widget events',
    eventsHint: 'What the widget tells the page (claims-*).',
    who: (name: string, role: string) => `· ${name} (${role})`,
    roles: { ana: 'admin', jordi: 'member', lucia: 'no access', carmen: 'handler' },
    created: (ref: string) => `Incident created: ${ref}. It will appear live.`,
    failed: 'Could not create the incident.',
    skip: 'Skip to claims',
    language: 'Language',
    customer: 'customer',
    handler: 'handler',
    mailbox: 'Demo mailbox',
    mailboxHint: 'The emails Claimdesk would have sent (kept here without SMTP_URL), to whoever chose email.',
    mailboxEmpty: 'No emails yet. Simulate an incident: Ana (admin) will get one.',
    newMail: (subject: string) => `New email: ${subject}`,
    inbox: 'Demo webhook inbox',
    inboxHint:
      'What Ferretería Martínez’s ERP would receive: every event, signed. The receiver checks the signature (Standard Webhooks) and refuses what does not match. Ana manages the webhook in Settings › Integrations.',
    inboxEmpty: 'Nothing yet. Simulate an incident, or send a test event from Settings › Integrations.',
    verified: 'Signature valid',
    notVerified: (problem: string) => `Signature not valid, refused with 401: ${problem}`,
    notVerifiedShort: 'Signature not valid',
    times: (n: number) => `received ${n} times`,
    headers: 'Headers',
    body: 'Body (JSON)',
  },
} as const;

const CUSTOMERS = ['ana', 'jordi', 'lucia'] as const;
const VIEWS = ['customer', 'handler', 'both'] as const;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const app = $<ClaimsApp>('#app');
const backOffice = $<ClaimsConsole>('#console');
const params = new URLSearchParams(location.search);
let lang: Language = LANGUAGES.find((l) => l === params.get('lang')) ?? 'es';
/** The demo page's own words: Spanish or English, as the API falls back (the widget speaks every language). */
const text = () => TEXT[SOURCE_LANGUAGE_OF[lang]];
// ?user=carmen (the handler) from older links opens the back office.
let user: CustomerKey = CUSTOMERS.find((u) => u === params.get('user')) ?? 'ana';
let view: View =
  VIEWS.find((v) => v === params.get('view')) ??
  (params.get('user') === 'carmen' ? 'handler' : matchMedia('(min-width: 1100px)').matches ? 'both' : 'customer');
/** The names signed in on each side (known once their tokens come). */
const names = { customer: '', handler: '' };

/** The host backend's job: sign a short-lived token for the signed-in user. */
async function fetchToken(key: UserKey): Promise<{ token: string; user: { name: string } }> {
  const res = await fetch(`/demo/token?user=${key}&lang=${lang}`);
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return res.json();
}

/** Gives an element a token provider for one demo user; returns their name. */
async function signIn(el: ClaimsApp | ClaimsConsole, key: UserKey): Promise<string> {
  const first = await fetchToken(key);
  let pending: string | null = first.token;
  // Called by the widget whenever it needs a token, and again after a 401 (expired).
  el.tokenProvider = async () => {
    const token = pending ?? (await fetchToken(key)).token;
    pending = null;
    return token;
  };
  el.claimId = '';
  return first.user.name;
}

async function signInCustomer(key: CustomerKey): Promise<void> {
  user = key;
  names.customer = await signIn(app, key);
  renderWho();
  syncUrl();
}

async function signInHandler(): Promise<void> {
  names.handler = await signIn(backOffice, 'carmen');
  renderWho();
}

/** Who is signed in on each side, by name and role, beside the side's title. */
function renderWho(): void {
  $('#who').textContent = names.customer && text().who(names.customer, text().roles[user]);
  $('#handler-who').textContent = names.handler && text().who(names.handler, text().roles.carmen);
}

function setView(next: View): void {
  view = next;
  $('#layout').dataset.view = next;
  for (const b of document.querySelectorAll<HTMLButtonElement>('#views [data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === next));
  // Picking a customer only makes sense where the customer area shows.
  $('#user').closest('label')!.hidden = next === 'handler';
  syncUrl();
}

function setLang(next: Language): void {
  lang = next;
  document.documentElement.lang = next;
  app.lang = next;
  backOffice.lang = next;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = text()[el.dataset.i18n as 'area'];
    if (typeof value === 'string') el.textContent = value;
  }
  $('#views').setAttribute('aria-label', text().viewLabel);
  $('.skip').textContent = text().skip;
  $<HTMLSelectElement>('#lang').value = next;
  for (const option of $<HTMLSelectElement>('#user').options) option.textContent = `${option.dataset.name} · ${text().roles[option.value as CustomerKey]}`;
  renderWho();
  if (mail) renderMailbox();
  if (hooks) renderInbox();
  syncUrl();
}

function setDark(dark: boolean): void {
  document.documentElement.classList.toggle('claims-theme-dark', dark);
  $('#theme').setAttribute('aria-pressed', String(dark));
  localStorage.setItem('claimdesk-demo-dark', dark ? '1' : '');
}

function syncUrl(): void {
  history.replaceState(null, '', `?user=${user}&lang=${lang}&view=${view}`);
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(message: string): void {
  const el = $('#toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

function log(side: 'customer' | 'handler', name: string, detail: unknown): void {
  const item = document.createElement('li');
  item.className = side;
  const summary =
    name === 'claims-live-event'
      ? `${(detail as { event: { type: string; claimReference: string } }).event.type} · ${(detail as { event: { claimReference: string } }).event.claimReference}`
      : JSON.stringify(detail, (k, v) => (k === 'claim' ? `{${v.reference} · ${v.status}}` : v));
  item.innerHTML = `<time></time><span class="who"></span><code></code><span></span>`;
  item.querySelector('time')!.textContent = new Date().toLocaleTimeString(lang);
  item.querySelector('.who')!.textContent = text()[side];
  item.querySelector('code')!.textContent = name;
  item.querySelector('span:last-child')!.textContent = summary;
  const list = $('#log');
  list.prepend(item);
  while (list.children.length > 40) list.lastElementChild!.remove();
}

for (const name of ['claims-select', 'claims-back', 'claims-accepted', 'claims-declined', 'claims-error', 'claims-live-event'] as const) {
  app.addEventListener(name, (e) => log('customer', name, (e as CustomEvent).detail));
}
for (const name of ['claims-select', 'claims-assigned', 'claims-transitioned', 'claims-error', 'claims-live-event'] as const) {
  backOffice.addEventListener(name, (e) => log('handler', name, (e as CustomEvent).detail));
}

$<HTMLSelectElement>('#user').addEventListener('change', (e) => void signInCustomer((e.target as HTMLSelectElement).value as CustomerKey));
for (const b of document.querySelectorAll<HTMLButtonElement>('#views [data-view]')) b.addEventListener('click', () => setView(b.dataset.view as View));
$<HTMLSelectElement>('#lang').addEventListener('change', (event) => setLang((event.target as HTMLSelectElement).value as Language));
$('#theme').addEventListener('click', () => setDark($('#theme').getAttribute('aria-pressed') !== 'true'));
$('#incident').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('#incident');
  button.disabled = true;
  try {
    const res = await fetch('/demo/incidents', { method: 'POST' });
    if (!res.ok) throw new Error(String(res.status));
    const { claim } = (await res.json()) as { claim: { reference: string } };
    toast(text().created(claim.reference));
  } catch {
    toast(text().failed);
  } finally {
    button.disabled = false;
  }
});

interface MailSummary {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
}

let mail: MailSummary[] | null = null;
let openMail: string | null = null;

/** The demo mailbox, polled while the page is visible: what the outbox worker "sent". */
async function refreshMailbox(): Promise<void> {
  if (document.visibilityState !== 'visible') return;
  const res = await fetch('/demo/mailbox').catch(() => null);
  if (!res?.ok) return;
  const { items } = (await res.json()) as { items: MailSummary[] };
  const known = new Set(mail?.map((m) => m.id));
  const arrived = mail === null ? [] : items.filter((m) => !known.has(m.id));
  const first = mail === null;
  mail = items;
  renderMailbox();
  if (arrived[0]) {
    toast(text().newMail(arrived[0].subject));
    showMail(arrived[0].id);
  } else if (first && items[0]) showMail(items[0].id);
}

function renderMailbox(): void {
  const list = $('#mail');
  list.replaceChildren();
  if (!mail?.length) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = text().mailboxEmpty;
    list.append(empty);
    return;
  }
  for (const entry of mail) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-current', String(entry.id === openMail));
    const subject = document.createElement('strong');
    subject.textContent = entry.subject;
    const to = document.createElement('span');
    to.className = 'to';
    to.textContent = entry.to;
    const time = document.createElement('time');
    time.dateTime = entry.createdAt;
    time.textContent = new Date(entry.createdAt).toLocaleString(lang);
    button.append(subject, to, time);
    button.addEventListener('click', () => showMail(entry.id));
    item.append(button);
    list.append(item);
  }
}

function showMail(id: string): void {
  openMail = id;
  const view = $<HTMLIFrameElement>('#mail-view');
  view.hidden = false;
  view.src = `/demo/mailbox/${encodeURIComponent(id)}`;
  renderMailbox();
}

interface Delivery {
  id: string;
  receivedAt: string;
  type: string | null;
  verified: boolean;
  problem: string | null;
  times: number;
  headers: Record<string, string>;
  body: unknown;
}

let hooks: Delivery[] | null = null;
/** The delivery shown, by its place in the list (a webhook-id arrives again on a retry). */
let openHook: Delivery | null = null;

/** The demo's webhook receiver (demo/webhook-inbox.ts), polled with the mailbox: what the ERP got. */
async function refreshInbox(): Promise<void> {
  if (document.visibilityState !== 'visible') return;
  const res = await fetch('/demo/webhook-inbox').catch(() => null);
  if (!res?.ok) return;
  const { items } = (await res.json()) as { items: Delivery[] };
  if (hooks && items[0]?.receivedAt === hooks[0]?.receivedAt) return;
  hooks = items;
  openHook = items.find((d) => d.receivedAt === openHook?.receivedAt && d.id === openHook.id) ?? items[0] ?? null;
  renderInbox();
}

function renderInbox(): void {
  const list = $('#hooks');
  list.replaceChildren();
  const view = $('#hook-view');
  view.hidden = !openHook;
  if (!hooks?.length) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = text().inboxEmpty;
    list.append(empty);
    return;
  }
  for (const delivery of hooks) {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-current', String(delivery === openHook));
    const type = document.createElement('strong');
    type.textContent = delivery.type ?? delivery.id;
    const verdict = document.createElement('span');
    verdict.className = delivery.verified ? 'verdict ok' : 'verdict bad';
    verdict.textContent = delivery.verified ? text().verified : text().notVerifiedShort;
    const time = document.createElement('time');
    time.dateTime = delivery.receivedAt;
    time.textContent = `${new Date(delivery.receivedAt).toLocaleString(lang)}${delivery.times > 1 ? ` · ${text().times(delivery.times)}` : ''}`;
    button.append(type, verdict, time);
    button.addEventListener('click', () => {
      openHook = delivery;
      renderInbox();
    });
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }
  if (!openHook) return;
  const verdict = $('#hook-verdict');
  verdict.className = openHook.verified ? 'verdict ok' : 'verdict bad';
  verdict.textContent = openHook.verified ? text().verified : text().notVerified(openHook.problem ?? '');
  $('#hook-headers').textContent = Object.entries(openHook.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  $('#hook-body').textContent = typeof openHook.body === 'string' ? openHook.body : JSON.stringify(openHook.body, null, 2);
}

$<HTMLSelectElement>('#user').value = user;
setLang(lang);
setView(view);
setDark(localStorage.getItem('claimdesk-demo-dark') === '1');
app.apiBase = `${location.origin}/api/v1`;
backOffice.apiBase = `${location.origin}/api/v1`;
await Promise.all([signInCustomer(user), signInHandler()]);
// An email's link (PUBLIC_CLAIM_URL) lands here with ?claim=<id>: open that claim.
const linkedClaim = params.get('claim');
if (linkedClaim) app.claimId = linkedClaim;
await Promise.all([refreshMailbox(), refreshInbox()]);
setInterval(() => void Promise.all([refreshMailbox(), refreshInbox()]), 3000);
document.addEventListener('visibilitychange', () => void Promise.all([refreshMailbox(), refreshInbox()]));
// Load the widget the way any host page does: one ES module from the API server.
await import(/* @vite-ignore */ `${location.origin}/widget/claimdesk.js`);
