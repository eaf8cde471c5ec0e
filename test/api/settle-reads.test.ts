import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { useStack } from '../helpers/stack.js';

const C = DEMO_CONNECTION_IDS;
const SETTLEMENT = 'id partnerId externalId status settlementType disputed transferDirection createdAt';

interface Amount { currency: string; quantity: string; direction: string; signedQuantity: string }
interface Transfer { id: string; settlementId: string; currency: string; quantity: string; amount: Amount; sourceNetworkAccountId: string | null; destinationNetworkAccountId: string | null }
interface Settlement { id: string; partnerId: string; status: string; createdAt: string; transfers: Transfer[] | null; amounts: Amount[] | null; connection: { id: string } | null }

describe('settlement reads: the client\'s settlements, transfers and disputes, the partner\'s, batched', () => {
  const stack = useStack();

  it('settlements pages through BitGo\'s paging; every page\'s transfers, amounts and connection cost one call each, however many rows', async () => {
    stack.sandbox.requests.reset();
    const first = await stack.gql<{ settlements: { nodes: Settlement[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(`{
      settlements(first: 10) { nodes { ${SETTLEMENT} transfers { id settlementId currency quantity amount { currency quantity direction signedQuantity } } amounts { currency quantity direction signedQuantity } connection { id } } pageInfo { hasNextPage endCursor } }
    }`);
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const page = first.data!.settlements;
    assert.equal(page.nodes.length, 10);
    assert.equal(page.pageInfo.hasNextPage, true);
    const count = (path: RegExp) => stack.sandbox.requests.count({ method: 'GET', path });
    assert.equal(count(/\/clients\/settlements$/), 1);
    assert.equal(count(/\/clients\/settlementTransfers$/), 1, 'one transfers call for the page');
    assert.ok(count(/\/clients\/connections$/) <= 1, 'one connections call for the page');
    for (const s of page.nodes) {
      assert.ok(s.transfers && s.transfers.length > 0, s.id);
      for (const t of s.transfers!) {
        assert.equal(t.settlementId, s.id);
        assert.equal(t.amount.signedQuantity, t.quantity);
        assert.equal(t.amount.direction, t.quantity.startsWith('-') ? 'PAY' : 'RECEIVE');
      }
      // The numbers add up: each currency's amount is the exact sum of its transfers.
      for (const a of s.amounts!) {
        const sum: bigint = s.transfers!.filter((t) => t.currency === a.currency).reduce((n: bigint, t) => n + BigInt(t.quantity), 0n);
        assert.equal(a.signedQuantity, sum.toString());
      }
    }
    const second = await stack.gql<{ settlements: { nodes: Settlement[] } }>(`query($after: String) { settlements(first: 10, after: $after) { nodes { id } } }`, { after: page.pageInfo.endCursor });
    assert.equal(second.data!.settlements.nodes.length, 10);
    assert.equal(new Set([...page.nodes, ...second.data!.settlements.nodes].map((s) => s.id)).size, 20, 'the second page follows the first');
  });

  it('settlement(id) answers its transfers and disputes from the one detail call; an unknown id is null', async () => {
    const list = await stack.gql<{ settlements: { nodes: Settlement[] } }>(`{ settlements(first: 1, filter: { statuses: [COMPLETED] }) { nodes { id } } }`);
    const id = list.data!.settlements.nodes[0]!.id;
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ settlement: Settlement & { disputes: unknown[] } }>(`query($id: ID!) { settlement(id: $id) { ${SETTLEMENT} transfers { id quantity } amounts { currency signedQuantity } disputes { id } } }`, { id });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.settlement.id, id);
    assert.equal(res.data!.settlement.status, 'COMPLETED');
    assert.ok(res.data!.settlement.transfers!.length > 0);
    assert.equal(stack.sandbox.requests.count({ method: 'GET' }), 1, 'one detail call, nothing more');
    const none = await stack.gql<{ settlement: null }>(`{ settlement(id: "5a1e0000-0000-4000-8000-999999999999") { id } }`);
    assert.equal(none.errors, undefined, JSON.stringify(none.errors));
    assert.equal(none.data!.settlement, null);
  });

  it('settlementTransfers and settlementDisputes filter and page; partner-only filters are refused on the client\'s lists', async () => {
    const res = await stack.gql<{ settlementTransfers: { nodes: Transfer[] }; settlementDisputes: { nodes: Array<{ id: string; expectedTransfers: Amount[] }> } }>(`{
      settlementTransfers(first: 5, filter: { currencies: ["ofctbtc"] }) { nodes { id currency quantity } }
      settlementDisputes(first: 10) { nodes { id disputedSettlementId retracted expectedTransfers { currency signedQuantity direction } disputeClosure { id status } } }
    }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.ok(res.data!.settlementTransfers.nodes.length > 0);
    assert.ok(res.data!.settlementTransfers.nodes.every((t) => t.currency === 'ofctbtc'));
    assert.ok(res.data!.settlementDisputes.nodes.length >= 1);
    const sides = await stack.gql(`{ settlements(filter: { statuses: [PENDING] }) { nodes { id } } partnerSettlements(filter: { externalIds: ["x"] }, enterpriseId: "${DEMO_PARTNER_ENTERPRISE_ID}") { nodes { id } } }`);
    assert.equal(sides.errors, undefined, JSON.stringify(sides.errors));
  });

  it('one cheap query: a connection\'s balances, allocations and the settlements that moved it, newest first, in a bounded number of calls', async () => {
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ networkConnections: { nodes: Array<{ id: string; networkAccountId: string; settlements: Settlement[] }> } }>(`{
      networkConnections(first: 10) { nodes { id networkAccountId balances { currency available } allocations(first: 5) { nodes { id } }
        settlements(latest: 5) { id createdAt transfers { sourceNetworkAccountId destinationNetworkAccountId } } } }
    }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const nodes = res.data!.networkConnections.nodes;
    const main = nodes.find((c) => c.id === C.nimbusMain)!;
    assert.ok(main.settlements.length > 0, 'the seeded settlements moved Nimbus main');
    for (const c of nodes) {
      const times = c.settlements.map((s) => Date.parse(s.createdAt));
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      for (const s of c.settlements) assert.ok(s.transfers!.some((t) => t.sourceNetworkAccountId === c.networkAccountId || t.destinationNetworkAccountId === c.networkAccountId), `${s.id} moved ${c.id}`);
    }
    assert.equal(stack.sandbox.requests.count({ method: 'GET', path: /\/clients\/settlements$/ }), 1, 'one settlements call for every connection');
    assert.ok(stack.sandbox.requests.count({ method: 'GET', path: /\/clients\/settlementTransfers$/ }) <= 2);
  });

  it('partnerSettlements and partnerSettlement: the partner\'s side, by externalId', async () => {
    const res = await stack.gql<{ partnerSettlements: { nodes: Array<{ id: string; externalId: string }> } }>(`{ partnerSettlements(first: 3, enterpriseId: "${DEMO_PARTNER_ENTERPRISE_ID}") { nodes { id externalId status } } }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const [one] = res.data!.partnerSettlements.nodes;
    assert.ok(one);
    const byExternal = await stack.gql<{ partnerSettlements: { nodes: Array<{ id: string }> }; partnerSettlement: Settlement }>(
      `query($x: String!, $id: ID!) { partnerSettlements(enterpriseId: "${DEMO_PARTNER_ENTERPRISE_ID}", filter: { externalIds: [$x] }) { nodes { id } } partnerSettlement(id: $id, enterpriseId: "${DEMO_PARTNER_ENTERPRISE_ID}") { id transfers { id quantity } amounts { currency signedQuantity } } }`,
      { x: one.externalId, id: one.id },
    );
    assert.equal(byExternal.errors, undefined, JSON.stringify(byExternal.errors));
    assert.deepEqual(byExternal.data!.partnerSettlements.nodes.map((s) => s.id), [one.id]);
    assert.ok(byExternal.data!.partnerSettlement.transfers!.length > 0);
  });
});
