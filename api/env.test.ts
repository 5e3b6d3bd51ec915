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

  it('keeps files in the bucket STORAGE_URL names, and refuses a URL that names none or S3 settings without it', () => {
    assert.equal(parseSettings(REQUIRED).storageUrl, undefined, 'unset: the local disk');
    const bucket = parseSettings({ ...REQUIRED, STORAGE_URL: 's3://claimdesk-files/prod', S3_ENDPOINT: 'http://minio.internal:9000', AWS_REGION: 'eu-west-3' });
    assert.deepEqual(
      [bucket.storageUrl, bucket.s3Endpoint, bucket.s3Region, bucket.s3ForcePathStyle],
      ['s3://claimdesk-files/prod', 'http://minio.internal:9000', 'eu-west-3', false],
    );
    assert.equal(parseSettings({ ...REQUIRED, STORAGE_URL: 's3://claimdesk-files', S3_REGION: 'auto', AWS_REGION: 'eu-west-3' }).s3Region, 'auto', 'S3_REGION first');
    const refusals: Array<[env: Record<string, string>, message: RegExp]> = [
      [{ STORAGE_URL: 'https://claimdesk-files.s3.amazonaws.com' }, /STORAGE_URL: must look like s3:\/\/bucket or s3:\/\/bucket\/prefix/],
      [{ STORAGE_URL: 's3://ab' }, /STORAGE_URL: must look like s3:\/\/bucket/],
      [{ STORAGE_URL: 's3://files', S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT: must be the URL of an S3-compatible service/],
      [{ S3_ENDPOINT: 'http://minio.internal:9000' }, /S3_ENDPOINT: is set, but STORAGE_URL is not/],
      [{ S3_FORCE_PATH_STYLE: 'true' }, /S3_FORCE_PATH_STYLE: is set, but STORAGE_URL is not/],
    ];
    for (const [env, message] of refusals) {
      assert.throws(() => parseSettings({ ...REQUIRED, ...env }), (error: Error) => error instanceof SettingsError && message.test(error.message), JSON.stringify(env));
    }
  });

  it('trusts the operator’s key set by URL or file with CLAIMS_TOKEN_ISSUER, bounds token lifetimes, and refuses half a configuration', () => {
    const unset = parseSettings(REQUIRED);
    assert.deepEqual([unset.jwks, unset.tokenAudience, unset.tokenMaxLifetimeSeconds], [undefined, undefined, 3600]);
    const byUrl = parseSettings({
      ...REQUIRED,
      CLAIMS_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
      CLAIMS_TOKEN_ISSUER: 'https://auth.example.com',
      CLAIMS_TOKEN_AUDIENCE: 'https://claims.example.com',
      CLAIMS_TOKEN_MAX_LIFETIME: '900',
    });
    assert.deepEqual(
      [byUrl.jwks, byUrl.tokenAudience, byUrl.tokenMaxLifetimeSeconds],
      [{ iss: 'https://auth.example.com', url: 'https://auth.example.com/.well-known/jwks.json' }, 'https://claims.example.com', 900],
    );
    assert.deepEqual(parseSettings({ ...REQUIRED, CLAIMS_JWKS_FILE: '/etc/claimdesk/jwks.json', CLAIMS_TOKEN_ISSUER: 'erp' }).jwks, { iss: 'erp', file: '/etc/claimdesk/jwks.json' });
    assert.deepEqual(parseSettings({ ...REQUIRED, CLAIMS_JWKS_URL: 'http://localhost:9000', CLAIMS_TOKEN_ISSUER: 'dev' }).jwks, { iss: 'dev', url: 'http://localhost:9000' });
    const refusals: Array<[env: Record<string, string>, message: RegExp]> = [
      [{ CLAIMS_JWKS_URL: 'https://auth.example.com/jwks.json' }, /CLAIMS_TOKEN_ISSUER: is required with a key set/],
      [{ CLAIMS_JWKS_FILE: 'jwks.json' }, /CLAIMS_TOKEN_ISSUER: is required with a key set/],
      [{ CLAIMS_TOKEN_ISSUER: 'erp' }, /CLAIMS_TOKEN_ISSUER: is set, but neither CLAIMS_JWKS_URL nor CLAIMS_JWKS_FILE is/],
      [{ CLAIMS_JWKS_URL: 'https://a.example/jwks.json', CLAIMS_JWKS_FILE: 'jwks.json', CLAIMS_TOKEN_ISSUER: 'erp' }, /CLAIMS_JWKS_FILE: is set, and so is CLAIMS_JWKS_URL/],
      [{ CLAIMS_JWKS_URL: 'http://auth.example.com/jwks.json', CLAIMS_TOKEN_ISSUER: 'erp' }, /CLAIMS_JWKS_URL: must be an https:\/\/ URL \(http:\/\/ only for localhost\)/],
      [{ CLAIMS_JWKS_URL: 'auth.example.com', CLAIMS_TOKEN_ISSUER: 'erp' }, /CLAIMS_JWKS_URL: must be the URL of a JSON Web Key Set/],
      [{ CLAIMS_JWKS_URL: 'https://a.example/jwks.json', CLAIMS_TOKEN_ISSUER: 'claimdesk:exchange' }, /CLAIMS_TOKEN_ISSUER: is claimdesk:exchange, the iss of the tokens Claimdesk signs itself/],
      [{ CLAIMS_TOKEN_MAX_LIFETIME: '31536000' }, /CLAIMS_TOKEN_MAX_LIFETIME: must be at most 86400/],
      [{ CLAIMS_TOKEN_MAX_LIFETIME: '10' }, /CLAIMS_TOKEN_MAX_LIFETIME: must be at least 60/],
    ];
    for (const [env, message] of refusals) {
      assert.throws(() => parseSettings({ ...REQUIRED, ...env }), (error: Error) => error instanceof SettingsError && message.test(error.message), JSON.stringify(env));
    }
  });

  it('logs at LOG_LEVEL in LOG_FORMAT, JSON in production, and keeps metrics only when METRICS_TOKEN or METRICS_PORT asks', () => {
    const unset = parseSettings(REQUIRED);
    assert.deepEqual([unset.logLevel, unset.logFormat, unset.metricsToken, unset.metricsPort], ['info', 'auto', undefined, undefined]);
    assert.equal(parseSettings({ ...REQUIRED, NODE_ENV: 'production' }).logFormat, 'json', 'auto is JSON in production, terminal or not');
    assert.equal(parseSettings({ ...REQUIRED, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat, 'pretty', 'what the operator asks for');
    const metrics = parseSettings({ ...REQUIRED, LOG_LEVEL: 'warn', METRICS_TOKEN: 'm'.repeat(24), METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' });
    assert.deepEqual([metrics.logLevel, metrics.metricsToken, metrics.metricsPort, metrics.metricsHost], ['warn', 'm'.repeat(24), 9464, '0.0.0.0']);
    const refusals: Array<[env: Record<string, string>, message: RegExp]> = [
      [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/],
      [{ LOG_FORMAT: 'text' }, /LOG_FORMAT: must be json, pretty, or auto/],
      [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: must be at least 24 characters/],
      [{ METRICS_PORT: '70000' }, /METRICS_PORT: must be a port number/],
    ];
    for (const [env, message] of refusals) {
      assert.throws(() => parseSettings({ ...REQUIRED, ...env }), (error: Error) => error instanceof SettingsError && message.test(error.message), JSON.stringify(env));
    }
  });
});
