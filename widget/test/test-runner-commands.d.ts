// The browser side of @web/test-runner-commands, as the widget tests use it, declared here (as
// widget/tsconfig.json maps the package to this file): the package's own declarations import its
// Node plugins' types, and with them @types/node, which the browser side's typecheck leaves out.
// At run time the tests import the package itself. Signatures as in its browser/commands.d.ts.

/** Runs a command on the test runner's server: a plugin of web-test-runner.config.mjs implements it. */
export function executeServerCommand<R, P>(command: string, payload?: P): Promise<R>;

export interface Viewport {
  width: number;
  height: number;
  deviceScaleFactor?: number;
  isLandscape?: boolean;
}
export function setViewport(viewport: Viewport): Promise<void>;

export interface Media {
  media?: 'screen' | 'print';
  colorScheme?: 'dark' | 'light' | 'no-preference';
  reducedMotion?: 'reduce' | 'no-preference';
  forcedColors?: 'active' | 'none';
}
export function emulateMedia(media: Media): Promise<void>;

export type SendKeysPayload = { type: string } | { press: string } | { down: string } | { up: string };
export function sendKeys(payload: SendKeysPayload): Promise<void>;
