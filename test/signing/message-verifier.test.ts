import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messageVerifier, publicKeyOf, signMessage, verifyMessage } from '../../src/signing/bitcoin-message.js';
import { hex, loadVectors, payloadArb, privateKeyArb } from './helpers.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Every header byte of both ranges, the high-S twin, and flipped bytes: the signatures a verifier must judge. */
function variants(signatureHex: string, flips: ReadonlyArray<[number, number]>): string[] {
  const sig = Buffer.from(signatureHex, 'hex');
  const out = [signatureHex];
  for (let header = 27; header <= 34; header++) out.push(Buffer.concat([Uint8Array.of(header), sig.subarray(1)]).toString('hex'));
  const s = BigInt(`0x${sig.subarray(33).toString('hex')}`);
  out.push(signatureHex.slice(0, 66) + (N - s).toString(16).padStart(64, '0'));
  for (const [index, mask] of flips) {
    const flipped = Buffer.from(sig);
    flipped[index]! ^= mask;
    out.push(flipped.toString('hex'));
  }
  return out;
}

describe('messageVerifier: verifyMessage for one key, precomputed', () => {
  it('accepts the shared vectors and refuses an edited payload', () => {
    for (const v of loadVectors()) {
      const verify = messageVerifier(v.publicKeyHex);
      assert.ok(verify(v.payload, v.signatureHex));
      assert.equal(verify(`${v.payload} `, v.signatureHex), false);
    }
  });

  it('gives exactly verifyMessage verdicts on genuine, re-headed, high-S, flipped and foreign signatures (property)', () => {
    fc.assert(
      fc.property(
        privateKeyArb,
        privateKeyArb,
        payloadArb,
        fc.array(fc.tuple(fc.nat(64), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (key, other, payload, flips) => {
          const pub = publicKeyOf(key);
          const verify = messageVerifier(hex(pub));
          const candidates = [...variants(signMessage(key, payload), flips), signMessage(other, payload)];
          for (const candidate of candidates) {
            assert.equal(verify(payload, candidate), verifyMessage(pub, payload, candidate), candidate);
          }
          assert.equal(verify(payload, candidates[0]!), true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses malformed signatures and does not throw', () => {
    const key = new Uint8Array(32).fill(7);
    const verify = messageVerifier(publicKeyOf(key));
    const good = signMessage(key, 'payload');
    for (const bad of ['', good.toUpperCase(), good.slice(2), `${good}00`, `1f${'0'.repeat(128)}`, `1f${'f'.repeat(128)}`, 42 as unknown as string]) {
      assert.equal(verify('payload', bad), false);
    }
    assert.equal(verify('\ud800', good), false);
  });

  it('refuses to be built for something that is not a public key', () => {
    assert.throws(() => messageVerifier('02' + '00'.repeat(32)));
    assert.throws(() => messageVerifier(new Uint8Array(33)));
  });
});
