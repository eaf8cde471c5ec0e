import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { publicKeyOf, signMessage } from '../../src/signing/bitcoin-message.js';
import { bitcoinjsMessage, p2pkhAddress } from './legacy-bitcoin-message.js';
import { loadVectors, longPayloadArb, payloadArb, privateKeyArb } from './helpers.js';

// bitcoinjs-message is the implementation BitGo's own SDK builds on: matching it byte for byte is the
// strongest evidence that BitGo will accept our signatures.
describe('cross-check with bitcoinjs-message', () => {
  it('derives the vectors\' addresses and verifies their signatures', () => {
    for (const v of loadVectors()) {
      assert.equal(p2pkhAddress(Buffer.from(v.publicKeyHex, 'hex')), v.address);
      assert.ok(bitcoinjsMessage.verify(v.payload, v.address, Buffer.from(v.signatureHex, 'hex')));
    }
  });

  it('produces the same bytes as bitcoinjs-message and passes its verify', () => {
    fc.assert(
      fc.property(privateKeyArb, payloadArb, (key, payload) => {
        const ours = signMessage(key, payload);
        const theirs = bitcoinjsMessage.sign(payload, Buffer.from(key), true).toString('hex');
        assert.equal(ours, theirs);
        assert.ok(bitcoinjsMessage.verify(payload, p2pkhAddress(publicKeyOf(key)), Buffer.from(ours, 'hex')));
      }),
      { numRuns: 60 },
    );
  });

  it('matches bitcoinjs-message on long random payloads', () => {
    fc.assert(
      fc.property(privateKeyArb, longPayloadArb, (key, payload) => {
        assert.equal(signMessage(key, payload), bitcoinjsMessage.sign(payload, Buffer.from(key), true).toString('hex'));
      }),
      { numRuns: 12 },
    );
  });

  it('agrees at every varint boundary, long payloads included', () => {
    const key = new Uint8Array(32).fill(0x42);
    const address = p2pkhAddress(publicKeyOf(key));
    for (const payload of ['', 'x'.repeat(252), 'x'.repeat(253), '€'.repeat(21_845), 'x'.repeat(0x10000), '🔑'.repeat(20_000)]) {
      const ours = signMessage(key, payload);
      assert.equal(ours, bitcoinjsMessage.sign(payload, Buffer.from(key), true).toString('hex'));
      assert.ok(bitcoinjsMessage.verify(payload, address, Buffer.from(ours, 'hex')));
    }
  });
});
