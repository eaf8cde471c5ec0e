import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENTERPRISES, type V1ClientBalancesGetPayload, type V1ConnectionsGetOkPayload } from '../../src/sandbox/index.js';
import { restListAll } from '../helpers/rest.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { STANDIN_CONNECTIONS as CONNECTIONS, startConnectionsSubgraph, type StartedSubgraph } from './connections-subgraph.js';
import { startFederatedGateway, type FederatedGateway } from './federated-gateway.js';
import { composeSupergraph, SUBGRAPHS } from './supergraph.js';

const BOTH_TYPES = ['allocation', 'deallocation'] as const;

const CROSS = `{
  connections {
    id name partnerName
    allocations(first: 5) { nodes { id amount { quantity } } pageInfo { hasNextPage } }
  }
}`;

interface CrossData {
  connections: Array<{
    id: string;
    name: string;
    partnerName: string | null;
    allocations: { nodes: Array<{ id: string; amount: { quantity: string } }>; pageInfo: { hasNextPage: boolean } };
  }>;
}

interface PinnedData {
  enterprise: { name: string; connections: Array<{ partnerName: string }>; pinnedAllocations: Array<{ id: string; status: string; amount: { quantity: string } }> } | null;
}

describe('Apollo Gateway over our subgraph and a connections subgraph', () => {
  let stack: Stack;
  let connections: StartedSubgraph;
  let gateway: FederatedGateway;
  let pinned: string[] = [];

  before(async () => {
    stack = await startStack({ listen: true });
    // Read lazily: the subgraph resolves pins per request, after the test has chosen them.
    connections = await startConnectionsSubgraph({ pinnedAllocationIds: (id) => (id === stack.sandbox.enterpriseId ? pinned : []) });
    const { supergraphSdl, errors } = composeSupergraph();
    assert.equal(errors, undefined);
    gateway = await startFederatedGateway(supergraphSdl!, { [SUBGRAPHS.allocations]: stack.url, [SUBGRAPHS.connections]: connections.url });
  });
  after(async () => {
    await gateway?.close();
    await connections?.close();
    await stack?.close();
  });

  it('answers partner names from one subgraph, BitGo names and allocations from ours: one connections call, one list per connection', async () => {
    stack.sandbox.requests.reset();
    gateway.fetches.length = 0;
    const res = await gateway.gql<CrossData>(CROSS);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const upstream = stack.sandbox.requests.entries();

    const rows = res.data!.connections;
    assert.deepEqual(rows.map((c) => c.id), CONNECTIONS.map((c) => c.id));
    let nonEmpty = 0;
    for (const [i, row] of rows.entries()) {
      const demo = CONNECTIONS[i]!;
      assert.equal(row.name, demo.name);
      assert.equal(row.partnerName, ENTERPRISES.find((e) => e.id === demo.partnerId)?.name);
      const reference = await restListAll(stack.sandbox, { types: [...BOTH_TYPES], connectionIds: [demo.id] });
      const expected = reference.slice(0, 5).map((r) => ({ id: r.id, amount: { quantity: r.amount.quantity } }));
      assert.deepEqual(row.allocations.nodes, expected, demo.name);
      assert.equal(row.allocations.pageInfo.hasNextPage, reference.length > 5, demo.name);
      if (expected.length > 0) nonEmpty += 1;
    }
    assert.ok(nonEmpty >= 5, `only ${nonEmpty} connections have allocations: the check would be weak`);

    // The plan: one fetch for the list, one batched _entities fetch carrying every NetworkConnection.
    assert.deepEqual(gateway.fetches.map((f) => f.subgraph), [SUBGRAPHS.connections, SUBGRAPHS.allocations]);
    assert.equal((gateway.fetches[1]!.variables.representations as unknown[]).length, CONNECTIONS.length);
    // The references: one connections call for all of them; then each allocations page is one list call.
    const lookups = upstream.filter((e) => /\/clients\/connections$/.test(e.path));
    const lists = upstream.filter((e) => /\/clients\/allocations$/.test(e.path));
    assert.equal(lookups.length, 1, JSON.stringify(upstream.map((e) => `${e.method} ${e.path}`)));
    assert.deepEqual(lookups[0]!.query.connectionIds?.split(',').sort(), CONNECTIONS.map((c) => c.id).sort());
    assert.equal(lists.length, CONNECTIONS.length);
    assert.equal(upstream.length, 1 + CONNECTIONS.length);
    assert.deepEqual(lists.map((e) => e.query.connectionIds).sort(), CONNECTIONS.map((c) => c.id).sort());
  });

  it('resolves NetworkConnection references from the other subgraph with one upstream call, and their balances with one more', async () => {
    const direct = async <T>(path: string, query = ''): Promise<T> => {
      const r = await fetch(`${stack.sandbox.url}/api/network/v1/enterprises/${stack.sandbox.enterpriseId}/${path}${query}`, { headers: { authorization: `Bearer ${stack.sandbox.token}` } });
      assert.equal(r.status, 200);
      return (await r.json()) as T;
    };
    const { connections: wire } = await direct<V1ConnectionsGetOkPayload>('clients/connections', '?pageSize=1000');
    stack.sandbox.requests.reset();
    gateway.fetches.length = 0;

    type Refs = { enterprise: { connections: Array<{ id: string; name: string; active: boolean; partnersConnectionId: string; createdAt: string; partnerName: string }> } };
    const res = await gateway.gql<Refs>(`query($id: ID!) { enterprise(id: $id) { connections { id name active partnersConnectionId createdAt partnerName } } }`, { id: stack.sandbox.enterpriseId });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const expected = CONNECTIONS.map((c) => {
      const w = wire.find((x) => x.id === c.id)!;
      return { id: w.id, name: w.name, active: w.active, partnersConnectionId: w.partnersConnectionId, createdAt: w.createdAt, partnerName: ENTERPRISES.find((e) => e.id === c.partnerId)!.name };
    });
    assert.deepEqual(res.data!.enterprise.connections, expected);
    assert.deepEqual(gateway.fetches.map((f) => f.subgraph), [SUBGRAPHS.connections, SUBGRAPHS.allocations]);
    assert.match(gateway.fetches[1]!.query, /_entities/);
    assert.equal((gateway.fetches[1]!.variables.representations as unknown[]).length, CONNECTIONS.length);
    const upstream = stack.sandbox.requests.entries();
    assert.equal(upstream.length, 1, JSON.stringify(upstream.map((e) => `${e.method} ${e.path}`)));
    assert.match(`${upstream[0]!.method} ${upstream[0]!.path}`, /^GET \/api\/network\/v1\/enterprises\/[^/]+\/clients\/connections$/);
    assert.deepEqual(upstream[0]!.query.connectionIds?.split(',').sort(), CONNECTIONS.map((c) => c.id).sort());

    // Every connection's balances come from one balances report.
    const report = await direct<V1ClientBalancesGetPayload>('clients/balances');
    stack.sandbox.requests.reset();
    type WithBalances = { enterprise: { connections: Array<{ id: string; balances: Array<{ currency: string; available: string; held: string }> }> } };
    const withBalances = await gateway.gql<WithBalances>(`query($id: ID!) { enterprise(id: $id) { connections { id balances { currency available held } } } }`, { id: stack.sandbox.enterpriseId });
    assert.equal(withBalances.errors, undefined, JSON.stringify(withBalances.errors));
    for (const c of withBalances.data!.enterprise.connections) {
      const entry = report.networkBalances[c.id]!;
      assert.deepEqual(c.balances, Object.entries(entry.balances).map(([currency, b]) => ({ currency, available: b.available, held: b.held })));
    }
    const paths = stack.sandbox.requests.entries().map((e) => e.path.replace(/^.*\/enterprises\/[^/]+\//, ''));
    assert.deepEqual(paths.sort(), ['clients/balances', 'clients/connections']);
  });

  it('resolves Allocation stubs from the other subgraph with one _entities fetch and one upstream call', async () => {
    const all = await restListAll(stack.sandbox, { types: [...BOTH_TYPES] });
    const chosen = [all[0]!, all[41]!, all[123]!, all[299]!];
    pinned = chosen.map((r) => r.id);
    stack.sandbox.requests.reset();
    gateway.fetches.length = 0;

    const res = await gateway.gql<PinnedData>(`query($id: ID!) { enterprise(id: $id) { name connections { partnerName } pinnedAllocations { id status amount { quantity } } } }`, {
      id: stack.sandbox.enterpriseId,
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.enterprise!.name, 'Demo Client Fund');
    const own = CONNECTIONS.filter((c) => c.clientId === stack.sandbox.enterpriseId);
    assert.deepEqual(res.data!.enterprise!.connections, own.map((c) => ({ partnerName: ENTERPRISES.find((e) => e.id === c.partnerId)!.name })));
    assert.deepEqual(
      res.data!.enterprise!.pinnedAllocations,
      chosen.map((r) => ({ id: r.id, status: r.status.toUpperCase(), amount: { quantity: r.amount.quantity } })),
    );
    assert.deepEqual(gateway.fetches.map((f) => f.subgraph), [SUBGRAPHS.connections, SUBGRAPHS.allocations]);
    assert.match(gateway.fetches[1]!.query, /_entities/);
    assert.equal(stack.sandbox.requests.count(), 1);
    assert.equal(stack.sandbox.requests.entries()[0]!.query.allocationIds?.split(',').length, chosen.length);
  });

  it('serves a @shareable PageInfo from whichever subgraph owns the field', async () => {
    stack.sandbox.requests.reset();
    gateway.fetches.length = 0;
    const res = await gateway.gql<{
      connectionsPage: { nodes: Array<{ id: string; partnerName: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      allocations: { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean } };
    }>(`{
      connectionsPage(first: 3) { nodes { id partnerName } pageInfo { hasNextPage endCursor } }
      allocations(first: 2) { pageInfo { hasNextPage hasPreviousPage } }
    }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const nodes = CONNECTIONS.slice(0, 3).map((c) => ({ id: c.id, partnerName: ENTERPRISES.find((e) => e.id === c.partnerId)!.name }));
    assert.deepEqual(res.data!.connectionsPage, { nodes, pageInfo: { hasNextPage: true, endCursor: '2' } });
    assert.deepEqual(res.data!.allocations.pageInfo, { hasNextPage: true, hasPreviousPage: false });
    // Two root fields on two subgraphs: two parallel fetches; the PageInfo each returns is its own.
    assert.deepEqual(gateway.fetches.map((f) => f.subgraph).sort(), [SUBGRAPHS.allocations, SUBGRAPHS.connections]);
    assert.equal(stack.sandbox.requests.count(), 1);
  });
});
