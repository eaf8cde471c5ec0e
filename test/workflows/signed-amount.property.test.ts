import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_QUANTITY, signedQuantityProblem } from '../../src/workflows/input.rules.js';
import { netByCurrency, signedAmount } from '../../src/workflows/settle/signed-amount.js';

const currency = fc.constantFrom('ofctbtc', 'ofcteth', 'ofctusdc');
/** Signed quantities well beyond 2^53: a float would lose them. */
const signed = fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }).filter((q) => q !== 0n);

describe('signed amounts: exact, with their direction said', () => {
  it('the signed-quantity rule accepts exactly the canonical non-zero integers with at most a leading minus (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.bigInt({ min: -(MAX_QUANTITY + 10n), max: MAX_QUANTITY + 10n }).map(String), fc.stringMatching(/^[-+]?0[0-9]{0,3}$/)), (text) => {
        const canonical = /^-?[1-9][0-9]*$/.test(text) && (BigInt(text) < 0n ? -BigInt(text) : BigInt(text)) <= MAX_QUANTITY;
        assert.equal(signedQuantityProblem(text) === undefined, canonical, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('a SignedAmount says the same amount three ways, and the net per currency is the exact sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ currency, quantity: signed.map(String) }), { maxLength: 30 }), (entries) => {
        for (const { currency: c, quantity } of entries) {
          const a = signedAmount(c, BigInt(quantity));
          assert.equal(a.signedQuantity, quantity);
          assert.equal((a.direction === 'PAY' ? '-' : '') + a.quantity, quantity);
        }
        const net = netByCurrency(entries);
        assert.deepEqual(net.map((n) => n.currency), [...new Set(entries.map((e) => e.currency))].sort());
        for (const n of net) {
          const sum = entries.filter((e) => e.currency === n.currency).reduce((s, e) => s + BigInt(e.quantity), 0n);
          assert.equal(n.signedQuantity, sum.toString());
        }
      }),
      { numRuns: 500 },
    );
  });
});
