import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HDKey } from '@scure/bip32';
import fc from 'fast-check';
import { messageHash, publicKeyOf, recoverPublicKey, signMessage, verifyMessage } from '../../src/signing/bitcoin-message.js';
import { hex, loadVectors, longPayloadArb, payloadArb, privateKeyArb, unicodeCharArb, unicodeStringArb } from './helpers.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const vectors = loadVectors();

describe('bitcoin signed message: known vectors', () => {
  vectors.forEach((v, i) => {
    it(`vector ${i}: key material and signature reproduce byte for byte`, () => {
      const hd = HDKey.fromExtendedKey(v.xprv);
      assert.equal(hd.publicExtendedKey, v.xpub);
      assert.equal(hex(publicKeyOf(hd.privateKey!)), v.publicKeyHex);
      assert.equal(signMessage(hd.privateKey!, v.payload), v.signatureHex);
      assert.equal(hex(recoverPublicKey(v.payload, v.signatureHex)), v.publicKeyHex);
      assert.ok(verifyMessage(v.publicKeyHex, v.payload, v.signatureHex));
      assert.ok(!verifyMessage(v.publicKeyHex, v.payload + ' ', v.signatureHex));
    });
  });
});

describe('bitcoin signed message: properties', () => {
  it('signatures recover to the signer and verify; header 31..34 and low-S', () => {
    fc.assert(
      fc.property(privateKeyArb, payloadArb, (key, payload) => {
        const sig = signMessage(key, payload);
        assert.match(sig, /^[0-9a-f]{130}$/);
        const header = Number.parseInt(sig.slice(0, 2), 16);
        assert.ok(header >= 31 && header <= 34, `header ${header}`);
        assert.ok(BigInt('0x' + sig.slice(66)) <= N / 2n, 'high S');
        const pub = publicKeyOf(key);
        assert.equal(hex(recoverPublicKey(payload, sig)), hex(pub));
        assert.ok(verifyMessage(pub, payload, sig));
        assert.ok(verifyMessage(hex(pub), payload, sig));
      }),
      { numRuns: 60 },
    );
  });

  it('long payloads (3- and 5-byte length prefixes) recover and verify', () => {
    fc.assert(
      fc.property(privateKeyArb, longPayloadArb, (key, payload) => {
        const sig = signMessage(key, payload);
        assert.equal(hex(recoverPublicKey(payload, sig)), hex(publicKeyOf(key)));
        assert.ok(verifyMessage(publicKeyOf(key), payload, sig));
        assert.equal(verifyMessage(publicKeyOf(key), payload.slice(0, -1), sig), false);
      }),
      { numRuns: 12 },
    );
  });

  it('flipping any bit pattern of any signature byte fails verification', () => {
    fc.assert(
      fc.property(privateKeyArb, payloadArb, fc.nat(64), fc.integer({ min: 1, max: 255 }), (key, payload, index, mask) => {
        const sig = Buffer.from(signMessage(key, payload), 'hex');
        sig[index]! ^= mask;
        assert.equal(verifyMessage(publicKeyOf(key), payload, sig.toString('hex')), false);
      }),
      { numRuns: 80 },
    );
  });

  it('changing any character of the payload fails verification', () => {
    fc.assert(
      fc.property(
        privateKeyArb,
        unicodeStringArb({ minLength: 1, maxLength: 200 }),
        fc.nat(),
        unicodeCharArb,
        (key, payload, at, replacement) => {
          const chars = [...payload];
          const i = at % chars.length;
          fc.pre(chars[i] !== replacement);
          chars[i] = replacement;
          const sig = signMessage(key, payload);
          assert.equal(verifyMessage(publicKeyOf(key), chars.join(''), sig), false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('verifies only with the signing key', () => {
    fc.assert(
      fc.property(privateKeyArb, privateKeyArb, payloadArb, (a, b, payload) => {
        fc.pre(hex(a) !== hex(b));
        assert.equal(verifyMessage(publicKeyOf(b), payload, signMessage(a, payload)), false);
      }),
      { numRuns: 30 },
    );
  });
});

describe('bitcoin signed message: length prefix and input checks', () => {
  it('encodes the varint for every size class (1, 3 and 5 bytes)', () => {
    const key = new Uint8Array(32).fill(9);
    for (const bytes of [0, 252, 253, 254, 0xffff, 0x10000, 0x10000 + 300]) {
      const payload = 'a'.repeat(bytes);
      const sig = signMessage(key, payload);
      assert.ok(verifyMessage(publicKeyOf(key), payload, sig), `length ${bytes}`);
      assert.notEqual(hex(messageHash(payload)), hex(messageHash(payload + 'a')));
    }
  });

  it('counts UTF-8 bytes, not UTF-16 units, in the length', () => {
    // 'é' is 2 bytes: 127 of them cross the 253-byte boundary though the JS length is 127.
    const key = new Uint8Array(32).fill(3);
    const payload = 'é'.repeat(127) + '🔑'.repeat(16_400);
    assert.ok(Buffer.byteLength(payload) > 65_535);
    assert.ok(verifyMessage(publicKeyOf(key), payload, signMessage(key, payload)));
  });

  it('refuses lone surrogates rather than signing a replacement character', () => {
    assert.throws(() => messageHash('ab\ud800cd'), TypeError);
    assert.throws(() => signMessage(new Uint8Array(32).fill(1), '\udc00'), TypeError);
    assert.equal(verifyMessage(publicKeyOf(new Uint8Array(32).fill(1)), 'x\ud800', '1f'.padEnd(130, '0')), false);
  });

  it('refuses keys that are not 32 bytes and signatures that are not 130 lowercase hex', () => {
    assert.throws(() => signMessage(new Uint8Array(31), 'x'), TypeError);
    const key = new Uint8Array(32).fill(5);
    const sig = signMessage(key, 'x');
    assert.equal(verifyMessage(publicKeyOf(key), 'x', sig.toUpperCase()), false);
    assert.equal(verifyMessage(publicKeyOf(key), 'x', sig.slice(2)), false);
    assert.throws(() => recoverPublicKey('x', sig.slice(2)), TypeError);
  });
});
