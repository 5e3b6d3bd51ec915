import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSettings, SETTING_NAMES, SettingsError } from './env.ts';

// The README's Settings table is the settings' documentation: every variable the server reads is
// in it, and everything in it is read.

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

const SETTINGS_ROWS = README.slice(README.indexOf('\n## Settings\n'), README.indexOf('\n## ', README.indexOf('\n## Settings\n') + 1))
  .split('\n')
  .filter((line) => line.startsWith('| `'));

/** The variables the README's "Settings" table names, from the first cell of each row. */
function documentedSettings(): string[] {
  return SETTINGS_ROWS.flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!));
}

/** Each variable whose default the table gives as a literal value (the second cell starts with it in backticks). */
function documentedDefaults(): Array<[name: string, value: string]> {
  return SETTINGS_ROWS.flatMap((line) => {
    const [, name, fallback] = line.split('|');
    const value = fallback!.trim().match(/^`([^`$]+)`/)?.[1];
    return value === undefined ? [] : [[name!.trim().replaceAll('`', ''), value] as [string, string]];
  });
}

const REQUIRED = { CLAIMS_JWT_SECRET: 'x'.repeat(32), CLAIMS_API_KEY: 'y'.repeat(24) };

describe('settings', () => {
  it('documents every setting the server reads in the README, and reads every one it documents', () => {
    const documented = documentedSettings();
    assert.ok(documented.length > 20, `found the table (${documented.length} rows)`);
    assert.deepEqual(
      SETTING_NAMES.filter((name) => !documented.includes(name)),
      [],
      'read but not in the README',
    );
    assert.deepEqual(
      documented.filter((name) => !SETTING_NAMES.includes(name)),
      [],
      'in the README but not read',
    );
  });

  it('defaults each setting to what the README says: setting a variable to its documented default changes nothing', () => {
    const defaults = documentedDefaults();
    assert.ok(defaults.length > 20, `found the defaults (${defaults.length})`);
    const unset = parseSettings(REQUIRED);
    for (const [name, value] of defaults) assert.deepEqual(parseSettings({ ...REQUIRED, [name]: value }), unset, `${name}=${value}`);
  });

  it('takes the defaults the README gives, and refuses a bad value naming it', () => {
    const settings = parseSettings(REQUIRED);
    assert.equal(settings.port, 8787);
    assert.equal(settings.maxUploadBytes, 20 * 1024 * 1024);
    assert.equal(settings.maxUploadRequestBytes, 100 * 1024 * 1024);
    assert.equal(settings.requestTimeoutMs, 15 * 60_000);
    assert.equal(settings.databaseUrl, 'sqlite:./data/claimdesk.sqlite');
    assert.throws(() => parseSettings({ ...REQUIRED, EMAIL_CONCURRENCY: '0' }), (error: Error) => error instanceof SettingsError && /EMAIL_CONCURRENCY/.test(error.message));
  });
});
