import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import fc from 'fast-check';
import { compactSize, compressedKeyHex, recoverSigner, signedMessageDigest, verifySignedMessage } from '../../src/sandbox/message-signature.js';
import { allocatePayload, partnerAllocationUpdatePayload, partnerDeallocationUpdatePayload } from '../../src/sandbox/payload.js';
import { signMessage } from '../../src/signing/bitcoin-message.js';
import { SIGNING_VECTORS } from './fixtures/signing-vectors.js';
import { ALLOCATE_KEYS, ordered, PARTNER_ALLOCATION_KEYS, PARTNER_DEALLOCATION_KEYS, sign } from './helpers.js';

const N = secp256k1.Point.Fn.ORDER;
const [ALLOCATE_VECTOR, PARTNER_VECTOR, UNICODE_VECTOR] = SIGNING_VECTORS as [(typeof SIGNING_VECTORS)[0], (typeof SIGNING_VECTORS)[0], (typeof SIGNING_VECTORS)[0]];

/** Replaces the signature's header byte. */
const withHeader = (sig: string, header: number): string => header.toString(16).padStart(2, '0') + sig.slice(2);

describe('sandbox contract: canonical payloads are the exact strings the contract gives', () => {
  it('allocate payload: amount, clientExternalId, nonce, notes, connectionId, enterpriseId (signing vector 1)', () => {
    const payload = allocatePayload(
      { amount: { currency: 'tbtc', quantity: '100000' }, clientExternalId: 'c2d6a7f0-8f43-4c0e-9d4b-3f0a2c8b1e11', nonce: '5f2c'.repeat(16), notes: 'first allocation' },
      '0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10',
      '62c5ae8174ac860007aff138',
    );
    assert.equal(
      payload,
      '{"amount":{"currency":"tbtc","quantity":"100000"},"clientExternalId":"c2d6a7f0-8f43-4c0e-9d4b-3f0a2c8b1e11","nonce":"5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c5f2c","notes":"first allocation","connectionId":"0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10","enterpriseId":"62c5ae8174ac860007aff138"}',
    );
    assert.equal(payload, ALLOCATE_VECTOR.payload);
  });

  it('allocate payload without notes, non-ASCII id, amount keys re-ordered to currency then quantity (signing vector 3)', () => {
    const amount = JSON.parse('{"quantity":"250000000","currency":"ofcusdt"}') as { currency: string; quantity: string };
    const payload = allocatePayload({ amount, clientExternalId: 'ünïcode-ключ-🔑', nonce: '0'.repeat(64) }, '11111111-2222-4333-8444-555555555555', 'e1');
    assert.equal(payload, UNICODE_VECTOR.payload);
    assert.equal(payload, '{"amount":{"currency":"ofcusdt","quantity":"250000000"},"clientExternalId":"ünïcode-ключ-🔑","nonce":"0000000000000000000000000000000000000000000000000000000000000000","connectionId":"11111111-2222-4333-8444-555555555555","enterpriseId":"e1"}');
    assert.equal(allocatePayload({ amount, clientExternalId: 'x', nonce: 'n', notes: undefined }, 'c', 'e'), '{"amount":{"currency":"ofcusdt","quantity":"250000000"},"clientExternalId":"x","nonce":"n","connectionId":"c","enterpriseId":"e"}');
  });

  it('partner update, released: status, rejectReason, allocationId, amount, clientId, connectionId, partner ids, nonce (signing vector 2)', () => {
    const fields = {
      status: 'released' as const,
      rejectReason: 'insufficient balance',
      recordId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      amount: { currency: 'eth', quantity: '1000000000000000000000' },
      clientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      connectionId: '0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10',
      partnersClientId: 'acct-42',
      partnersConnectionId: 'conn-7',
      partnersRecordId: 'alloc-99',
      nonce: 'ab'.repeat(32),
    };
    assert.equal(partnerAllocationUpdatePayload(fields), PARTNER_VECTOR.payload);
    assert.equal(
      partnerAllocationUpdatePayload({ ...fields, status: 'cleared', rejectReason: undefined }),
      '{"status":"cleared","allocationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","amount":{"currency":"eth","quantity":"1000000000000000000000"},"clientId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","connectionId":"0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10","partnersClientId":"acct-42","partnersConnectionId":"conn-7","partnersAllocationId":"alloc-99","nonce":"abababababababababababababababababababababababababababababababab"}',
    );
    assert.equal(
      partnerDeallocationUpdatePayload(fields),
      '{"status":"released","rejectReason":"insufficient balance","deallocationId":"3fa85f64-5717-4562-b3fc-2c963f66afa6","amount":{"currency":"eth","quantity":"1000000000000000000000"},"clientId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","connectionId":"0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10","partnersClientId":"acct-42","partnersConnectionId":"conn-7","partnersDeallocationId":"alloc-99","nonce":"abababababababababababababababababababababababababababababababab"}',
    );
  });

  it("the tests' own builder (helpers.ordered) agrees with the sandbox's on every payload kind", () => {
    fc.assert(
      fc.property(
        fc.record({ currency: fc.string({ minLength: 1 }), quantity: fc.bigInt({ min: 1n, max: 10n ** 40n }).map(String) }),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        fc.uuid(),
        (amount, text, optional, id) => {
          assert.equal(
            ordered(ALLOCATE_KEYS, { amount, clientExternalId: text, nonce: id, notes: optional, connectionId: id, enterpriseId: text }),
            allocatePayload({ amount, clientExternalId: text, nonce: id, notes: optional }, id, text),
          );
          const status = optional === undefined ? ('cleared' as const) : ('released' as const);
          const wire = { status, rejectReason: optional, amount, clientId: id, connectionId: id, partnersClientId: text, partnersConnectionId: text, nonce: text };
          const common = { ...wire, recordId: id, partnersRecordId: text };
          assert.equal(ordered(PARTNER_ALLOCATION_KEYS, { ...wire, allocationId: id, partnersAllocationId: text }), partnerAllocationUpdatePayload(common));
          assert.equal(ordered(PARTNER_DEALLOCATION_KEYS, { ...wire, deallocationId: id, partnersDeallocationId: text }), partnerDeallocationUpdatePayload(common));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sandbox contract: Bitcoin signed message verification', () => {
  it('CompactSize length prefix at every width boundary', () => {
    const hex = (n: number): string => bytesToHex(compactSize(n));
    assert.equal(hex(0), '00');
    assert.equal(hex(252), 'fc');
    assert.equal(hex(253), 'fdfd00');
    assert.equal(hex(0xffff), 'fdffff');
    assert.equal(hex(0x10000), 'fe00000100');
    assert.equal(hex(0xffffffff), 'feffffffff');
    assert.equal(hex(2 ** 32), 'ff0000000001000000');
    assert.throws(() => compactSize(-1), RangeError);
  });

  for (const [i, v] of SIGNING_VECTORS.entries()) {
    it(`vector ${i + 1}: verifies, and the test signer reproduces it byte for byte`, () => {
      const hd = HDKey.fromExtendedKey(v.xprv);
      assert.equal(bytesToHex(hd.publicKey!), v.publicKeyHex);
      assert.equal(verifySignedMessage(v.publicKeyHex, v.payload, v.signatureHex), true);
      assert.equal(recoverSigner(v.payload, v.signatureHex), v.publicKeyHex);
      assert.equal(recoverSigner(v.payload, v.signatureHex.toUpperCase()), v.publicKeyHex, 'hex case does not matter');
      assert.equal(sign(v.xprv, v.payload), v.signatureHex);
      // The same key given uncompressed is the same signer.
      const uncompressed = bytesToHex(secp256k1.Point.fromBytes(hexToBytes(v.publicKeyHex)).toBytes(false));
      assert.equal(compressedKeyHex(uncompressed), v.publicKeyHex);
      assert.equal(verifySignedMessage(uncompressed, v.payload, v.signatureHex), true);
    });

    it(`vector ${i + 1}: refuses a changed payload, another key, and every non-canonical form of the signature`, () => {
      const sig = v.signatureHex;
      const other = SIGNING_VECTORS[(i + 1) % SIGNING_VECTORS.length]!;
      assert.equal(verifySignedMessage(v.publicKeyHex, `${v.payload} `, sig), false);
      assert.equal(verifySignedMessage(v.publicKeyHex, v.payload.replace('"amount"', '"amounT"'), sig), false);
      assert.equal(verifySignedMessage(other.publicKeyHex, v.payload, sig), false);
      const recovery = parseInt(sig.slice(0, 2), 16) - 31;
      assert.ok(recovery >= 0 && recovery <= 3);
      // Headers 27..30 carry the same r, s and recovery id but claim an uncompressed key: refused.
      assert.equal(verifySignedMessage(v.publicKeyHex, v.payload, withHeader(sig, 27 + recovery)), false);
      for (const header of [0, 26, 35, 42, 255]) assert.equal(recoverSigner(v.payload, withHeader(sig, header)), undefined, `header ${header}`);
      // High S: s' = n - s with the recovery parity flipped is the same point, so it would recover the same key; refused anyway.
      const s = BigInt(`0x${sig.slice(66)}`);
      const highS = withHeader(sig.slice(0, 66) + (N - s).toString(16).padStart(64, '0'), 31 + (recovery ^ 1));
      const lax = secp256k1.Signature.fromBytes(hexToBytes(highS.slice(2)), 'compact').addRecoveryBit(recovery ^ 1);
      assert.equal(bytesToHex(lax.recoverPublicKey(signedMessageDigest(v.payload)).toBytes(true)), v.publicKeyHex, 'the high-S twin is otherwise valid');
      assert.equal(verifySignedMessage(v.publicKeyHex, v.payload, highS), false);
      // r or s zero or not below n; wrong length; not hex.
      assert.equal(recoverSigner(v.payload, sig.slice(0, 2) + '0'.repeat(64) + sig.slice(66)), undefined);
      assert.equal(recoverSigner(v.payload, sig.slice(0, 66) + '0'.repeat(64)), undefined);
      assert.equal(recoverSigner(v.payload, sig.slice(0, 2) + N.toString(16) + sig.slice(66)), undefined);
      assert.equal(recoverSigner(v.payload, sig.slice(0, 128)), undefined);
      assert.equal(recoverSigner(v.payload, `${sig}00`), undefined);
      assert.equal(recoverSigner(v.payload, `zz${sig.slice(2)}`), undefined);
    });
  }

  it("agrees with the gateway's signer on arbitrary payloads and keys (two independent implementations)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: N - 1n }), fc.string({ unit: 'grapheme', maxLength: 400 }), (scalar, payload) => {
        const key = hexToBytes(scalar.toString(16).padStart(64, '0'));
        const publicKeyHex = bytesToHex(secp256k1.getPublicKey(key, true));
        const signature = signMessage(key, payload);
        assert.equal(verifySignedMessage(publicKeyHex, payload, signature), true);
        assert.equal(recoverSigner(payload, signature), publicKeyHex);
      }),
      { numRuns: 60 },
    );
  });
});
