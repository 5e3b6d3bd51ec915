import puppeteer, { type Browser, type Page } from 'puppeteer-core';

// What the tests that drive Chromium from Node share (e2e/, and the example hosts' test).

/**
 * Debian's Chromium, headless. Pages in the background keep their timers and rendering, since a
 * test has several open (two people, two contexts) and only one is ever in front.
 */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
  });
}

/** Polls until `check` gives a truthy value: the widget renders in shadow roots, which waitForSelector does not watch. */
export async function until<T>(page: Page, check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first element a selector finds, once there is one (`>>>` pierces shadow roots). */
export const element = (page: Page, selector: string, timeoutMs?: number) => until(page, () => page.$(selector), selector, timeoutMs);
