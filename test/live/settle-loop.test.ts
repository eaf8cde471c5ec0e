import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { eventually } from '../helpers/live.js';
import { disputeSettlement, settle, settlementAmounts } from '../helpers/settle.js';
import { startPartnerStack, type PartnerStack } from '../partner/helpers.js';
import { engines } from '../store/engines.js';

const ALLOCATE = `mutation($input: AllocateInput!) { allocate(input: $input) { allocation { id status } userErrors { code message } } }`;
const CLEAR = `mutation($input: UpdateAllocationInput!) { updateAllocation(input: $input) { allocation { id status } userErrors { code message } } }`;
const LEDGER = `query($c: ID!) { partnerAllocationRequests(first: 10, filter: { connectionIds: [$c] }) { nodes { id status } } }`;
const BALANCE = `query($id: ID!) { networkConnection(id: $id) { balances { currency available held } } }`;

interface Balance { currency: string; available: string; held: string }

/**
 * The offline loop, grown to settling, on one gateway that is both the client's and Nimbus's: the client allocates, the
 * sandbox (as BitGo) calls the partner's endpoint and the partner ledger reserves it, the partner clears it, then
 * settles the day (v2); the client sees the settlement, its transfers and its balance moved, and disputes it.
 */
describe(`the offline loop to settlement, on ${engines[0]!.name}`, () => {
  let s: PartnerStack;
  before(async () => {
    s = await startPartnerStack(engines[0]!, { loop: true });
  });
  after(() => s?.close());

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
    const cleared = await s.gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(CLEAR, { input: { enterpriseId: DEMO_PARTNER_ENTERPRISE_ID, allocationId: id, status: 'CLEARED' } });
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
