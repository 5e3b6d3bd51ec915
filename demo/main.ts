// The demo page: what a host application does to embed Claimdesk. It loads the one-script
// bundle from the API server (/widget/claimdesk.js), hands the widget a token provider that
// asks the (demo) host backend for a fresh token, and listens to the widget's events.
import type { ClaimsApp } from '../widget/index.ts';
import '../widget/themes/dark.css';

type UserKey = 'ana' | 'jordi' | 'lucia' | 'carmen';
type Lang = 'es' | 'en';

const TEXT = {
  es: {
    area: 'Área de clientes',
    viewAs: 'Ver como',
    dark: 'Tema oscuro',
    simulate: 'Simular incidencia',
    title: 'Siniestros',
    events: 'Eventos del widget',
    eventsHint: 'Lo que el widget emite hacia la página (claims-*).',
    who: (name: string, role: string) => `Conectada como ${name} (${role}).`,
    created: (ref: string) => `Incidencia creada: ${ref}. Aparecerá en directo.`,
    failed: 'No se pudo crear la incidencia.',
    skip: 'Saltar a los siniestros',
  },
  en: {
    area: 'Customer area',
    viewAs: 'View as',
    dark: 'Dark theme',
    simulate: 'Simulate incident',
    title: 'Claims',
    events: 'Widget events',
    eventsHint: 'What the widget tells the page (claims-*).',
    who: (name: string, role: string) => `Signed in as ${name} (${role}).`,
    created: (ref: string) => `Incident created: ${ref}. It will appear live.`,
    failed: 'Could not create the incident.',
    skip: 'Skip to claims',
  },
} as const;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const app = $<ClaimsApp>('#app');
const params = new URLSearchParams(location.search);
let lang: Lang = params.get('lang') === 'en' ? 'en' : 'es';
let user: UserKey = (['ana', 'jordi', 'lucia', 'carmen'] as const).find((u) => u === params.get('user')) ?? 'ana';

/** The host backend's job: sign a short-lived token for the signed-in user. */
async function fetchToken(key: UserKey): Promise<{ token: string; user: { name: string; role: string } }> {
  const res = await fetch(`/demo/token?user=${key}&lang=${lang}`);
  if (!res.ok) throw new Error(`token: ${res.status}`);
  return res.json();
}

async function signIn(key: UserKey): Promise<void> {
  user = key;
  const first = await fetchToken(key);
  $('#who').textContent = TEXT[lang].who(first.user.name, first.user.role);
  let pending: string | null = first.token;
  // Called by the widget whenever it needs a token, and again after a 401 (expired).
  app.tokenProvider = async () => {
    const token = pending ?? (await fetchToken(key)).token;
    pending = null;
    return token;
  };
  app.claimId = '';
  syncUrl();
}

function setLang(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  app.lang = next;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = TEXT[next][el.dataset.i18n as 'area'];
    if (typeof value === 'string') el.textContent = value;
  }
  $('.skip').textContent = TEXT[next].skip;
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === next));
  const option = $<HTMLSelectElement>('#user').querySelector<HTMLOptionElement>('option[value=lucia]')!;
  option.textContent = `Lucía Gómez · member (${next === 'en' ? 'no access' : 'sin acceso'})`;
  syncUrl();
}

function setDark(dark: boolean): void {
  document.documentElement.classList.toggle('claims-theme-dark', dark);
  $('#theme').setAttribute('aria-pressed', String(dark));
  localStorage.setItem('claimdesk-demo-dark', dark ? '1' : '');
}

function syncUrl(): void {
  history.replaceState(null, '', `?user=${user}&lang=${lang}`);
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(message: string): void {
  const el = $('#toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

function log(name: string, detail: unknown): void {
  const item = document.createElement('li');
  const summary =
    name === 'claims-live-event'
      ? `${(detail as { event: { type: string; claimReference: string } }).event.type} · ${(detail as { event: { claimReference: string } }).event.claimReference}`
      : JSON.stringify(detail, (k, v) => (k === 'claim' ? `{${v.reference} · ${v.status}}` : v));
  item.innerHTML = `<time></time><code></code><span></span>`;
  item.querySelector('time')!.textContent = new Date().toLocaleTimeString(lang);
  item.querySelector('code')!.textContent = name;
  item.querySelector('span')!.textContent = summary;
  const list = $('#log');
  list.prepend(item);
  while (list.children.length > 30) list.lastElementChild!.remove();
}

for (const name of ['claims-select', 'claims-back', 'claims-accepted', 'claims-declined', 'claims-error', 'claims-live-event'] as const) {
  app.addEventListener(name, (e) => log(name, (e as CustomEvent).detail));
}

$<HTMLSelectElement>('#user').addEventListener('change', (e) => void signIn((e.target as HTMLSelectElement).value as UserKey));
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang as Lang));
$('#theme').addEventListener('click', () => setDark($('#theme').getAttribute('aria-pressed') !== 'true'));
$('#incident').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('#incident');
  button.disabled = true;
  try {
    const res = await fetch('/demo/incidents', { method: 'POST' });
    if (!res.ok) throw new Error(String(res.status));
    const { claim } = (await res.json()) as { claim: { reference: string } };
    toast(TEXT[lang].created(claim.reference));
  } catch {
    toast(TEXT[lang].failed);
  } finally {
    button.disabled = false;
  }
});

$<HTMLSelectElement>('#user').value = user;
setLang(lang);
setDark(localStorage.getItem('claimdesk-demo-dark') === '1');
app.apiBase = `${location.origin}/api/v1`;
await signIn(user);
// Load the widget the way any host page does: one ES module from the API server.
await import(/* @vite-ignore */ `${location.origin}/widget/claimdesk.js`);
