import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { allocate, deallocate, writeCalls } from '../helpers/mutations.js';
import { spyOnSignatures } from '../helpers/spies.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { useStack } from '../helpers/stack.js';
import { engines } from '../store/engines.js';

const helios = DEMO_CONNECTION_IDS.helios;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const engine of engines) {
  describe(`allocate and deallocate end to end (journal on ${engine.name})`, () => {
    const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '3000' } }, engine);
    const signatures = spyOnSignatures();
    beforeEach(() => {
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
    });

    it('allocates to a synchronous partner: CLEARED, signed inside the gateway, clientExternalId generated', async () => {
      const before = stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available;
      const { payload, errors } = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '12345' }, notes: 'desk A' });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.deepEqual(payload!.userErrors, []);
      assert.match(payload!.clientExternalId, UUID_V4);
      assert.equal(payload!.allocation!.status, 'CLEARED');
      assert.equal(payload!.allocation!.retriable, false);
      assert.equal(payload!.allocation!.clientExternalId, payload!.clientExternalId);
      assert.deepEqual(payload!.allocation!.amount, { currency: 'ofctbtc', quantity: '12345' });
      const stored = stack.sandbox.books.findByClientExternalId(stack.sandbox.enterpriseId, 'allocation', payload!.clientExternalId);
      assert.equal(stored?.id, payload!.allocation!.id);
      assert.equal(stored?.notes, 'desk A');
      assert.equal(stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available, before - 12345n);
      assert.equal(writeCalls(stack), 1);
    });

    it('answers RESERVED for an asynchronous partner', async () => {
      const { payload } = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofctbtc', quantity: '500' } });
      assert.deepEqual(payload!.userErrors, []);
      assert.equal(payload!.allocation!.status, 'RESERVED');
      assert.ok(payload!.allocation!.reason);
    });

    it('keeps quantities above 2^53 exact', async () => {
      const quantity = '123456789012345678901234567';
      stack.sandbox.books.setBalance(stack.sandbox.enterpriseId, 'ofcteth', { available: 10n ** 30n });
      const { payload } = await allocate(stack, { connectionId: helios, amount: { currency: 'ofcteth', quantity } });
      assert.deepEqual(payload!.userErrors, []);
      assert.equal(payload!.allocation!.amount.quantity, quantity);
    });

    it('answers a released allocation plus a RELEASED user error when the balance is short', async () => {
      stack.sandbox.books.setBalance(stack.sandbox.enterpriseId, 'ofctsol', { available: 10n });
      const { payload } = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctsol', quantity: '11' } });
      assert.equal(payload!.allocation!.status, 'RELEASED');
      assert.equal(payload!.userErrors.length, 1);
      assert.equal(payload!.userErrors[0]!.code, 'RELEASED');
      assert.match(payload!.userErrors[0]!.message, /insufficient/i);
      assert.equal(stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctsol').available, 10n);
    });

    it('releases on an inactive connection and refuses an unknown one with NOT_FOUND', async () => {
      const inactive = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.heliosLegacyInactive, amount: { currency: 'ofctbtc', quantity: '1' } });
      assert.equal(inactive.payload!.userErrors[0]!.code, 'RELEASED');
      const unknown = await allocate(stack, { connectionId: randomUUID(), amount: { currency: 'ofctbtc', quantity: '1' } });
      assert.equal(unknown.payload!.allocation, null);
      assert.equal(unknown.payload!.userErrors[0]!.code, 'NOT_FOUND');
      assert.deepEqual(unknown.payload!.userErrors[0]!.field, ['input', 'connectionId']);
    });

    it('is idempotent on clientExternalId: a repeat returns the one allocation', async () => {
      const clientExternalId = `order-${randomUUID()}`;
      const input = { connectionId: helios, clientExternalId, amount: { currency: 'ofctbtc', quantity: '777' } };
      const first = await allocate(stack, input);
      const second = await allocate(stack, input);
      assert.equal(second.payload!.allocation!.id, first.payload!.allocation!.id);
      assert.equal(second.payload!.clientExternalId, clientExternalId);
      const all = stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === clientExternalId);
      assert.equal(all.length, 1);
    });

    it('reports a CONFLICT when a clientExternalId is reused for a different amount', async () => {
      const clientExternalId = `order-${randomUUID()}`;
      await allocate(stack, { connectionId: helios, clientExternalId, amount: { currency: 'ofctbtc', quantity: '5' } });
      const other = await allocate(stack, { connectionId: helios, clientExternalId, amount: { currency: 'ofctbtc', quantity: '6' } });
      assert.equal(other.payload!.userErrors[0]!.code, 'CONFLICT');
      assert.equal(other.payload!.allocation!.amount.quantity, '5');
    });

    it('deallocates back from a connection', async () => {
      await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1000' } });
      const before = stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available;
      const { payload, errors } = await deallocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '400' } });
      assert.equal(errors, undefined, JSON.stringify(errors));
      assert.deepEqual(payload!.userErrors, []);
      assert.equal(payload!.allocation!.type, 'DEALLOCATION');
      assert.equal(payload!.allocation!.status, 'CLEARED');
      assert.equal(stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available, before + 400n);
    });

    it('re-sends the identical request on 500 retriable and completes it', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, retriableReserved: true });
      const { payload } = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '42' } });
      assert.deepEqual(payload!.userErrors, []);
      assert.equal(payload!.allocation!.status, 'CLEARED');
      // The sandbox refuses a reused nonce unless the bytes are identical: two accepted POSTs prove the re-send was byte-identical.
      assert.equal(writeCalls(stack), 2);
    });

    it('re-sends on a 5xx error and on a dropped connection, never making a second allocation', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, status: 503, body: { error: 'try later' } });
      const a = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '43' } });
      assert.equal(a.payload!.allocation!.status, 'CLEARED');
      stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true });
      const b = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '44' } });
      assert.equal(b.payload!.allocation!.status, 'CLEARED');
      const records = stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === b.payload!.clientExternalId);
      assert.equal(records.length, 1);
    });

    it('answers OUTCOME_UNKNOWN past the deadline; the same clientExternalId then returns the one allocation', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true, times: Infinity });
      const clientExternalId = `unknown-${randomUUID()}`;
      const input = { connectionId: helios, clientExternalId, amount: { currency: 'ofctbtc', quantity: '45' } };
      const first = await allocate(stack, input);
      assert.equal(first.errors, undefined);
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      assert.equal(first.payload!.clientExternalId, clientExternalId);
      assert.match(first.payload!.userErrors[0]!.message, new RegExp(clientExternalId));
      stack.sandbox.faults.clear();
      const again = await allocate(stack, input);
      assert.deepEqual(again.payload!.userErrors, []);
      const records = stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === clientExternalId);
      assert.equal(records.length, 1);
      assert.equal(again.payload!.allocation!.id, records[0]!.id);
    });

    it('never signs a signing payload that says something else', async () => {
      const tampered = JSON.stringify({ amount: { currency: 'ofctbtc', quantity: '999999' }, clientExternalId: 'x', nonce: 'y', connectionId: helios, enterpriseId: stack.sandbox.enterpriseId });
      stack.sandbox.faults.add({ method: 'POST', path: /\/signing$/, status: 200, body: { payload: tampered } });
      const calls = signatures.count();
      const res = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1' } });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE');
      assert.match(res.errors![0]!.message, /does not match/);
      assert.equal(signatures.count(), calls);
      assert.equal(writeCalls(stack), 0);
    });

    it('keeps authentication failures top-level', async () => {
      const res = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1' } }, { authorization: 'Bearer not-a-real-token' });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.doesNotMatch(JSON.stringify(res), /not-a-real-token/);
    });

    it('has no argument through which a client could pass a nonce, payload or signature', async () => {
      const res = await stack.gql<{ __type: { inputFields: Array<{ name: string }> } }>(`{ __type(name: "AllocateInput") { inputFields { name } } }`);
      const names = res.data!.__type.inputFields.map((f) => f.name).sort();
      assert.deepEqual(names, ['amount', 'clientExternalId', 'connectionId', 'dryRun', 'enterpriseId', 'notes']);
      const bad = await stack.gql(`mutation { allocate(input: { connectionId: "${helios}", amount: { currency: "ofctbtc", quantity: "1" }, nonce: "00" }) { clientExternalId } }`);
      assert.equal(bad.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    });
  });
}

