import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { finalizeDue } from '../../src/sandbox/settlement-engine.js';
import { liveClient, waitForSubscriptions, type LiveClient } from '../helpers/live.js';
import { OpenApiContract, startContractProxy, type ContractProxy } from '../helpers/openapi.js';
import { closeSettlementDispute, disputeSettlement, settle, settlementAmounts, updateSettlementDispute } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

const contract = new OpenApiContract('network-openapi.yaml');
const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V1 = /\/api\/network\/v1\/enterprises\/[^/]+\/partners\/settlements$/;
const V2 = /\/api\/network\/v2\/enterprises\/[^/]+\/partners\/settlements$/;
const SIGNING = /\/partners\/settlements-signing$/;
const CREATE = /\/clients\/settlements\/[^/]+\/disputes$/;
const AMOUNTS = { [C.nimbusMain]: { ofctbtc: '-1500', ofcteth: '2000000' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '700' } };
const SETTLEMENT = 'id partnerId externalId status settlementType disputed transferDirection createdAt';
const CHANGED = `subscription($ids: [ID!], $externalIds: [String!], $view: AllocationView, $enterpriseId: ID) {
  settlementChanged(settlementIds: $ids, externalIds: $externalIds, view: $view, enterpriseId: $enterpriseId) { source changes previousStatus settlement { id externalId status disputed } }
}`;

interface Amount { currency: string; quantity: string; direction: string; signedQuantity: string }
interface Transfer { id: string; settlementId: string; currency: string; quantity: string; amount: Amount; sourceNetworkAccountId: string | null; destinationNetworkAccountId: string | null }
interface Settlement { id: string; partnerId: string; status: string; createdAt: string; transfers: Transfer[] | null; amounts: Amount[] | null; connection: { id: string } | null }
interface Changed {
  data?: { settlementChanged: { source: string; changes: string[]; previousStatus: string | null; settlement: { id: string; externalId: string; status: string; disputed: boolean | null } } };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * Settling through the gateway, on one stack (a sandbox and a gateway, every BitGo exchange crossing a contract proxy):
 * the calls held to network-openapi.yaml, the client's and the partner's reads batched, settle (v1, v2, idempotent on
 * externalId), disputes inside and outside the window, and settlementChanged. The blocks that move the sandbox's clock
 * come last.
 */
describe('settling through the gateway', () => {
  let proxy: ContractProxy | undefined;
  const stack = useStack({
    listen: true,
    config: { writeDeadlineMs: 1_000 },
    env: { SUBSCRIPTION_POLL_MIN_MS: '100', SUBSCRIPTION_POLL_MAX_MS: '200' },
    upstream: async (sandboxUrl) => {
      proxy = await startContractProxy(sandboxUrl);
      return proxy.url;
    },
  });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await proxy?.close();
  });
  const posts = (path: RegExp) => stack.sandbox.requests.count({ method: 'POST', path });
  const creates = () => posts(CREATE);
  const base = (externalId = `day-${randomUUID()}`) => ({ enterpriseId: NIMBUS, externalId, notes: 'the day\'s trades', settlementAmounts: settlementAmounts(AMOUNTS) });
  const pending = async (): Promise<string> => {
    const res = await settle(stack, {
      enterpriseId: NIMBUS,
      externalId: `day-${randomUUID()}`,
      settlementAmounts: settlementAmounts({ [C.nimbusMain]: { ofctbtc: '-300' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '100' } }),
      cutoffAt: new Date(stack.sandbox.books.settlements.now()).toISOString(),
    });
    assert.deepEqual(res.payload!.userErrors, [], JSON.stringify(res));
    return res.payload!.settlement!.id;
  };
  const client = () => {
    const c = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    clients.push(c);
    return c;
  };

