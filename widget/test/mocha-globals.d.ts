// The few Mocha globals the widget tests use (web-test-runner runs them with Mocha), declared
// here instead of pulling in @types/mocha.
/** `this.timeout(ms)` in a suite gives each of its tests and hooks longer than the configured timeout. */
declare function describe(title: string, suite: (this: { timeout(ms: number): void }) => void): void;
/** `this.timeout(ms)` in a test that moves many megabytes gives it longer than the configured timeout. */
declare function it(title: string, test: (this: { timeout(ms: number): void }) => void | Promise<void>): void;
declare function before(hook: () => void | Promise<void>): void;
declare function after(hook: () => void | Promise<void>): void;
declare function afterEach(hook: (this: { currentTest?: { err?: unknown } }) => void | Promise<unknown>): void;
