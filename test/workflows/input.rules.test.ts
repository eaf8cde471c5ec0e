import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AllocateInput } from '../../src/schema/allocation/allocate.input.js';
import { AmountInput } from '../../src/schema/allocation/amount.input.js';
import { AllocationUpdateStatus, UpdateAllocationInput } from '../../src/schema/allocation/update-allocation.input.js';
import { inputProblems, MAX_QUANTITY, quantityProblem, textProblem } from '../../src/workflows/input.rules.js';

const CONNECTION = '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b';
const amount = (quantity: string, currency = 'ofctbtc') => Object.assign(new AmountInput(), { currency, quantity });

describe('the quantity rule', () => {
  it('accepts exactly the canonical positive base-unit integers up to 2^256 − 1 (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.bigInt({ min: -10n, max: MAX_QUANTITY + 10n }).map(String), fc.stringMatching(/^0[0-9]{0,4}$/)), (text) => {
        const canonical = /^[1-9][0-9]*$/.test(text) && BigInt(text) <= MAX_QUANTITY;
        assert.equal(quantityProblem(text) === undefined, canonical, text);
      }),
      { numRuns: 2000 },
    );
  });

  it('says what is wrong', () => {
    assert.match(quantityProblem('')!, /empty/);
    assert.match(quantityProblem('01')!, /leading zeros/);
    assert.match(quantityProblem('0')!, /positive/);
    assert.match(quantityProblem('1e3')!, /ASCII digits only/);
    assert.match(quantityProblem((MAX_QUANTITY + 1n).toString())!, /2\^256/);
    assert.match(quantityProblem(5)!, /string/);
  });
});

describe('the text rule', () => {
  it('refuses empty, overlong, padded and non-printable text', () => {
    assert.equal(textProblem('fine', 'notes', 10), undefined);
    assert.match(textProblem('', 'notes', 10)!, /empty/);
    assert.match(textProblem('x'.repeat(11), 'notes', 10)!, /at most 10/);
    assert.match(textProblem(' x', 'notes', 10)!, /white space/);
    assert.match(textProblem('a\u0000b', 'notes', 10)!, /printable/);
    assert.match(textProblem('a\ud800', 'notes', 10)!, /printable/);
  });
});

describe('inputProblems: class-validator findings as user errors with field paths', () => {
  it('a good allocate input has none', async () => {
    assert.deepEqual(await inputProblems(Object.assign(new AllocateInput(), { connectionId: CONNECTION, amount: amount('1') })), []);
  });

  it('one error per bad field, in field order, with its path under input', async () => {
    const bad = Object.assign(new AllocateInput(), { enterpriseId: 'no spaces allowed', connectionId: 'nope', amount: amount('01', 'BTC!'), clientExternalId: '', notes: 'x'.repeat(1001) });
    const problems = await inputProblems(bad);
    assert.deepEqual(
      problems.map((p) => [p.code, p.field]),
      [
        ['INVALID_INPUT', ['input', 'enterpriseId']],
        ['INVALID_INPUT', ['input', 'connectionId']],
        ['INVALID_INPUT', ['input', 'amount', 'currency']],
        ['INVALID_INPUT', ['input', 'amount', 'quantity']],
        ['INVALID_INPUT', ['input', 'clientExternalId']],
        ['INVALID_INPUT', ['input', 'notes']],
      ],
    );
    assert.match(problems[3]!.message, /leading zeros/);
    assert.match(problems[1]!.message, /connectionId must be a UUID/);
  });

  it('a reason belongs to a release only', async () => {
    const base = {
      allocationId: CONNECTION,
      amount: amount('5'),
      clientId: CONNECTION,
      connectionId: CONNECTION,
      partnersClientId: 'p-client',
      partnersConnectionId: 'p-conn',
      partnersAllocationId: 'p-alloc',
    };
    const check = (status: AllocationUpdateStatus, rejectReason?: string) =>
      inputProblems(Object.assign(new UpdateAllocationInput(), base, { status }, rejectReason === undefined ? {} : { rejectReason }));
    assert.deepEqual(await check(AllocationUpdateStatus.CLEARED), []);
    assert.deepEqual(await check(AllocationUpdateStatus.RELEASED, 'no funds'), []);
    assert.match((await check(AllocationUpdateStatus.RELEASED))[0]!.message, /required to release/);
    assert.match((await check(AllocationUpdateStatus.CLEARED, 'why'))[0]!.message, /only allowed when releasing/);
    assert.deepEqual((await check(AllocationUpdateStatus.RELEASED, ' padded'))[0]!.field, ['input', 'rejectReason']);
  });
});
