import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { disputeSettlement, settle, settlementAmounts } from '../helpers/settle.js';
import { startPartnerStack, type PartnerStack } from '../partner/helpers.js';
import { engines } from '../store/engines.js';

const ALLOCATE = `mutation($input: AllocateInput!) { allocate(input: $input) { allocation { id status } userErrors { code message } } }`;
const SETTLE = `mutation($input: UpdateAllocationInput!) { updateAllocation(input: $input) { allocation { id status } userErrors { code message } } }`;
const LEDGER = `query($c: ID!) { partnerAllocationRequests(first: 10, filter: { connectionIds: [$c] }) { nodes { id status } } }`;
const BALANCE = `query($id: ID!) { networkConnection(id: $id) { balances { currency available held } } }`;
const REQUESTS = `subscription { partnerAllocationRequestChanged { id status rejectReason amount { quantity } clearedAt allocation { status } } }`;

interface Balance {
  currency: string;
  available: string;
  held: string;
}

interface RequestEvent {
  data?: { partnerAllocationRequestChanged: { id: string; status: string; rejectReason: string | null; amount: { quantity: string }; clearedAt: string | null; allocation: { status: string } | null } };
  errors?: unknown[];
}

/**
 * The loop, live, with the partner ledger in it: a client follows its key, the partner's operators follow
 * their ledger; the client allocates to Nimbus (the sandbox then calls the partner's endpoint as BitGo does), the
 * partner settles it with updateAllocation naming only the id and the decision, and both sides see it move. Then the
 * loop grows to settling: the partner settles the day (v2); the client sees the settlement, its transfers and its
 * balance moved, and disputes it.
 */
