import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { allocate, deallocate, UPDATE } from '../helpers/mutations.js';
import { spyOnSignatures } from '../helpers/spies.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { engines } from '../store/engines.js';

interface UpdateResult {
  updateAllocation: {
    allocation: { id: string; status: string; reason: string | null; amount: { currency: string; quantity: string } } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  };
}

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

for (const engine of engines) {
  describe(`updateAllocation (partner side, asynchronous allocations) (journal on ${engine.name})`, () => {
    const stack = useSqlStack({}, engine);
    const signatures = spyOnSignatures();

    async function reserved(quantity: string): Promise<string> {
      const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity } });
      assert.equal(payload!.allocation!.status, 'RESERVED');
      return payload!.allocation!.id;
    }

    function input(allocationId: string, quantity: string, extra: Record<string, unknown>) {
      return {
        enterpriseId: stack.sandbox.partnerEnterpriseId,
        allocationId,
        amount: { currency: 'ofctbtc', quantity },
        clientId: stack.sandbox.enterpriseId,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: `nimbus-${allocationId.slice(0, 8)}`,
        ...extra,
      };
    }

    const update = (vars: Record<string, unknown>) => stack.gql<UpdateResult>(UPDATE, { input: vars });

    it('clears a reserved allocation, signed with the partner key, and answers it as BitGo now holds it', async () => {
      const id = await reserved('2500');
      const held = stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').held;
      const res = await update(input(id, '2500', { status: 'CLEARED' }));
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation!.status, 'CLEARED');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
      assert.equal(stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').held, held - 2500n);

      const again = await update(input(id, '2500', { status: 'CLEARED' }));
      assert.deepEqual(again.data!.updateAllocation.userErrors, [], 'an identical repeat is idempotent');

      const conflicting = await update(input(id, '2500', { status: 'RELEASED', rejectReason: 'changed my mind' }));
      assert.equal(conflicting.data!.updateAllocation.userErrors[0]!.code, 'CONFLICT');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
    });

    it('releases with a reason and returns the funds', async () => {
      const id = await reserved('300');
      const available = stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available;
      const res = await update(input(id, '300', { status: 'RELEASED', rejectReason: 'account frozen' }));
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation!.status, 'RELEASED');
      assert.equal(res.data!.updateAllocation.allocation!.reason, 'account frozen');
      assert.equal(stack.sandbox.books.balance(stack.sandbox.enterpriseId, 'ofctbtc').available, available + 300n);
    });

    it('requires rejectReason for RELEASED and refuses it for CLEARED, before any call or signature', async () => {
      const id = await reserved('10');
      stack.sandbox.requests.reset();
      const calls = signatures.count();
      const missing = await update(input(id, '10', { status: 'RELEASED' }));
      assert.equal(missing.data!.updateAllocation.userErrors[0]!.code, 'INVALID_INPUT');
      assert.deepEqual(missing.data!.updateAllocation.userErrors[0]!.field, ['input', 'rejectReason']);
      const extra = await update(input(id, '10', { status: 'CLEARED', rejectReason: 'no' }));
      assert.equal(extra.data!.updateAllocation.userErrors[0]!.code, 'INVALID_INPUT');
      assert.equal(stack.sandbox.requests.count(), 0);
      assert.equal(signatures.count(), calls);
    });

    it('refuses an amount that does not match the allocation', async () => {
      const id = await reserved('20');
      const res = await update(input(id, '21', { status: 'CLEARED' }));
      assert.equal(res.data!.updateAllocation.allocation, null);
      assert.equal(res.data!.updateAllocation.userErrors[0]!.code, 'REJECTED');
      assert.match(res.data!.updateAllocation.userErrors[0]!.message, /amount/);
      assert.deepEqual(res.data!.updateAllocation.userErrors[0]!.field, ['input', 'amount'], 'the field at fault, read from the allocation BitGo holds');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'reserved');
      const currency = await update(input(id, '20', { status: 'CLEARED', amount: { currency: 'ofcusdt', quantity: '20' } }));
      assert.deepEqual(currency.data!.updateAllocation.userErrors[0]!.field, ['input', 'amount']);
    });

    it('settles a deallocation to an asynchronous partner through the deallocations route', async () => {
      const funded = await reserved('900');
      await update(input(funded, '900', { status: 'CLEARED' }));
      const { payload } = await deallocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '400' } });
      assert.equal(payload!.allocation!.status, 'RESERVED');
      const id = payload!.allocation!.id;
      stack.sandbox.requests.reset();
      const res = await update(input(id, '400', { status: 'CLEARED', type: 'DEALLOCATION' }));
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation!.status, 'CLEARED');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
      assert.equal(stack.sandbox.requests.count({ method: 'PUT', path: /\/partners\/deallocations$/ }), 1);
    });

    it('answers NOT_FOUND for an allocation the partner does not have', async () => {
      const res = await update(input('00000000-0000-4000-8000-000000000001', '1', { status: 'CLEARED' }));
      assert.equal(res.data!.updateAllocation.userErrors[0]!.code, 'NOT_FOUND');
    });
  });
}
