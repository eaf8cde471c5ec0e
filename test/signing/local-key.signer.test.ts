import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { HDKey } from '@scure/bip32';
import fc from 'fast-check';
import { verifyMessage } from '../../src/signing/bitcoin-message.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SigningError } from '../../src/signing/signer.js';
import { hex, loadVectors, payloadArb, privateKeyArb, xprvOf } from './helpers.js';

const vectors = loadVectors();
const v0 = vectors[0]!;

describe('LocalKeySigner', () => {
  vectors.forEach((v, i) => {
    it(`reproduces vector ${i} and knows its public key`, async () => {
      const signer = new LocalKeySigner(v.xprv);
      assert.equal(signer.kind, 'local');
      assert.equal(signer.publicKeyHex, v.publicKeyHex);
      assert.equal(await signer.sign(v.payload), v.signatureHex);
    });
  });

  it('signs with the key of any xprv (random keys and payloads)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyArb, payloadArb, async (key, payload) => {
        const signer = new LocalKeySigner(xprvOf(key));
        assert.ok(verifyMessage(signer.publicKeyHex, payload, await signer.sign(payload)));
      }),
      { numRuns: 25 },
    );
  });

  it('uses the key itself, not a child, for a non-root xprv', async () => {
    const child = HDKey.fromExtendedKey(v0.xprv).derive("m/0'/1");
    const signer = new LocalKeySigner(child.privateExtendedKey);
    assert.equal(signer.publicKeyHex, hex(child.publicKey!));
  });

  it('refuses an xpub, garbage and a near-miss xprv without echoing them', () => {
    const nearMiss = v0.xprv.slice(0, -1) + (v0.xprv.endsWith('i') ? 'j' : 'i');
    const cases: Array<[unknown, RegExp]> = [
      [v0.xpub, /extended public key/],
      [nearMiss, /not a BIP32 extended private key \(xprv…\)/],
      ['', /not a BIP32 extended private key/],
      ['xprv' + 'z'.repeat(107), /not a BIP32 extended private key/],
      [` ${v0.xprv}`, /not a BIP32 extended private key/],
      [undefined, /not a BIP32 extended private key/],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => new LocalKeySigner(input as string),
        (error: unknown) => {
          assert.ok(error instanceof SigningError);
          assert.equal(error.code, 'SIGNER_MISCONFIGURED');
          assert.match(error.message, message);
          assert.equal(error.cause, undefined);
          if (typeof input === 'string' && input.length > 8) {
            const text = `${error.message}\n${error.stack}`;
            for (let i = 0; i + 8 <= input.length; i += 4) assert.ok(!text.includes(input.slice(i, i + 8)), 'echoes input');
          }
          return true;
        },
      );
    }
  });

  it('refuses a payload it cannot encode faithfully', async () => {
    const signer = new LocalKeySigner(v0.xprv);
    await assert.rejects(signer.sign('a\ud800'), (e: unknown) => e instanceof SigningError && e.code === 'PAYLOAD_INVALID');
  });
});

describe('LocalKeySigner keeps its key to itself', () => {
  const signer = new LocalKeySigner(v0.xprv);
  const privateHex = hex(HDKey.fromExtendedKey(v0.xprv).privateKey!);
  const secrets = [v0.xprv, privateHex, privateHex.toUpperCase(), Buffer.from(privateHex, 'hex').toString('base64')];

  const renderings: Array<[string, () => string]> = [
    ['JSON.stringify', () => JSON.stringify(signer)],
    ['JSON.stringify nested', () => JSON.stringify({ deps: { signer } })],
    ['util.inspect', () => inspect(signer, { depth: 10, showHidden: true })],
    ['util.inspect nested', () => inspect({ signer }, { depth: 10, showHidden: true })],
    ['String', () => String(signer)],
    ['template', () => `${signer}`],
    ['spread', () => JSON.stringify({ ...signer })],
    ['own keys', () => JSON.stringify(Reflect.ownKeys(signer).map(String))],
    ['structuredClone', () => inspect(structuredClone(signer), { depth: 10, showHidden: true })],
  ];
  for (const [name, render] of renderings) {
    it(`${name} shows kind and public key only`, () => {
      const text = render();
      for (const secret of secrets) assert.ok(!text.includes(secret), `${name} leaks`);
    });
  }

  it('serialises to exactly kind and public key', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(signer)), { kind: 'local', publicKeyHex: v0.publicKeyHex });
    assert.match(inspect(signer), /kind: 'local'/);
    assert.ok(inspect(signer).includes(v0.publicKeyHex));
    assert.ok(String(signer).includes(v0.publicKeyHex));
  });
});
