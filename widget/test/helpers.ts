// Browser-side helpers for the widget tests: they talk to the real API the test run started
// (see web-test-runner.config.mjs) and to its test-only routes.

import { executeServerCommand } from '@web/test-runner-commands';
import type { WidgetLanguage } from '../translations/languages.ts';

// A failed expectation about an element (or a class) carries it; sending that to the test runner
// walks the whole object graph and hangs the page (and, after the runner's timeout, the whole
// run). Every test file imports this module, so such values are reported as text instead.
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    const value = error[key];
    if (value instanceof Element) error[key] = value.outerHTML.slice(0, 500);
    else if (value instanceof Node) error[key] = `${value.nodeName}: ${value.textContent?.slice(0, 200)}`;
    else if (typeof value === 'function') error[key] = `function ${value.name}`;
  }
});

let apiUrl: Promise<string> | undefined;

export function serverUrl(): Promise<string> {
  apiUrl ??= fetch('/__claimdesk/env.json')
    .then((r) => r.json() as Promise<{ apiUrl: string }>)
    .then((env) => env.apiUrl);
  return apiUrl;
}

export async function apiBase(): Promise<string> {
  return `${await serverUrl()}/api/v1`;
}

async function post<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${await serverUrl()}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A company of its own per test, so parallel test files never see each other's claims. */
export function uniqueCompany(): string {
  return `co-${Math.random().toString(36).slice(2, 10)}`;
}

export async function tokenFor(
  company: string,
  options: { role?: 'admin' | 'member' | 'handler'; sub?: string; name?: string; ttl?: number; invalid?: boolean; lang?: WidgetLanguage } = {},
): Promise<string> {
  return (await post<{ token: string }>('/test/token', { company, ...options })).token;
}

export interface TestClaim {
  id: string;
  reference: string;
  status: string;
}

export function createClaim(company: string, overrides: Record<string, unknown> = {}): Promise<TestClaim> {
  return post<TestClaim>('/test/claims', { company, ...overrides });
}

export function acceptAs(company: string, id: string): Promise<TestClaim> {
  return post<TestClaim>(`/test/claims/${id}/accept`, { company });
}

export function transition(id: string, body: { to: string; note?: string; outcome?: string; amount?: unknown }): Promise<TestClaim> {
  return post<TestClaim>(`/test/claims/${id}/transition`, body);
}

/** Adds the dark theme's stylesheet to the page once it has loaded; returns its <link>, to remove. */
export async function loadDarkTheme(): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../themes/dark.css', import.meta.url).href;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  return link;
}

/**
 * Takes the page's network away as a dead spot does — its requests to the API fail, those on
 * their way cut off mid-transfer, `navigator.onLine` turns false and `offline` fires — or gives it
 * back (`online`). Tests that take it away give it back in `afterEach`.
 */
export function apiOffline(offline: boolean): Promise<boolean> {
  return executeServerCommand('api-offline', offline);
}

/** What a claim's resumable uploads left on the server, read there (it answers while the page is offline). */
export interface UploadLeftovers {
  /** Each upload of the claim, oldest first, with the storage keys of the chunks it holds. */
  uploads: { id: string; status: 'open' | 'complete' | 'expired'; received: number; length: number; fileId: string | null; parts: string[] }[];
  /** Storage keys entered since `since` with bytes stored that no row owns yet: a chunk being written, or one cut off and not yet cleared. */
  pending: string[];
  /** Stored objects, whole or half-written, that nothing owns: what must never be. */
  strays: string[];
}

export function uploadLeftovers(claimId: string, since: string): Promise<UploadLeftovers> {
  return executeServerCommand('upload-leftovers', { claimId, since });
}

/**
 * Notes the status of each answer the page's requests get from the network while `run` runs — a
 * revalidation by the browser's cache is a 304, though the page's fetch sees the stored 200.
 */
export async function answersTo(run: () => Promise<unknown>): Promise<{ url: string; status: number }[]> {
  await executeServerCommand('watch-answers', true);
  const stop = () => executeServerCommand<{ url: string; status: number }[], boolean>('watch-answers', false);
  try {
    await run();
  } catch (error) {
    await stop();
    throw error;
  }
  return stop();
}

/** Ends the live streams of `company`'s users, as a proxy or network failure would. */
export function dropStreams(company: string): Promise<{ dropped: number }> {
  return post('/test/drop-streams', { company });
}

/**
 * Polls until `check` returns (or resolves to) a truthy value, and returns it; throws after
 * `timeout` ms. A check that throws counts as "not yet" (the DOM it reads may be mid-render), and
 * its last error is reported if the time runs out. Wait on the condition a test needs, never a
 * fixed time: a loaded machine runs everything later.
 */
export function until<T>(check: () => PromiseLike<T | undefined | null | false>, timeout?: number, what?: string): Promise<T>;
export function until<T>(check: () => T | undefined | null | false, timeout?: number, what?: string): Promise<T>;
export async function until<T>(check: () => T | undefined | null | false | PromiseLike<T | undefined | null | false>, timeout = 10_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - start > timeout) {
      throw new Error(`Timed out waiting for ${what}${lastError ? ` (last check threw: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Everything inside an element's shadow root matching a selector. */
export function $$<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}

export function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  return el.shadowRoot?.querySelector<E>(selector) ?? null;
}

/** The deepest focused element, through shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