describe('input abuse', () => {
  const stack = useStack();
  const signatures = spyOnSignatures();

  const badQuantities = ['-1', '0', '1.5', '1e3', '0x10', ' 1', '1 ', '01', (2n ** 256n).toString(), '', '١٢٣', '１２', '+1', '1_000', 'NaN', 'Infinity'];
  for (const quantity of badQuantities) {
    it(`refuses quantity ${JSON.stringify(quantity)} as a user error, with no upstream call and no signature`, async () => {
      stack.sandbox.requests.reset();
      const calls = signatures.count();
      const { payload, errors } = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity } });
      assert.equal(errors, undefined);
      assert.equal(payload!.allocation, null);
      assert.equal(payload!.userErrors[0]!.code, 'INVALID_INPUT');
      assert.deepEqual(payload!.userErrors[0]!.field, ['input', 'amount', 'quantity']);
      assert.equal(stack.sandbox.requests.count(), 0);
      assert.equal(signatures.count(), calls);
    });
  }

  it('accepts 2^256 − 1 as the largest quantity', async () => {
    const { payload } = await allocate(stack, { connectionId: randomUUID(), amount: { currency: 'ofctbtc', quantity: (2n ** 256n - 1n).toString() } });
    assert.notEqual(payload!.userErrors[0]?.code, 'INVALID_INPUT');
  });

  for (const [name, input, field] of [
    ['bad currency', { connectionId: helios, amount: { currency: 'BTC!', quantity: '1' } }, ['input', 'amount', 'currency']],
    ['connectionId not a UUID', { connectionId: 'nope', amount: { currency: 'ofctbtc', quantity: '1' } }, ['input', 'connectionId']],
    ['empty notes', { connectionId: helios, notes: '', amount: { currency: 'ofctbtc', quantity: '1' } }, ['input', 'notes']],
    ['control characters in clientExternalId', { connectionId: helios, clientExternalId: 'a\u0000b', amount: { currency: 'ofctbtc', quantity: '1' } }, ['input', 'clientExternalId']],
  ] as const) {
    it(`refuses ${name} as a user error naming the field`, async () => {
      stack.sandbox.requests.reset();
      const calls = signatures.count();
      const { payload } = await allocate(stack, input);
      assert.equal(payload!.userErrors[0]!.code, 'INVALID_INPUT');
      assert.deepEqual(payload!.userErrors[0]!.field, field);
      assert.equal(stack.sandbox.requests.count(), 0);
      assert.equal(signatures.count(), calls);
    });
  }
});