  describe('the calls, held to network-openapi.yaml', () => {
    it('every read filter, settle v1 (refused) and v2, and a dispute\'s create, update and close: every exchange conforms', async () => {
      const reads = await stack.gql(`{
        settlements(first: 3, filter: { statuses: [COMPLETED, PENDING], partnerIds: ["${NIMBUS}"], partyConnectionIds: ["${C.nimbusMain}"], onlyDisputed: true }) { nodes { id transfers { id } connection { id } } }
        settlementTransfers(first: 3, filter: { currencies: ["ofctbtc"], settlementStatuses: [COMPLETED], statuses: [COMPLETED], partnerIds: ["${NIMBUS}"], settlementUpdatedOnOrAfter: "2026-01-01T00:00:00.000Z", settlementUpdatedBefore: "2031-01-01T00:00:00.000Z" }) { nodes { id } }
        settlementDisputes(first: 3, filter: { closed: false, connectionIds: ["${C.nimbusMain}"] }) { nodes { id } }
        partnerSettlements(first: 3, enterpriseId: "${NIMBUS}", filter: { externalIds: ["none"], createdOnOrAfter: "2026-01-01T00:00:00.000Z", updatedBefore: "2031-01-01T00:00:00.000Z" }) { nodes { id } }
        partnerSettlementDisputes(first: 3, enterpriseId: "${NIMBUS}", filter: { showRetracted: true }) { nodes { id } }
        networkConnections(first: 3) { nodes { settlements(latest: 2) { id } } }
      }`);
      assert.equal(reads.errors, undefined, JSON.stringify(reads.errors));
      const amounts = settlementAmounts({ [C.nimbusMain]: { ofctbtc: '-30' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '10' } });
      const refused = await settle(stack, { enterpriseId: NIMBUS, externalId: `c-${randomUUID()}`, settlementAmounts: amounts });
      assert.deepEqual(refused.payload!.userErrors.map((e) => e.code), ['SETTLEMENT_VERSION_REFUSED']);
      const made = await settle(stack, { enterpriseId: NIMBUS, externalId: `c-${randomUUID()}`, notes: 'contract', settlementAmounts: amounts, cutoffAt: '2026-12-01T00:00:00.000Z' });
      const settlementId = made.payload!.settlement!.id;
      const one = await stack.gql(`query($id: ID!) { settlement(id: $id) { id } partnerSettlement(id: $id, enterpriseId: "${NIMBUS}") { id } }`, { id: settlementId });
      assert.equal(one.errors, undefined, JSON.stringify(one.errors));
      const d = await disputeSettlement(stack, { settlementId, connectionId: C.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-20' }] });
      const disputeId = d.payload!.dispute!.id;
      await updateSettlementDispute(stack, { disputeId, retracted: true, reason: 'fine', expectedTransfers: [{ currency: 'ofctbtc', quantity: '-30' }] });
      await closeSettlementDispute(stack, { disputeId, notes: 'closed for the contract' });

      const exchanges = proxy!.exchanges.filter((e) => /settlement|dispute/i.test(e.path));
      const routes = new Set(exchanges.map((e) => `${e.method} ${contract.templateOf(e.method, e.path)} ${e.status}`));
      const V1 = '/api/network/v1/enterprises/{enterpriseId}';
      for (const expected of [
        `GET ${V1}/clients/settlements 200`,
        `GET ${V1}/clients/settlements/{settlementId} 200`,
        `GET ${V1}/clients/settlementTransfers 200`,
        `GET ${V1}/clients/settlement/disputes 200`,
        `GET ${V1}/partners/settlements 200`,
        `GET ${V1}/partners/settlements/{settlementId} 200`,
        `GET ${V1}/partners/settlement/disputes 200`,
        `POST ${V1}/partners/settlements-signing 200`,
        `POST ${V1}/partners/settlements 403`,
        'POST /api/network/v2/enterprises/{enterpriseId}/partners/settlements 200',
        `POST ${V1}/clients/settlements/{settlementId}/disputes 200`,
        `PUT ${V1}/clients/settlements/disputes/{disputeId} 200`,
        `POST ${V1}/clients/settlements/disputes/{disputeId}/close 200`,
      ]) {
        assert.ok(routes.has(expected), `${expected} was exercised (${[...routes].join('; ')})`);
      }
      assert.deepEqual(exchanges.flatMap((e) => contract.problems(e)), []);
    });
  });

  describe('reads: the client\'s settlements, transfers and disputes, the partner\'s, batched', () => {
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

    it('settlementTransfers and settlementDisputes filter and page; each side takes the filters BitGo gives it', async () => {
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

  describe('settle: the partner\'s signed settlement, v1 or v2, idempotent on externalId', () => {
    it('a dry run checks the connections and BitGo\'s payload and shows the net flow per currency; nothing is posted', async () => {
      const before = posts(V2) + posts(V1);
      const res = await settle(stack, { ...base(), cutoffAt: '2026-12-01T00:00:00.000Z', dryRun: true });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.payload!.userErrors, []);
      assert.equal(res.payload!.dryRun!.version, 'V2');
      assert.deepEqual(res.payload!.dryRun!.netFlow, [
        { currency: 'ofctbtc', quantity: '800', direction: 'PAY', signedQuantity: '-800' },
        { currency: 'ofcteth', quantity: '2000000', direction: 'RECEIVE', signedQuantity: '2000000' },
      ]);
      assert.equal(JSON.parse(res.payload!.dryRun!.payload).enterpriseId, NIMBUS);
      assert.equal(posts(V2) + posts(V1) - before, 0);
    });

    it('v1 on a disputes-enabled partner is SETTLEMENT_VERSION_REFUSED and frees the externalId; v2 (cutoffAt) then settles, pending; a repeat re-sends the same bytes', async () => {
      const externalId = `day-${randomUUID()}`;
      const v1 = await settle(stack, base(externalId));
      assert.equal(v1.errors, undefined, JSON.stringify(v1.errors));
      assert.deepEqual(v1.payload!.userErrors.map((e) => e.code), ['SETTLEMENT_VERSION_REFUSED']);
      assert.equal(v1.payload!.version, 'V1');
      const cutoffAt = '2026-12-01T00:00:00.000Z';
      const v2 = await settle(stack, { ...base(externalId), cutoffAt });
      assert.deepEqual(v2.payload!.userErrors, []);
      const s = v2.payload!.settlement!;
      assert.deepEqual([s.externalId, s.status, s.partnerId, s.cutoffAt], [externalId, 'PENDING', NIMBUS, cutoffAt]);
      const sent = posts(V2);
      const again = await settle(stack, { ...base(externalId), cutoffAt });
      assert.equal(again.payload!.settlement!.id, s.id);
      assert.equal(posts(V2) - sent, 1, 'the repeat re-sent the journal\'s bytes');
      assert.equal(stack.sandbox.books.settlements.all().filter((x) => x.wire.externalId === externalId).length, 1);
      // Another settlement under the same externalId: CONFLICT, with the one it made.
      const other = await settle(stack, { ...base(externalId), cutoffAt, notes: 'something else' });
      assert.deepEqual(other.payload!.userErrors.map((e) => e.code), ['CONFLICT']);
      assert.equal(other.payload!.settlement!.id, s.id);
      const audit = await stack.gql<{ signedRequests: { nodes: Array<{ kind: string; state: string; clientExternalId: string }> } }>(
        `query($x: String!) { signedRequests(enterpriseId: "${NIMBUS}", filter: { clientExternalId: $x }) { nodes { kind state clientExternalId } } }`,
        { x: externalId },
      );
      assert.equal(audit.errors, undefined, JSON.stringify(audit.errors));
      // The refused v1 request stays in the audit trail beside the v2 one that settled.
      assert.deepEqual(audit.data!.signedRequests.nodes.map((r) => [r.kind, r.state]), [['SETTLE', 'SETTLED'], ['SETTLE', 'SETTLED']]);
    });

    it('v1 on a partner without disputes settles at once; an answer lost on the way back is found by reading the partner\'s settlements', async () => {
      stack.sandbox.books.settlements.setDisputesEnabled(NIMBUS, false);
      try {
        const done = await settle(stack, base());
        assert.deepEqual(done.payload!.userErrors, []);
        assert.equal(done.payload!.settlement!.status, 'COMPLETED');
        const externalId = `day-${randomUUID()}`;
        stack.sandbox.faults.add({ method: 'POST', path: V1, dropAfterCommit: true, times: 100 });
        const lost = await settle(stack, base(externalId));
        stack.sandbox.faults.clear();
        assert.equal(lost.errors, undefined, JSON.stringify(lost.errors));
        assert.deepEqual(lost.payload!.userErrors, []);
        assert.equal(lost.payload!.settlement!.externalId, externalId);
        assert.equal(stack.sandbox.books.settlements.all().filter((x) => x.wire.externalId === externalId).length, 1);
      } finally {
        stack.sandbox.faults.clear();
        stack.sandbox.books.settlements.setDisputesEnabled(NIMBUS, true);
      }
    });

    it('refuses before anything is signed: a quantity that is not a signed integer, a connection named twice, one that is not the partner\'s', async () => {
      const before = posts(SIGNING);
      const cases: Array<[unknown[], string, string[]]> = [
        [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '0' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
        [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '1.5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
        [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '+5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
        [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '-05' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
        [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '5' }] }, { connectionId: C.nimbusMain, amounts: [{ currency: 'ofcteth', quantity: '5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '1', 'connectionId']],
        [[], 'INVALID_INPUT', ['input', 'settlementAmounts']],
      ];
      for (const [amounts, code, field] of cases) {
        const res = await settle(stack, { ...base(), settlementAmounts: amounts, cutoffAt: '2026-12-01T00:00:00.000Z' });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.deepEqual(res.payload!.userErrors.map((e) => [e.code, e.field]), [[code, field]], JSON.stringify(amounts));
      }
      const helios = await settle(stack, { ...base(), settlementAmounts: settlementAmounts({ [C.helios]: { ofctbtc: '5' } }), cutoffAt: '2026-12-01T00:00:00.000Z' });
      assert.deepEqual(helios.payload!.userErrors.map((e) => [e.code, e.field]), [['NOT_FOUND', ['input', 'settlementAmounts', '0', 'connectionId']]]);
      assert.equal(posts(SIGNING) - before, 0, 'nothing was asked of BitGo\'s signing route');
    });
  });

  describe('live: settlementChanged', () => {
    it('the partner follows its externalId: CREATED by the settle; the client follows it: DISPUTED; both see it processed after the window', async () => {
      const externalId = `live-${randomUUID()}`;
      const partner = client().subscribe<Changed>(CHANGED, { externalIds: [externalId], view: 'PARTNER', enterpriseId: DEMO_PARTNER_ENTERPRISE_ID });
      await waitForSubscriptions(stack.gateway, 1);
      const made = await settle(stack, {
        enterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
        externalId,
        settlementAmounts: settlementAmounts({ [DEMO_CONNECTION_IDS.nimbusMain]: { ofctbtc: '-50' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '20' } }),
        cutoffAt: new Date(stack.sandbox.books.settlements.now()).toISOString(),
      });
      assert.deepEqual(made.payload!.userErrors, [], JSON.stringify(made));
      const id = made.payload!.settlement!.id;
      const created = (await partner.nth(1)).data!.settlementChanged;
      assert.deepEqual([created.changes, created.source, created.previousStatus, created.settlement.id, created.settlement.status], [['CREATED'], 'MUTATION', null, id, 'PENDING']);

      const mine = client().subscribe<Changed>(CHANGED, { ids: [id] });
      await waitForSubscriptions(stack.gateway, 2);
      const disputed = await disputeSettlement(stack, { settlementId: id, connectionId: DEMO_CONNECTION_IDS.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-40' }] });
      assert.deepEqual(disputed.payload!.userErrors, [], JSON.stringify(disputed));
      const seen = (await mine.nth(1)).data!.settlementChanged;
      assert.deepEqual([seen.changes, seen.settlement.disputed], [['DISPUTED'], true]);
      const partnerSaw = (await partner.nth(2)).data!.settlementChanged;
      assert.ok(partnerSaw.changes.includes('DISPUTED'), JSON.stringify(partnerSaw));

      // The window passes on the sandbox's clock; the watcher's re-read (POLL) finds the settlement processed.
      stack.sandbox.books.settlements.advance(stack.sandbox.books.settlements.disputeWindowMs + 60_000);
      finalizeDue(stack.sandbox.books);
      const done = (await mine.nth(2)).data!.settlementChanged;
      assert.equal(done.source, 'POLL');
      assert.equal(done.previousStatus, 'pending');
      assert.ok(done.changes.includes('COMPLETED') || done.changes.includes('FAILED'), JSON.stringify(done));
      partner.stop();
      mine.stop();
      await waitForSubscriptions(stack.gateway, 0);
      assert.equal(stack.gateway.workflows.live.stats().callers, 0);
    });

    it('refuses a settlement the caller cannot see (NOT_FOUND), externalIds in the client\'s view and an empty filter (BAD_USER_INPUT)', async () => {
      const unknown = client().subscribe<Changed>(CHANGED, { ids: [randomUUID()] });
      await unknown.ended();
      assert.match(JSON.stringify([unknown.errors, unknown.events]), /"code":"NOT_FOUND"/);
      for (const variables of [{ externalIds: ['x'] }, {}]) {
        const refused = client().subscribe<Changed>(CHANGED, variables);
        await refused.ended();
        assert.match(JSON.stringify([refused.errors, refused.events]), /"code":"BAD_USER_INPUT"/, JSON.stringify(variables));
      }
    });
  });

  describe('disputes: inside the window signed, journaled and idempotent; outside it refused before signing', () => {
    it('disputeSettlement: a dry run, then the dispute; a repeat under the key reads BitGo and sends nothing; retract, un-retract, close', async () => {
      const settlementId = await pending();
      const input = { settlementId, connectionId: C.nimbusMain, reason: 'we traded less', expectedTransfers: [{ currency: 'ofctbtc', quantity: '-200' }] };
      const before = creates();
      const dry = await disputeSettlement(stack, { ...input, dryRun: true });
      assert.equal(dry.errors, undefined, JSON.stringify(dry.errors));
      assert.deepEqual(dry.payload!.userErrors, []);
      assert.deepEqual(JSON.parse(dry.payload!.dryRun!.payload), { connectionId: C.nimbusMain, reason: 'we traded less', expectedTransfers: { ofctbtc: '-200' }, nonce: JSON.parse(dry.payload!.dryRun!.payload).nonce, settlementId, enterpriseId: stack.sandbox.enterpriseId });
      assert.equal(dry.payload!.dryRun!.settlement.status, 'PENDING');
      assert.equal(creates() - before, 0, 'a dry run sends nothing');

      const clientRequestId = randomUUID();
      const made = await disputeSettlement(stack, { ...input, clientRequestId });
      assert.deepEqual(made.payload!.userErrors, [], JSON.stringify(made));
      const d = made.payload!.dispute!;
      assert.deepEqual([d.disputedSettlementId, d.connectionId, d.retracted], [settlementId, C.nimbusMain, false]);
      assert.deepEqual(d.expectedTransfers, [{ currency: 'ofctbtc', quantity: '200', direction: 'PAY', signedQuantity: '-200' }]);
      const again = await disputeSettlement(stack, { ...input, clientRequestId });
      assert.equal(again.payload!.dispute!.id, d.id);
      assert.equal(creates() - before, 1, 'the repeat found the dispute; nothing was re-sent');
      const seen = await stack.gql<{ settlementDisputes: { nodes: Array<{ id: string }> }; settlement: { disputed: boolean; disputes: Array<{ id: string }> } }>(
        `query($s: ID!) { settlementDisputes(filter: { settlementIds: [$s] }) { nodes { id } } settlement(id: $s) { disputed disputes { id } } }`,
        { s: settlementId },
      );
      assert.deepEqual(seen.data!.settlementDisputes.nodes.map((x) => x.id), [d.id]);
      assert.deepEqual(seen.data!.settlement.disputes.map((x) => x.id), [d.id]);

      const retracted = await updateSettlementDispute(stack, { disputeId: d.id, retracted: true, reason: 'checked again', clientRequestId: `${clientRequestId}-r` });
      assert.deepEqual(retracted.payload!.userErrors, [], JSON.stringify(retracted));
      assert.equal(retracted.payload!.dispute!.retracted, true);
      const back = await updateSettlementDispute(stack, { disputeId: d.id, retracted: false, reason: 'no, really', clientRequestId: `${clientRequestId}-u` });
      assert.equal(back.payload!.dispute!.retracted, false);

      const closed = await closeSettlementDispute(stack, { disputeId: d.id, notes: 'our mistake', clientRequestId: `${clientRequestId}-c` });
      assert.deepEqual(closed.payload!.userErrors, [], JSON.stringify(closed));
      assert.ok(closed.payload!.disputeClosure!.id);
      const twice = await closeSettlementDispute(stack, { disputeId: d.id, notes: 'our mistake' });
      assert.deepEqual(twice.payload!.userErrors.map((e) => e.code), ['CONFLICT'], 'a closed dispute is closed already');

      const audit = await stack.gql<{ signedRequests: { nodes: Array<{ kind: string; state: string; clientExternalId: string }> } }>(
        `{ signedRequests(first: 100, filter: { kinds: [DISPUTE_SETTLEMENT, UPDATE_SETTLEMENT_DISPUTE, CLOSE_SETTLEMENT_DISPUTE] }) { nodes { kind state clientExternalId } } }`,
      );
      assert.equal(audit.errors, undefined, JSON.stringify(audit.errors));
      const rows = audit.data!.signedRequests.nodes.filter((r) => r.clientExternalId.startsWith(clientRequestId));
      assert.deepEqual(rows.map((r) => r.kind).sort(), ['CLOSE_SETTLEMENT_DISPUTE', 'DISPUTE_SETTLEMENT', 'UPDATE_SETTLEMENT_DISPUTE', 'UPDATE_SETTLEMENT_DISPUTE']);
      assert.ok(rows.every((r) => r.state === 'SETTLED'));
    });

    it('refuses before signing: an unknown settlement, a completed one, and one whose window has passed (DISPUTE_WINDOW_CLOSED)', async () => {
      const settlementId = await pending();
      const before = creates();
      const unknown = await disputeSettlement(stack, { settlementId: randomUUID(), connectionId: C.nimbusMain, expectedTransfers: [] });
      assert.deepEqual(unknown.payload!.userErrors.map((e) => e.code), ['NOT_FOUND']);
      const completed = await stack.gql<{ settlements: { nodes: Array<{ id: string }> } }>(`{ settlements(first: 1, filter: { statuses: [COMPLETED] }) { nodes { id } } }`);
      const done = await disputeSettlement(stack, { settlementId: completed.data!.settlements.nodes[0]!.id, connectionId: C.nimbusMain, expectedTransfers: [] });
      assert.deepEqual(done.payload!.userErrors.map((e) => [e.code, e.field]), [['DISPUTE_WINDOW_CLOSED', ['input', 'settlementId']]]);
      // The window passes (the sandbox's clock, not a sleep): the settlement is processed, and a dispute comes too late.
      stack.sandbox.books.settlements.advance(stack.sandbox.books.settlements.disputeWindowMs + 60_000);
      finalizeDue(stack.sandbox.books);
      const late = await disputeSettlement(stack, { settlementId, connectionId: C.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-1' }] });
      assert.deepEqual(late.payload!.userErrors.map((e) => e.code), ['DISPUTE_WINDOW_CLOSED'], JSON.stringify(late));
      assert.equal(creates() - before, 0, 'nothing was signed or sent');
    });
  });
});
