import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('defaults to the embedded sandbox on 127.0.0.1:4000 with the client view', () => {
    const c = loadConfig({});
    assert.equal(c.port, 4000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.bitgoEnv, 'sandbox');
    assert.equal(c.bitgoBaseUrl, undefined);
    assert.equal(c.defaultView, 'client');
    assert.equal(c.playground, true);
    assert.equal(c.introspection, true);
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.dataDir, './.data');
  });

  it('takes the store from DATABASE_URL or DATA_DIR, and never echoes a bad DATABASE_URL', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u:p@db/x', DATA_DIR: '/var/lib/gw' }).databaseUrl, 'postgres://u:p@db/x');
    assert.equal(loadConfig({ DATA_DIR: '/var/lib/gw' }).dataDir, '/var/lib/gw');
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' }),
      (e: unknown) => e instanceof ConfigError && /DATABASE_URL must be a postgres/.test(e.message) && !e.message.includes('hunter2'),
    );
  });

  it('maps BITGO_ENV to BitGo hosts, and BITGO_BASE_URL wins', () => {
    assert.equal(loadConfig({ BITGO_ENV: 'test' }).bitgoBaseUrl, 'https://app.bitgo-test.com');
    assert.equal(loadConfig({ BITGO_ENV: 'prod' }).bitgoBaseUrl, 'https://app.bitgo.com');
    assert.equal(loadConfig({ BITGO_ENV: 'prod', BITGO_BASE_URL: 'http://127.0.0.1:9/' }).bitgoBaseUrl, 'http://127.0.0.1:9');
  });

  it('turns playground and introspection off in production unless enabled', () => {
    const prod = loadConfig({ NODE_ENV: 'production', BITGO_ENV: 'test' });
    assert.equal(prod.playground, false);
    assert.equal(prod.introspection, false);
    assert.equal(loadConfig({ NODE_ENV: 'production', BITGO_ENV: 'test', INTROSPECTION: 'true' }).introspection, true);
  });

  it('refuses to run production on the embedded sandbox', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /NODE_ENV=production needs BITGO_ENV=test or prod/);
    assert.equal(loadConfig({ NODE_ENV: 'production', BITGO_BASE_URL: 'https://bitgo.internal' }).bitgoBaseUrl, 'https://bitgo.internal');
  });

  it('reports every problem at once, one clear line each, without echoing secrets', () => {
    try {
      loadConfig({ PORT: 'eighty', BITGO_ENV: 'staging', BITGO_VIEW: 'both', BITGO_BASE_URL: 'ftp://x', CURSOR_SECRET: 'short', BITGO_ACCESS_TOKEN: 'has space' });
      assert.fail('expected ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 6);
      assert.match(e.message, /PORT must be an integer/);
      assert.match(e.message, /BITGO_ENV must be one of sandbox, test, prod/);
      assert.match(e.message, /BITGO_VIEW must be one of client, partner/);
      assert.match(e.message, /BITGO_BASE_URL must be an http\(s\) URL/);
      assert.match(e.message, /CURSOR_SECRET must be at least 16/);
      assert.doesNotMatch(e.message, /has space/);
    }
  });

  it('the store: embedded in ./.data unless DATABASE_URL names PostgreSQL; the reconciler every 30 s, abandoning after 24 h', () => {
    const c = loadConfig({});
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.dataDir, './.data');
    assert.equal(c.databaseSchema, 'public');
    assert.equal(c.reconcileIntervalMs, 30_000);
    assert.equal(c.reconcileMaxAgeMs, 86_400_000);
    const pg = loadConfig({ DATABASE_URL: 'postgresql://gw:s3cret@db.internal:5432/gateway', DATA_DIR: '/var/lib/gw', RECONCILE_INTERVAL_MS: '5000', RECONCILE_MAX_AGE_MS: '3600000' });
    assert.equal(pg.databaseUrl, 'postgresql://gw:s3cret@db.internal:5432/gateway');
    assert.equal(pg.dataDir, '/var/lib/gw');
    assert.equal(pg.reconcileIntervalMs, 5000);
    assert.equal(pg.reconcileMaxAgeMs, 3_600_000);
    assert.equal(loadConfig({ DATABASE_SCHEMA: 'gateway_eu' }).databaseSchema, 'gateway_eu');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL\'s without echoing it, and out-of-range reconciler timings', () => {
    for (const bad of ['mysql://root:hunter2-secret@db/x', 'hunter2-secret', 'postgres://']) {
      assert.throws(
        () => loadConfig({ DATABASE_URL: bad }),
        (e: unknown) => e instanceof ConfigError && /DATABASE_URL must be a postgres:\/\//.test(e.message) && !e.message.includes('hunter2'),
      );
    }
    assert.throws(
      () => loadConfig({ RECONCILE_INTERVAL_MS: '0', RECONCILE_MAX_AGE_MS: 'a day', DATABASE_SCHEMA: 'Robert"); drop' }),
      (e: unknown) => e instanceof ConfigError && e.problems.length === 3 && /DATABASE_SCHEMA must be a lowercase identifier/.test(e.message),
    );
  });

  it('JOURNAL_SECRET_KEY (or _FILE): 32 bytes as hex or base64; anything else refused without echoing it', () => {
    const key = randomBytes(32);
    assert.equal(loadConfig({}).journalSecretKey, undefined);
    assert.deepEqual(loadConfig({ JOURNAL_SECRET_KEY: key.toString('base64') }).journalSecretKey, key);
    assert.deepEqual(loadConfig({ JOURNAL_SECRET_KEY: key.toString('hex') }).journalSecretKey, key);
    assert.deepEqual(loadConfig({ JOURNAL_SECRET_KEY: key.toString('base64url') }).journalSecretKey, key);
    const dir = mkdtempSync(join(tmpdir(), 'journal-key-'));
    try {
      writeFileSync(join(dir, 'key'), `${key.toString('base64')}\n`);
      assert.deepEqual(loadConfig({ JOURNAL_SECRET_KEY_FILE: join(dir, 'key') }).journalSecretKey, key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const short = randomBytes(16).toString('base64');
    assert.throws(
      () => loadConfig({ JOURNAL_SECRET_KEY: short }),
      (e: unknown) => e instanceof ConfigError && /JOURNAL_SECRET_KEY must hold 32 bytes/.test(e.message) && !e.message.includes(short),
    );
    assert.throws(() => loadConfig({ JOURNAL_SECRET_KEY: 'x', JOURNAL_SECRET_KEY_FILE: '/nope' }), /not both/);
  });
});
