import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const pem = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const KEY = pem(2048);
const dir = mkdtempSync(join(tmpdir(), 'partner-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  return [];
}

describe('configuration of the partner side', () => {
  it('off by default: no key, no webhook port, the embedded store in ./.data', () => {
    const c = loadConfig({});
    assert.equal(c.webhookPublicKeyPem, undefined);
    assert.equal(c.webhookPort, undefined);
    assert.equal(c.dataDir, './.data');
    assert.equal(c.databaseUrl, undefined);
  });

  it('takes the key inline (also with literal \\n), or from a file; a rotation may list two', () => {
    const test = { BITGO_ENV: 'test', BITGO_ENTERPRISE_ID: 'partner-ent' };
    assert.equal(loadConfig({ ...test, BITGO_WEBHOOK_PUBLIC_KEY: KEY }).webhookPublicKeyPem, KEY);
    assert.equal(loadConfig({ ...test, BITGO_WEBHOOK_PUBLIC_KEY: KEY.replace(/\n/g, '\\n') }).webhookPublicKeyPem, KEY);
    const file = join(dir, 'bitgo.pem');
    writeFileSync(file, `${KEY}${pem(2048)}`);
    const c = loadConfig({ ...test, BITGO_WEBHOOK_PUBLIC_KEY_FILE: file, WEBHOOK_PORT: '8443', BITGO_PARTNER_ENTERPRISE_ID: 'nimbus' });
    assert.match(c.webhookPublicKeyPem!, /BEGIN PUBLIC KEY[\s\S]+BEGIN PUBLIC KEY/);
    assert.equal(c.webhookPort, 8443);
    assert.equal(c.partnerEnterpriseId, 'nimbus');
  });

  it('refuses bad settings, one line each, never echoing the key', () => {
    const weak = pem(1024);
    const found = problems({
      BITGO_ENV: 'test',
      BITGO_WEBHOOK_PUBLIC_KEY: weak,
      WEBHOOK_PORT: 'https',
      SANDBOX_PARTNER_WEBHOOK_URL: 'ftp://partner',
      DATABASE_URL: 'mysql://x',
      BITGO_PARTNER_ENTERPRISE_ID: 'bad id!',
    });
    assert.equal(found.length, 5, found.join('\n'));
    assert.match(found.join('\n'), /BITGO_WEBHOOK_PUBLIC_KEY must be an RSA key of at least 2048 bits/);
    assert.match(found.join('\n'), /WEBHOOK_PORT must be an integer/);
    assert.match(found.join('\n'), /SANDBOX_PARTNER_WEBHOOK_URL must be an http\(s\) URL/);
    assert.match(found.join('\n'), /DATABASE_URL must be a postgres:\/\/ \(or postgresql:\/\/\) URL/);
    assert.match(found.join('\n'), /BITGO_PARTNER_ENTERPRISE_ID must be a BitGo enterprise id/);
    assert.ok(!found.join('\n').includes(weak.split('\n')[1]!), 'the key is not echoed');
    assert.deepEqual(problems({ BITGO_WEBHOOK_PUBLIC_KEY: 'hello' }), ['BITGO_WEBHOOK_PUBLIC_KEY holds no PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)']);
    assert.match(problems({ BITGO_WEBHOOK_PUBLIC_KEY: KEY, BITGO_WEBHOOK_PUBLIC_KEY_FILE: '/x' })[0]!, /not both/);
    assert.match(problems({ BITGO_WEBHOOK_PUBLIC_KEY_FILE: join(dir, 'missing.pem') })[0]!, /cannot be read/);
    assert.match(problems({ PORT: '8080', WEBHOOK_PORT: '8080' })[0]!, /must differ from PORT/);
    assert.match(problems({ BITGO_ENV: 'test', BITGO_WEBHOOK_PUBLIC_KEY: KEY })[0]!, /needs BITGO_PARTNER_ENTERPRISE_ID/);
    assert.deepEqual(problems({ BITGO_WEBHOOK_PUBLIC_KEY: KEY }), [], 'in sandbox mode the partner enterprise is the sandbox\'s');
  });
});
