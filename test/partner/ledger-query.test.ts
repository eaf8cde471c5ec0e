import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/common/logger.js';
import { createGateway } from '../../src/gateway.js';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, OTHER_CLIENT_ENTERPRISE_ID, OTHER_CONNECTION_IDS, SANDBOX_READONLY_TOKEN, startSandbox } from '../../src/sandbox/index.js';
import type { PartnerRequest } from '../../src/store/partner-ledger.store.js';
import { engines } from '../store/engines.js';
import { bodyText, reservation, startPartnerStack, type PartnerStack } from './helpers.js';

const LIST = `
  query List($filter: PartnerAllocationRequestFilter, $first: Int, $after: String, $last: Int, $before: String, $enterpriseId: ID) {
    partnerAllocationRequests(enterpriseId: $enterpriseId, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id type status amount { currency quantity } clientId connectionId partnersConnectionId partnersClientId
        partnersAllocationId rejectReason receivedAt clearedAt updatedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  partnerAllocationRequests: {
    edges: Array<{ cursor: string; node: { id: string; type: string; status: string; amount: { quantity: string }; receivedAt: string; clearedAt: string | null } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const newestFirst = (a: PartnerRequest, b: PartnerRequest) => b.receivedAt.getTime() - a.receivedAt.getTime() || (b.id > a.id ? 1 : -1);

for (const engine of engines) {
  describe(`partnerAllocationRequests on ${engine.name}`, () => {
    let s: PartnerStack;
    const ids: string[] = [];
    before(async () => {
      s = await startPartnerStack(engine);
      // Seven requests from BitGo: allocations and deallocations, over two connections and two clients, some settled.
      for (let i = 0; i < 7; i++) {
        const type = i % 3 === 2 ? 'deallocation' : 'allocation';
        const other = i % 2 === 1;
        const body = reservation(
          {
            amount: { currency: 'ofctbtc', quantity: String(1000 + i) },
            ...(other ? { clientId: OTHER_CLIENT_ENTERPRISE_ID, connectionId: OTHER_CONNECTION_IDS.beaconNimbus } : {}),
          },
          type,
        );
        const res = await s.call('POST', `/bitgo/v1/${type}s`, bodyText(body));
        assert.equal(res.status, 200, res.text);
        ids.push(body[`${type}Id`] as string);
      }
      await s.call('PUT', `/bitgo/v1/allocation/${ids[0]}/clear`);
      await s.gateway.partnerLedger!.settle(ids[1]!, { status: 'released', rejectReason: 'limits' });
    });
    after(async () => {
      await s?.close();
    });

    const list = (variables: Record<string, unknown>, headers?: Record<string, string>) => s.gql<Page>(LIST, variables, headers);
    const expected = async (match: (row: PartnerRequest) => boolean = () => true) =>
      (await Promise.all(ids.map((id) => s.gateway.partnerLedger!.find(id)))).filter((r): r is PartnerRequest => !!r && match(r)).sort(newestFirst).map((r) => r.id);

    it('lists every request newest first, pages forward and back with keyset cursors', async () => {
      const all = await expected();
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const res = await list({ first: 3, after });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const page = res.data!.partnerAllocationRequests;
        seen.push(...page.edges.map((e) => e.node.id));
        assert.equal(page.pageInfo.hasPreviousPage, after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      assert.deepEqual(seen, all);
      const back: string[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: Page['partnerAllocationRequests'] = (await list({ last: 2, before })).data!.partnerAllocationRequests;
        back.unshift(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      assert.deepEqual(back, all);
      // A request received after a cursor was issued does not shift the next page (keyset, not offset).
      const first = (await list({ first: 2 })).data!.partnerAllocationRequests;
      const newer = reservation();
      assert.equal((await s.call('POST', '/bitgo/v1/allocations', bodyText(newer))).status, 200);
      const next = (await list({ first: 2, after: first.pageInfo.endCursor })).data!.partnerAllocationRequests;
      assert.deepEqual(next.edges.map((e) => e.node.id), all.slice(2, 4));
      ids.push(newer.allocationId as string);
    });

    it('filters by type, status, connection, client and receivedAt; shows amounts and settlement as stored', async () => {
      const ofType = await list({ first: 50, filter: { types: ['DEALLOCATION'] } });
      assert.deepEqual(ofType.data!.partnerAllocationRequests.edges.map((e) => e.node.id), await expected((r) => r.type === 'deallocation'));
      const cleared = (await list({ first: 50, filter: { statuses: ['CLEARED'] } })).data!.partnerAllocationRequests.edges;
      assert.deepEqual(cleared.map((e) => e.node.id), [ids[0]]);
      assert.ok(cleared[0]!.node.clearedAt);
      const released = (await list({ first: 50, filter: { statuses: ['RELEASED'] } })).data!.partnerAllocationRequests.edges;
      assert.deepEqual(released.map((e) => (e.node as unknown as { rejectReason: string }).rejectReason), ['limits']);
      const beacon = await list({ first: 50, filter: { connectionIds: [OTHER_CONNECTION_IDS.beaconNimbus.toUpperCase()] } });
      assert.deepEqual(beacon.data!.partnerAllocationRequests.edges.map((e) => e.node.id), await expected((r) => r.connectionId === OTHER_CONNECTION_IDS.beaconNimbus));
      const demo = await list({ first: 50, filter: { clientIds: [DEMO_CLIENT_ENTERPRISE_ID] } });
      assert.deepEqual(demo.data!.partnerAllocationRequests.edges.map((e) => e.node.id), await expected((r) => r.clientId === DEMO_CLIENT_ENTERPRISE_ID));
      const rows = await Promise.all(ids.map((id) => s.gateway.partnerLedger!.find(id)));
      const pivot = rows.map((r) => r!.receivedAt).sort((a, b) => a.getTime() - b.getTime())[3]!;
      const since = await list({ first: 50, filter: { receivedOnOrAfter: pivot.toISOString() } });
      assert.deepEqual(since.data!.partnerAllocationRequests.edges.map((e) => e.node.id), await expected((r) => r.receivedAt >= pivot));
      const until = await list({ first: 50, filter: { receivedBefore: pivot.toISOString() } });
      assert.deepEqual(until.data!.partnerAllocationRequests.edges.map((e) => e.node.id), await expected((r) => r.receivedAt < pivot));
      const quantities = (await list({ first: 50 })).data!.partnerAllocationRequests.edges.map((e) => e.node.amount.quantity);
      assert.ok(quantities.every((q) => /^[0-9]+$/.test(q)));
    });

    it('bad arguments and foreign cursors are BAD_USER_INPUT naming the argument', async () => {
      const first = (await list({ first: 1 })).data!.partnerAllocationRequests;
      const other = await list({ first: 1, after: first.pageInfo.endCursor, filter: { statuses: ['RESERVED'] } });
      assert.equal(other.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(other.errors?.[0]?.extensions?.field, ['after']);
      const forged = await list({ first: 1, after: Buffer.from('k1.1.YQ.x.y').toString('base64url') });
      assert.deepEqual(forged.errors?.[0]?.extensions?.field, ['after']);
      const both = await list({ first: 1, last: 1 });
      assert.equal(both.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const tooMany = await list({ first: 101 });
      assert.equal(tooMany.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const badId = await list({ first: 1, filter: { connectionIds: ['nope'] } });
      assert.equal(badId.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const window = await list({ first: 1, filter: { receivedOnOrAfter: '2026-02-01T00:00:00Z', receivedBefore: '2026-01-01T00:00:00Z' } });
      assert.deepEqual(window.errors?.[0]?.extensions?.field, ['filter', 'receivedOnOrAfter']);
    });

    it('needs a token BitGo accepts for the partner enterprise: one cheap check, remembered per token', async () => {
      const checks = () => s.sandbox.requests.entries({ method: 'GET', path: /\/partners\/allocations$/ }).filter((e) => e.query.pageSize === '1' && !e.query.allocationIds).length;
      const before = checks();
      assert.equal((await list({ first: 1 }, { authorization: `Bearer ${SANDBOX_READONLY_TOKEN}` })).errors, undefined);
      assert.equal((await list({ first: 1 }, { authorization: `Bearer ${SANDBOX_READONLY_TOKEN}` })).errors, undefined);
      assert.equal(checks() - before, 1, 'the second read within a minute asks BitGo nothing');
      const unknown = await list({ first: 1 }, { authorization: 'Bearer not-a-bitgo-token' });
      assert.equal(unknown.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(unknown.data, null);
      s.sandbox.books.addToken('client-only-token', { enterprises: [DEMO_CLIENT_ENTERPRISE_ID], scopes: ['settlement_network_read'] });
      const clientOnly = await list({ first: 1 }, { authorization: 'Bearer client-only-token' });
      assert.equal(clientOnly.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.match(clientOnly.errors![0]!.message, /partner ledger/);
      const otherEnterprise = await list({ first: 1, enterpriseId: DEMO_CLIENT_ENTERPRISE_ID });
      assert.deepEqual(otherEnterprise.data!.partnerAllocationRequests.edges, [], 'another enterprise\'s ledger is its own (empty here)');
    });

    it('`allocation` is BitGo\'s record, read for the whole page in one batched call', async () => {
      // Real records: the client allocates to Nimbus and the sandbox calls this gateway as BitGo would.
      s.sandbox.partnerWebhooks.setUrl(s.webhookUrl);
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await s.gql<{ allocate: { allocation: { id: string; status: string } } }>(
          `mutation { allocate(input: { connectionId: "${DEMO_CONNECTION_IDS.nimbusMain}", amount: { currency: "ofctbtc", quantity: "${500 + i}" } }) { allocation { id status } } }`,
        );
        assert.equal(res.data!.allocate.allocation.status, 'RESERVED');
        made.push(res.data!.allocate.allocation.id);
      }
      await s.sandbox.partnerWebhooks.idle();
      s.sandbox.partnerWebhooks.setUrl(undefined);
      const lookups = () => s.sandbox.requests.entries({ method: 'GET', path: /\/partners\/allocations$/ }).filter((e) => e.query.allocationIds).length;
      const before = lookups();
      const res = await s.gql<{ partnerAllocationRequests: { nodes: Array<{ id: string; allocation: { id: string; status: string; amount: { quantity: string } } | null }> } }>(
        `{ partnerAllocationRequests(first: 6) { nodes { id allocation { id status amount { quantity } } } } }`,
      );
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const nodes = res.data!.partnerAllocationRequests.nodes;
      assert.deepEqual(nodes.slice(0, 3).map((n) => n.id), [...made].reverse());
      for (const node of nodes.slice(0, 3)) assert.equal(node.allocation?.status, 'RESERVED');
      assert.deepEqual(nodes.slice(0, 3).map((n) => n.allocation?.amount.quantity), ['502', '501', '500']);
      for (const node of nodes.slice(3)) assert.equal(node.allocation, null, 'BitGo has no record of the test\'s own requests');
      assert.equal(lookups() - before, 1, 'one BitGo list call for the page');
    });
  });
}

describe('partnerAllocationRequests on a gateway that keeps no ledger', () => {
  it('answers NOT_FOUND saying how to turn the partner side on', async () => {
    const sandbox = await startSandbox();
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', READ_CACHE: 'false' }), bitgoBaseUrl: sandbox.url, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId } as Config & { bitgoBaseUrl: string };
    const gateway = await createGateway({ config, logger: createLogger('silent') });
    try {
      assert.equal(gateway.partnerLedger, undefined);
      const res = await gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ partnerAllocationRequests { nodes { id } } }' }) });
      const body = res.json() as { errors: Array<{ message: string; extensions: { code: string } }> };
      assert.equal(body.errors[0]!.extensions.code, 'NOT_FOUND');
      assert.match(body.errors[0]!.message, /BITGO_WEBHOOK_PUBLIC_KEY/);
      const webhook = await gateway.app.inject({ method: 'POST', url: '/bitgo/v1/allocations', payload: '{}' });
      assert.equal(webhook.statusCode, 404, 'no partner routes without a key');
    } finally {
      await gateway.close();
      await sandbox.close();
    }
  });
});