for (const engine of engines) {
  describe(`live: the loop with the partner ledger, on ${engine.name}`, () => {
    let s: PartnerStack;
    const clients: LiveClient[] = [];
    before(async () => {
      s = await startPartnerStack(engine, { loop: true });
    });
    after(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await s?.close();
    });

    const follow = () => {
      const c = liveClient(`${s.url}/graphql`, { authorization: `Bearer ${SANDBOX_TOKEN}` });
      clients.push(c);
      return c;
    };

    for (const decision of ['CLEARED', 'RELEASED'] as const) {
      it(`client and partner both see RESERVED, then ${decision}`, async () => {
        const key = `partner-loop-${randomUUID()}`;
        const client = follow().subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
        const partner = follow().subscribe<RequestEvent>(REQUESTS);
        await waitForSubscriptions(s.gateway, 2);

        const allocated = await s.gql<{ allocate: { allocation: { id: string; status: string } } }>(ALLOCATE, {
          input: { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofctbtc', quantity: '4242' }, clientExternalId: key },
        });
        const id = allocated.data!.allocate.allocation.id;
        const reserved = (await client.nth(1)).data!.allocationChanged;
        assert.deepEqual([reserved.allocation.id, reserved.allocation.status, reserved.source], [id, 'RESERVED', 'MUTATION']);
        // BitGo's (the sandbox's) call reaches the partner's ledger, and its operators see it at once.
        const inbound = (await partner.nth(1, 15_000)).data!.partnerAllocationRequestChanged;
        assert.deepEqual([inbound.id, inbound.status, inbound.amount.quantity, inbound.allocation?.status], [id, 'RESERVED', '4242', 'RESERVED']);

        const settled = await s.gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(SETTLE, {
          input: { enterpriseId: DEMO_PARTNER_ENTERPRISE_ID, allocationId: id, status: decision, ...(decision === 'RELEASED' ? { rejectReason: 'over the desk limit' } : {}) },
        });
        assert.deepEqual(settled.data!.updateAllocation.userErrors, []);
        const moved = (await client.nth(2)).data!.allocationChanged;
        assert.deepEqual([moved.allocation.status, moved.previousStatus, moved.source], [decision, 'RESERVED', 'PARTNER_UPDATE']);
        const ledger = (await partner.nth(2)).data!.partnerAllocationRequestChanged;
        assert.equal(ledger.status, decision);
        assert.equal(ledger.allocation?.status, decision, 'BitGo\'s record, read for this event (not cached from the first)');
        if (decision === 'RELEASED') assert.equal(ledger.rejectReason, 'over the desk limit');
        else assert.ok(ledger.clearedAt);

        // BitGo's own clear call for the settled request (the sandbox sends it) moves nothing: nobody is told twice.
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(client.events.length, 2);
        assert.equal(partner.events.length, 2);
        client.stop();
        partner.stop();
        await waitForSubscriptions(s.gateway, 0);
      });
    }

    it('allocate → reserved at the partner → cleared → settled → the client sees it, its transfers and its balance moved → disputes it', async () => {
      const connectionId = DEMO_CONNECTION_IDS.nimbusMain;
      const ofctbtc = async () => {
        const res = await s.gql<{ networkConnection: { balances: Balance[] } }>(BALANCE, { id: connectionId });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        return res.data!.networkConnection.balances.find((b) => b.currency === 'ofctbtc')!;
      };
      const key = `settle-loop-${randomUUID()}`;
      const allocated = await s.gql<{ allocate: { allocation: { id: string }; userErrors: unknown[] } }>(ALLOCATE, { input: { connectionId, amount: { currency: 'ofctbtc', quantity: '5000' }, clientExternalId: key } });
      assert.deepEqual(allocated.data!.allocate.userErrors, []);
      const id = allocated.data!.allocate.allocation.id;
      await eventually(async () => (await s.gql<{ partnerAllocationRequests: { nodes: Array<{ id: string; status: string }> } }>(LEDGER, { c: connectionId })).data?.partnerAllocationRequests.nodes.find((n) => n.id === id)?.status === 'RESERVED', 'the partner ledger reserved it', 15_000);
      const cleared = await s.gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(SETTLE, { input: { enterpriseId: DEMO_PARTNER_ENTERPRISE_ID, allocationId: id, status: 'CLEARED' } });
      assert.deepEqual(cleared.data!.updateAllocation.userErrors, []);
      const before = await ofctbtc();

      // The day's trades: the client lost 1200 base units to the partner.
      const day = await settle(s, {
        enterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
        externalId: `day-${randomUUID()}`,
        settlementAmounts: settlementAmounts({ [connectionId]: { ofctbtc: '-1200' } }),
        cutoffAt: new Date(s.sandbox.books.settlements.now()).toISOString(),
      });
      assert.deepEqual(day.payload!.userErrors, [], JSON.stringify(day));
      const settlementId = day.payload!.settlement!.id;

      const seen = await s.gql<{ settlement: { status: string; connection: { id: string }; amounts: Array<{ currency: string; quantity: string; direction: string }>; transfers: Array<{ currency: string; quantity: string }> } }>(
        `query($id: ID!) { settlement(id: $id) { status connection { id } amounts { currency quantity direction } transfers { currency quantity } } }`,
        { id: settlementId },
      );
      assert.equal(seen.errors, undefined, JSON.stringify(seen.errors));
      const { settlement } = seen.data!;
      assert.equal(settlement.status, 'PENDING');
      assert.equal(settlement.connection.id, connectionId);
      assert.deepEqual(settlement.amounts, [{ currency: 'ofctbtc', quantity: '1200', direction: 'PAY' }]);
      assert.deepEqual(settlement.transfers.map((t) => [t.currency, t.quantity]), [['ofctbtc', '-1200']]);
      // Pending v2: what the client owes is held until the window passes.
      const after = await ofctbtc();
      assert.equal(BigInt(after.available), BigInt(before.available) - 1200n, 'available moved');
      assert.equal(BigInt(after.held), BigInt(before.held) + 1200n, 'held until the window passes');

      const disputed = await disputeSettlement(s, { settlementId, connectionId, reason: 'we lost less', expectedTransfers: [{ currency: 'ofctbtc', quantity: '-1000' }] });
      assert.deepEqual(disputed.payload!.userErrors, [], JSON.stringify(disputed));
      assert.equal(disputed.payload!.dispute!.disputedSettlementId, settlementId);
    });
  });
}
