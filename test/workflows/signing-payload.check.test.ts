import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/workflows/app-error.js';
import { checkSigningPayload, payloadMatches } from '../../src/workflows/writes/signing-payload.check.js';

const expected = {
  amount: { currency: 'ofctbtc', quantity: '1000' },
  clientExternalId: 'order-42',
  nonce: 'ab'.repeat(32),
  connectionId: '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b',
  enterpriseId: '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11',
};
/** The canonical payload, as BitGo's signing route answers it (docs/bitgo/signing-vectors.json has the same shape). */
const CANONICAL =
  '{"amount":{"currency":"ofctbtc","quantity":"1000"},"clientExternalId":"order-42","nonce":"' +
  'ab'.repeat(32) +
  '","connectionId":"2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b","enterpriseId":"3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11"}';

describe('the signing-payload check: never sign what was not asked', () => {
  it('accepts the payload that says exactly what was asked', () => {
    assert.equal(payloadMatches(CANONICAL, expected), true);
    assert.equal(payloadMatches(CANONICAL.replace('"connectionId"', '"notes":"hi","connectionId"'), { ...expected, notes: 'hi' }), true);
  });

  it('does not impose a key order: BitGo owns it, the sandbox pins it', () => {
    const { enterpriseId, ...rest } = expected;
    const reordered = JSON.stringify({ enterpriseId, ...rest });
    assert.equal(payloadMatches(reordered, expected), true);
  });

  const refused: Array<[string, string]> = [
    ['another amount', CANONICAL.replace('"1000"', '"1001"')],
    ['a quantity as a number', CANONICAL.replace('"1000"', '1000')],
    ['another connection', CANONICAL.replace('2e8f3a0c', '2e8f3a0d')],
    ['another nonce', CANONICAL.replace('abab', 'abac')],
    ['notes we did not write', CANONICAL.replace('"connectionId"', '"notes":"x","connectionId"')],
    ['a key the contract does not have', CANONICAL.replace('"connectionId"', '"extra":1,"connectionId"')],
    ['a duplicate key', CANONICAL.replace('"connectionId"', '"clientExternalId":"order-42","connectionId"')],
    ['padding', CANONICAL.replace(',"nonce"', ', "nonce"')],
    ['not JSON', CANONICAL.slice(1)],
    ['an array', `[${CANONICAL}]`],
  ];
  for (const [name, payload] of refused) {
    it(`refuses ${name}`, () => {
      assert.equal(payloadMatches(payload, expected), false);
      assert.throws(() => checkSigningPayload(payload, expected), (e: unknown) => e instanceof AppError && e.code === 'UPSTREAM_UNAVAILABLE' && !e.message.includes(payload));
    });
  }
});
