import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { engines } from '../store/engines.js';
import { bodyText, reservation, startPartnerStack, type PartnerStack } from './helpers.js';

const UPDATE = `
  mutation Update($input: UpdateAllocationInput!) {
    updateAllocation(input: $input) {
      allocation { id type status reason partnerExternalId amount { currency quantity } }
      userErrors { field message code }
    }
  }`;

interface UpdateResult {
  updateAllocation: {
    allocation: { id: string; type: string; status: string; reason: string | null; partnerExternalId: string | null; amount: { quantity: string } } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  };
}

for (const engine of engines) {
  describe(`updateAllocation from the partner ledger on ${engine.name}`, () => {
    let s: PartnerStack;
    before(async () => {
      s = await startPartnerStack(engine, { loop: true });
    });
    after(async () => {
      await s?.close();
    });

    const update = (input: Record<string, unknown>) => s.gql<UpdateResult>(UPDATE, { input });
    const partnerPuts = () => s.sandbox.requests.count({ method: 'PUT', path: /\/partners\/(allocations|deallocations)$/ });

    /** A client write on Nimbus (asynchronous): RESERVED at BitGo, and in the ledger once the sandbox's call arrived. */
    async function reserved(kind: 'allocate' | 'deallocate', quantity: string): Promise<string> {
      const res = await s.gql<Record<string, { allocation: { id: string; status: string } }>>(
        `mutation { ${kind}(input: { connectionId: "${DEMO_CONNECTION_IDS.nimbusMain}", amount: { currency: "ofctbtc", quantity: "${quantity}" } }) { allocation { id status } userErrors { message } } }`,
      );
      const allocation = res.data![kind]!.allocation;
      assert.equal(allocation.status, 'RESERVED', JSON.stringify(res));
      await s.sandbox.partnerWebhooks.idle();
      assert.equal((await s.gateway.partnerLedger!.find(allocation.id))?.status, 'reserved');
      return allocation.id;
    }

    it('clears with allocationId and status alone: every other field from the ledger; the ledger moves', async () => {
      const id = await reserved('allocate', '700');
      const res = await update({ allocationId: id.toUpperCase(), status: 'CLEARED' });
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation?.status, 'CLEARED');
      assert.equal(res.data!.updateAllocation.allocation?.partnerExternalId, id, 'BitGo sent no partner id: the partner knows it by BitGo\'s');
      const row = await s.gateway.partnerLedger!.find(id);
      assert.equal(row?.status, 'cleared');
      await s.sandbox.partnerWebhooks.idle();
      const clear = s.sandbox.partnerWebhooks.deliveries().find((d) => d.call === 'clear' && d.recordId === id);
      assert.equal(clear?.outcome, 'delivered', 'BitGo\'s clear arrives and is a repeat: 200');
    });

    it('releases with a reason; the ledger holds the reason', async () => {
      const id = await reserved('allocate', '701');
      const res = await update({ allocationId: id, status: 'RELEASED', rejectReason: 'client over its limit' });
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation?.status, 'RELEASED');
      const row = await s.gateway.partnerLedger!.find(id);
      assert.equal(row?.status, 'released');
      assert.equal(row?.rejectReason, 'client over its limit');
      await s.sandbox.partnerWebhooks.idle();
      assert.equal(s.sandbox.partnerWebhooks.deliveries().some((d) => d.call === 'clear' && d.recordId === id), false, 'nothing to clear');
    });

    it('a deallocation is settled the same way: its type comes from the ledger', async () => {
      const id = await reserved('deallocate', '50');
      const res = await update({ allocationId: id, status: 'CLEARED' });
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation?.type, 'DEALLOCATION');
      assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'cleared');
    });

    it('fields given explicitly must agree with the ledger: CONFLICT naming each, nothing sent', async () => {
      const id = await reserved('allocate', '702');
      const row = (await s.gateway.partnerLedger!.find(id))!;
      const agreeing = {
        amount: { currency: 'ofctbtc', quantity: '702' },
        clientId: row.clientId.toUpperCase(),
        connectionId: row.connectionId,
        partnersClientId: row.partnersClientId,
        partnersConnectionId: row.partnersConnectionId,
        type: 'ALLOCATION',
        enterpriseId: s.sandbox.partnerEnterpriseId,
      };
      const puts = partnerPuts();
      for (const [field, value] of [
        ['amount', { currency: 'ofctbtc', quantity: '703' }],
        ['clientId', randomUUID()],
        ['connectionId', DEMO_CONNECTION_IDS.nimbusSecondary],
        ['partnersClientId', 'someone-else'],
        ['partnersConnectionId', 'nimbus-conn-1002'],
        ['type', 'DEALLOCATION'],
      ] as const) {
        const res = await update({ allocationId: id, status: 'CLEARED', ...agreeing, [field]: value });
        assert.equal(res.data!.updateAllocation.allocation, null, field);
        assert.deepEqual(res.data!.updateAllocation.userErrors.map((e) => [e.code, e.field]), [['CONFLICT', ['input', field]]], field);
      }
      assert.equal(partnerPuts(), puts, 'no conflicting update reached BitGo');
      assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'reserved');
      // BitGo sent no partner allocation id for this one: the partner names its own booking's id.
      const res = await update({ allocationId: id, status: 'CLEARED', ...agreeing, partnersAllocationId: 'nimbus-own-id' });
      assert.deepEqual(res.data!.updateAllocation.userErrors, [], 'agreeing fields are fine');
      assert.equal(s.sandbox.books.record(id)?.wire.partnerExternalId, 'nimbus-own-id');
      assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'cleared');
    });

    it('the ledger is another enterprise\'s business: named elsewhere, or for a caller BitGo does not accept, nothing is taken from it', async () => {
      const id = await reserved('allocate', '704');
      const puts = partnerPuts();
      const elsewhere = await update({ allocationId: id, status: 'CLEARED', enterpriseId: s.sandbox.enterpriseId });
      assert.deepEqual(
        elsewhere.data!.updateAllocation.userErrors.map((e) => e.code),
        Array(6).fill('INVALID_INPUT'),
        'the client enterprise\'s ledger holds nothing: every field is required',
      );
      const stranger = await s.gql<UpdateResult>(UPDATE, { input: { allocationId: id, status: 'CLEARED', amount: { currency: 'ofctbtc', quantity: '1' } } }, { authorization: 'Bearer not-a-bitgo-token' });
      assert.equal(stranger.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.ok(!JSON.stringify(stranger).includes('704'), 'nothing of the ledger is shown');
      assert.equal(partnerPuts(), puts);
      assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'reserved');
    });

    it('without a stored request the fields stay required: one INVALID_INPUT per missing field, nothing sent', async () => {
      const puts = partnerPuts();
      const res = await update({ allocationId: randomUUID(), status: 'CLEARED', clientId: randomUUID() });
      assert.deepEqual(
        res.data!.updateAllocation.userErrors.map((e) => [e.code, e.field?.join('.')]),
        ['amount', 'connectionId', 'partnersClientId', 'partnersConnectionId', 'partnersAllocationId'].map((f) => ['INVALID_INPUT', `input.${f}`]),
      );
      assert.match(res.data!.updateAllocation.userErrors[0]!.message, /ledger holds no request/);
      const bad = await update({ allocationId: 'nope', status: 'CLEARED' });
      assert.deepEqual(bad.data!.updateAllocation.userErrors.map((e) => e.field?.join('.')), ['input.allocationId']);
      assert.equal(partnerPuts(), puts);
    });

    it('when BitGo refuses the update, the ledger does not move', async () => {
      // A reservation BitGo never made (the test's own call): BitGo answers 404 to its update.
      const body = reservation();
      assert.equal((await s.call('POST', '/bitgo/v1/allocations', bodyText(body))).status, 200);
      const id = body.allocationId as string;
      const res = await update({ allocationId: id, status: 'CLEARED' });
      assert.equal(res.data!.updateAllocation.userErrors[0]?.code, 'NOT_FOUND');
      assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'reserved');
    });
  });
}
