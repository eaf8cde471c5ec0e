import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newNonce } from '../../src/signing/nonce.js';

describe('newNonce', () => {
  it('is 64 lowercase hex characters (32 bytes)', () => {
    for (let i = 0; i < 100; i++) assert.match(newNonce(), /^[0-9a-f]{64}$/);
  });

  it('gives 1000 distinct values', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newNonce()));
    assert.equal(seen.size, 1000);
  });

  it('uses every nibble value (not a constant or counter)', () => {
    const nibbles = new Set(Array.from({ length: 50 }, () => newNonce()).join(''));
    assert.equal(nibbles.size, 16);
  });
});
