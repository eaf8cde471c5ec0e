import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSigner, loadSignerConfig, type SignerConfig } from '../../src/config/signing.config.js';
import { ExpressSigner } from '../../src/signing/express.signer.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SigningError } from '../../src/signing/signer.js';
import { loadVectors } from './helpers.js';

const [v0, v1] = loadVectors() as [ReturnType<typeof loadVectors>[number], ReturnType<typeof loadVectors>[number]];
const PASS = ' pass phrase with edge spaces ';

/** An in-memory file system; missing paths fail the way readFileSync does. */
function files(map: Record<string, string>): (path: string) => string {
  return (path) => {
    const text = map[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return text;
  };
}

function load(env: Record<string, string | undefined>, fs: Record<string, string> = {}) {
  return loadSignerConfig(env, files(fs));
}

function problemsOf(env: Record<string, string | undefined>, fs: Record<string, string> = {}): string[] {
  const { config, problems } = load(env, fs);
  assert.equal(config, undefined, 'a config with problems must not be returned');
  for (const p of problems) {
    for (const secret of [v0.xprv, v1.xprv, PASS.trim(), 'hunter2']) assert.ok(!p.includes(secret), `problem leaks: ${p}`);
  }
  return problems;
}

describe('loadSignerConfig: nothing configured', () => {
  it('answers no config and no problem', () => {
    assert.deepEqual(load({}), { config: undefined, problems: [] });
    assert.deepEqual(load({ SIGNING_XPRV: '', BITGO_EXPRESS_URL: '  ', BITGO_WALLET_ID: 'w' }), { config: undefined, problems: [] });
  });
});

describe('loadSignerConfig: local', () => {
  it('defaults to local when SIGNING_XPRV is set, trimming it', () => {
    assert.deepEqual(load({ SIGNING_XPRV: `  ${v0.xprv}\n` }), { config: { kind: 'local', xprv: v0.xprv }, problems: [] });
  });

  it('reads SIGNING_XPRV_FILE, trimmed', () => {
    assert.deepEqual(load({ SIGNING_XPRV_FILE: '/run/secrets/xprv' }, { '/run/secrets/xprv': `${v0.xprv}\n` }), {
      config: { kind: 'local', xprv: v0.xprv },
      problems: [],
    });
  });

  it('accepts SIGNER=local explicitly, in any case', () => {
    assert.equal(load({ SIGNER: 'Local', SIGNING_XPRV: v0.xprv }).config?.kind, 'local');
  });

  it('checks SIGNING_PUBLIC_KEY against the key', () => {
    assert.deepEqual(load({ SIGNING_XPRV: v0.xprv, SIGNING_PUBLIC_KEY: v0.publicKeyHex }).problems, []);
    assert.deepEqual(load({ SIGNING_XPRV: v0.xprv, SIGNING_PUBLIC_KEY: v0.xpub }).problems, []);
    assert.deepEqual(problemsOf({ SIGNING_XPRV: v0.xprv, SIGNING_PUBLIC_KEY: v1.publicKeyHex }), [
      'SIGNING_PUBLIC_KEY does not match the key in SIGNING_XPRV',
    ]);
  });

  const cases: Array<[string, Record<string, string>, Record<string, string>, string[]]> = [
    ['no key', { SIGNER: 'local' }, {}, ['SIGNER=local needs SIGNING_XPRV or SIGNING_XPRV_FILE']],
    ['both key sources', { SIGNING_XPRV: v0.xprv, SIGNING_XPRV_FILE: '/k' }, { '/k': v1.xprv }, ['Set only one of SIGNING_XPRV and SIGNING_XPRV_FILE']],
    ['malformed', { SIGNING_XPRV: v0.xprv.slice(0, -2) }, {}, ['SIGNING_XPRV is not a BIP32 extended private key (xprv…)']],
    ['an xpub', { SIGNING_XPRV: v0.xpub }, {}, ['SIGNING_XPRV is an extended public key; the local signer needs the extended private key (xprv…)']],
    ['a file with junk', { SIGNING_XPRV_FILE: '/k' }, { '/k': `hunter2 ${v1.xprv}` }, ['the file named by SIGNING_XPRV_FILE holds not a BIP32 extended private key (xprv…)']],
    ['a missing file', { SIGNING_XPRV_FILE: '/missing' }, {}, ['SIGNING_XPRV_FILE (/missing) could not be read (ENOENT)']],
    ['an empty file', { SIGNING_XPRV_FILE: '/k' }, { '/k': ' \n' }, ['SIGNING_XPRV_FILE (/k) is empty']],
    ['an unknown SIGNER', { SIGNER: 'hsm', SIGNING_XPRV: v0.xprv }, {}, ['SIGNER must be "local" or "express"']],
    ['a bad public key', { SIGNING_XPRV: v0.xprv, SIGNING_PUBLIC_KEY: 'hunter2' }, {}, ['SIGNING_PUBLIC_KEY is not a secp256k1 public key (hex) or an xpub']],
  ];
  for (const [name, env, fs, expected] of cases) {
    it(`reports ${name}`, () => assert.deepEqual(problemsOf(env, fs), expected));
  }
});

describe('loadSignerConfig: express', () => {
  const base = { SIGNER: 'express', BITGO_EXPRESS_URL: 'http://localhost:3080', BITGO_WALLET_ID: 'w1' };

  it('reads URL, wallet, passphrase and token', () => {
    const { config, problems } = load({ ...base, BITGO_WALLET_PASSPHRASE: PASS, BITGO_EXPRESS_TOKEN: 'tok', SIGNING_PUBLIC_KEY: v0.xpub });
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      kind: 'express',
      expressUrl: 'http://localhost:3080',
      walletId: 'w1',
      walletPassphrase: PASS,
      accessToken: 'tok',
      publicKeyHex: v0.publicKeyHex,
    });
  });

  it('leaves out what is not set', () => {
    assert.deepEqual(load(base).config, { kind: 'express', expressUrl: 'http://localhost:3080', walletId: 'w1' });
  });

  it('infers express from BITGO_EXPRESS_URL when SIGNER is unset', () => {
    const { SIGNER: _, ...rest } = base;
    assert.equal(load(rest).config?.kind, 'express');
  });

  it('reads the passphrase file, keeping edge spaces and dropping only the final line break', () => {
    const { config } = load({ ...base, BITGO_WALLET_PASSPHRASE_FILE: '/p' }, { '/p': `${PASS}\n` });
    assert.equal((config as Extract<SignerConfig, { kind: 'express' }>).walletPassphrase, PASS);
  });

  const cases: Array<[string, Record<string, string>, Record<string, string>, string[]]> = [
    ['no URL or wallet', { SIGNER: 'express' }, {}, ['SIGNER=express needs BITGO_EXPRESS_URL', 'SIGNER=express needs BITGO_WALLET_ID']],
    ['no wallet', { SIGNER: 'express', BITGO_EXPRESS_URL: 'http://x' }, {}, ['SIGNER=express needs BITGO_WALLET_ID']],
    ['a bad URL', { ...base, BITGO_EXPRESS_URL: 'localhost:3080' }, {}, ['BITGO_EXPRESS_URL must be an http:// or https:// URL without credentials, query or fragment']],
    ['credentials in the URL', { ...base, BITGO_EXPRESS_URL: 'https://u:hunter2@x' }, {}, ['BITGO_EXPRESS_URL must be an http:// or https:// URL without credentials, query or fragment']],
    ['both passphrase sources', { ...base, BITGO_WALLET_PASSPHRASE: 'hunter2', BITGO_WALLET_PASSPHRASE_FILE: '/p' }, { '/p': 'x' }, ['Set only one of BITGO_WALLET_PASSPHRASE and BITGO_WALLET_PASSPHRASE_FILE']],
    ['a missing passphrase file', { ...base, BITGO_WALLET_PASSPHRASE_FILE: '/nope' }, {}, ['BITGO_WALLET_PASSPHRASE_FILE (/nope) could not be read (ENOENT)']],
    ['an empty passphrase file', { ...base, BITGO_WALLET_PASSPHRASE_FILE: '/p' }, { '/p': '\n' }, ['BITGO_WALLET_PASSPHRASE_FILE (/p) is empty']],
    ['a key left next to Express', { ...base, SIGNING_XPRV: v0.xprv }, {}, ['SIGNER=express does not use SIGNING_XPRV or SIGNING_XPRV_FILE; unset them']],
  ];
  for (const [name, env, fs, expected] of cases) {
    it(`reports ${name}`, () => assert.deepEqual(problemsOf(env, fs), expected));
  }
});

describe('createSigner', () => {
  it('builds a LocalKeySigner', async () => {
    const signer = createSigner({ kind: 'local', xprv: v1.xprv });
    assert.ok(signer instanceof LocalKeySigner);
    assert.equal(await signer.sign(v1.payload), v1.signatureHex);
  });

  it('builds an ExpressSigner with the pinned key', () => {
    const signer = createSigner({ kind: 'express', expressUrl: 'http://localhost:3080', walletId: 'w', publicKeyHex: v0.xpub });
    assert.ok(signer instanceof ExpressSigner);
    assert.equal(signer.publicKeyHex, v0.publicKeyHex);
  });

  it('throws SIGNER_MISCONFIGURED without echoing a bad key', () => {
    assert.throws(
      () => createSigner({ kind: 'local', xprv: 'hunter2' }),
      (e: unknown) => e instanceof SigningError && e.code === 'SIGNER_MISCONFIGURED' && !e.message.includes('hunter2'),
    );
  });

  it('round-trips a loaded config into a working signer', async () => {
    const { config } = load({ SIGNING_XPRV_FILE: '/k' }, { '/k': v0.xprv });
    assert.ok(config);
    assert.equal(await createSigner(config).sign(v0.payload), v0.signatureHex);
  });
});
