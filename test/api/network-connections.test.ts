import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireConnection, WireConnectionListQuery } from '../../src/bitgo/wire.types.js';
import {
  DEMO_CONNECTION_IDS,
  DEMO_PENDING_CONNECTION_ID,
  HELIOS_PARTNER_ID,
  OTHER_CLIENT_ENTERPRISE_ID,
  QUANTA_PARTNER_ID,
} from '../../src/sandbox/index.js';
import { restConnections } from '../helpers/connections.js';
import { restListAll } from '../helpers/rest.js';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const FIELDS = `id name clientId partnerId networkAccountId active createdAt updatedAt proof nonce evaluationId pendingApprovalId policyResult partnersConnectionId partnersClientId initialized`;

const LIST = `
  query L($enterpriseId: ID, $view: AllocationView, $filter: NetworkConnectionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    networkConnections(enterpriseId: $enterpriseId, view: $view, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } }
      nodes { ${FIELDS} }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

type Node = Record<string, unknown> & { id: string };
interface ListData {
  networkConnections: {
    edges: Array<{ cursor: string; node: { id: string } }>;
    nodes: Node[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

/** What the GraphQL type answers for a wire record: every field, enums in GraphQL's spelling, absent ones null. */
function expectedNode(c: WireConnection): Node {
  return {
    id: c.id,
    name: c.name,
    clientId: c.clientId,
    partnerId: c.partnerId,
    networkAccountId: c.networkAccountId,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    proof: c.proof,
    nonce: c.nonce,
    evaluationId: c.evaluationId ?? null,
    pendingApprovalId: c.pendingApprovalId ?? null,
    policyResult: c.policyResult?.toUpperCase() ?? null,
    partnersConnectionId: c.partnersConnectionId,
    partnersClientId: c.partnersClientId,
    initialized: c.initialized,
  };
}

function expectError(res: GraphQLResponse<unknown>, code: string, message?: RegExp): void {
  assert.ok(res.errors && res.errors.length > 0, `expected an error, got ${JSON.stringify(res.data)}`);
  assert.equal(res.errors[0]!.extensions?.code, code, JSON.stringify(res.errors));
  if (message) assert.match(res.errors[0]!.message, message);
}

describe('networkConnections, networkConnection and Allocation.connection against the sandbox', () => {
  const stack = useStack();

  async function all(variables: Record<string, unknown>): Promise<Node[]> {
    const out: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse<ListData> = await stack.gql<ListData>(LIST, { ...variables, first: 3, after });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      out.push(...res.data!.networkConnections.nodes);
      if (!res.data!.networkConnections.pageInfo.hasNextPage) return out;
      after = res.data!.networkConnections.pageInfo.endCursor;
    }
  }

  it('answers every field of every client connection exactly as BitGo lists them, pending ones included', async () => {
    const reference = await restConnections(stack.sandbox);
    assert.ok(reference.some((c) => !c.initialized && c.partnersConnectionId === null), 'the fixture has a pending connection');
    assert.ok(reference.some((c) => c.policyResult !== undefined) && reference.some((c) => c.pendingApprovalId !== undefined));
    stack.sandbox.requests.reset();
    const res = await stack.gql<ListData>(LIST, { first: 100 });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.networkConnections.nodes, reference.map(expectedNode));
    assert.deepEqual(res.data!.networkConnections.edges.map((e) => e.node.id), reference.map((c) => c.id));
    assert.equal(res.data!.networkConnections.pageInfo.hasNextPage, false);
    const calls = stack.sandbox.requests.entries();
    assert.equal(calls.length, 1);
    assert.match(calls[0]!.path, /\/clients\/connections$/);
  });

  it('reads the partner view from BitGo\'s partner route', async () => {
    const partner = stack.sandbox.partnerEnterpriseId;
    const reference = await restConnections(stack.sandbox, {}, 'partner');
    assert.ok(reference.some((c) => c.clientId === OTHER_CLIENT_ENTERPRISE_ID), 'the partner view spans clients');
    stack.sandbox.requests.reset();
    const nodes = await all({ enterpriseId: partner, view: 'PARTNER' });
    assert.deepEqual(nodes, reference.map(expectedNode));
    for (const e of stack.sandbox.requests.entries()) assert.match(e.path, new RegExp(`/${partner}/partners/connections$`));
  });

  it('applies every filter of each view exactly as BitGo does', async () => {
    const client = await restConnections(stack.sandbox);
    const partnerView = await restConnections(stack.sandbox, {}, 'partner');
    const nimbus = partnerView.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    const cases: Array<[string, Record<string, unknown>, WireConnectionListQuery, (c: WireConnection) => boolean]> = [
      ['client', { ids: [DEMO_CONNECTION_IDS.helios, DEMO_CONNECTION_IDS.orbit.toUpperCase()] }, { connectionIds: [DEMO_CONNECTION_IDS.helios, DEMO_CONNECTION_IDS.orbit] }, (c) => c.id === DEMO_CONNECTION_IDS.helios || c.id === DEMO_CONNECTION_IDS.orbit],
      ['client', { names: ['Helios spot', 'Orbit OTC'] }, { names: ['Helios spot', 'Orbit OTC'] }, (c) => c.name === 'Helios spot' || c.name === 'Orbit OTC'],
      ['client', { partnerIds: [HELIOS_PARTNER_ID, QUANTA_PARTNER_ID] }, { partnerIds: [HELIOS_PARTNER_ID, QUANTA_PARTNER_ID] }, (c) => c.partnerId === HELIOS_PARTNER_ID || c.partnerId === QUANTA_PARTNER_ID],
      ['client', { active: false }, { active: false }, (c) => !c.active],
      ['client', { active: true, partnerIds: [HELIOS_PARTNER_ID] }, { active: true, partnerIds: [HELIOS_PARTNER_ID] }, (c) => c.active && c.partnerId === HELIOS_PARTNER_ID],
      ['partner', { clientIds: [OTHER_CLIENT_ENTERPRISE_ID] }, { clientIds: [OTHER_CLIENT_ENTERPRISE_ID] }, (c) => c.clientId === OTHER_CLIENT_ENTERPRISE_ID],
      ['partner', { partnersClientIds: [nimbus.partnersClientId] }, { partnersClientIds: [nimbus.partnersClientId!] }, (c) => c.partnersClientId === nimbus.partnersClientId],
      ['partner', { partnersConnectionIds: [nimbus.partnersConnectionId] }, { partnersConnectionIds: [nimbus.partnersConnectionId!] }, (c) => c.id === nimbus.id],
      ['partner', { ids: [nimbus.id] }, { connectionIds: [nimbus.id] }, (c) => c.id === nimbus.id],
    ];
    for (const [view, filter, wire, predicate] of cases) {
      const base = view === 'client' ? client : partnerView;
      const expected = base.filter(predicate);
      assert.ok(expected.length > 0 && expected.length < base.length, `${JSON.stringify(filter)} selects some but not all`);
      const scope = view === 'client' ? {} : { enterpriseId: stack.sandbox.partnerEnterpriseId, view: 'PARTNER' };
      const nodes = await all({ ...scope, filter });
      assert.deepEqual(nodes, expected.map(expectedNode), JSON.stringify(filter));
      const reference = await restConnections(stack.sandbox, wire, view as 'client' | 'partner');
      assert.deepEqual(nodes.map((n) => n.id), reference.map((c) => c.id), JSON.stringify(filter));
    }
  });

  it('refuses filters the view\'s route does not take, and malformed ones, before any upstream call', async () => {
    stack.sandbox.requests.reset();
    expectError(await stack.gql(LIST, { filter: { clientIds: [OTHER_CLIENT_ENTERPRISE_ID] } }), 'BAD_USER_INPUT', /clientIds is only available in the PARTNER view/);
    expectError(await stack.gql(LIST, { filter: { partnersConnectionIds: ['x'] } }), 'BAD_USER_INPUT', /PARTNER view/);
    expectError(await stack.gql(LIST, { view: 'PARTNER', enterpriseId: stack.sandbox.partnerEnterpriseId, filter: { names: ['Nimbus main'] } }), 'BAD_USER_INPUT', /names is only available in the CLIENT view/);
    expectError(await stack.gql(LIST, { filter: { ids: ['not-a-uuid'] } }), 'BAD_USER_INPUT', /UUID/);
    expectError(await stack.gql(LIST, { filter: { names: [] } }), 'BAD_USER_INPUT', /names/);
    expectError(await stack.gql(LIST, { first: 101 }), 'BAD_USER_INPUT', /first/);
    expectError(await stack.gql(LIST, { first: 1, last: 1 }), 'BAD_USER_INPUT', /either/);
    expectError(await stack.gql(`{ networkConnection(id: "nope") { id } }`), 'BAD_USER_INPUT', /UUID/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('pages forward and backward with Relay cursors bound to the list, filter, view and enterprise', async () => {
    const reference = (await restConnections(stack.sandbox)).map((c) => c.id);
    const page = (v: Record<string, unknown>) => stack.gql<ListData>(LIST, v);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse<ListData> = await page({ first: 2, after });
      forward.push(...res.data!.networkConnections.nodes.map((n) => n.id));
      assert.equal(res.data!.networkConnections.pageInfo.hasPreviousPage, after !== null);
      if (!res.data!.networkConnections.pageInfo.hasNextPage) break;
      after = res.data!.networkConnections.pageInfo.endCursor;
    }
    assert.deepEqual(forward, reference);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const res: GraphQLResponse<ListData> = await page({ last: 2, before });
      backward.unshift(...res.data!.networkConnections.nodes.map((n) => n.id));
      if (!res.data!.networkConnections.pageInfo.hasPreviousPage) break;
      before = res.data!.networkConnections.pageInfo.startCursor;
    }
    assert.deepEqual(backward, reference);

    const first = await page({ first: 2 });
    const cursor = first.data!.networkConnections.pageInfo.endCursor;
    const allocations = await stack.gql<{ allocations: { pageInfo: { endCursor: string } } }>(`{ allocations(first: 2) { pageInfo { endCursor } } }`);
    const allocationCursor = allocations.data!.allocations.pageInfo.endCursor;
    stack.sandbox.requests.reset();
    expectError(await page({ first: 2, after: cursor, filter: { active: true } }), 'BAD_USER_INPUT', /different filter/);
    expectError(await page({ first: 2, after: cursor, view: 'PARTNER', enterpriseId: stack.sandbox.partnerEnterpriseId }), 'BAD_USER_INPUT', /different filter/);
    expectError(await page({ first: 2, after: allocationCursor }), 'BAD_USER_INPUT', /different filter/);
    expectError(await stack.gql(`query($a: String) { allocations(first: 2, after: $a) { nodes { id } } }`, { a: cursor }), 'BAD_USER_INPUT', /different filter/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('counts networkConnections lists in the per-operation budget, with allocations lists', async () => {
    stack.sandbox.requests.reset();
    const eleven = `{ ${Array.from({ length: 11 }, (_, i) => `c${i}: networkConnections(first: 1) { nodes { id } }`).join(' ')} }`;
    const res = await stack.gql(eleven);
    assert.equal(res.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(res.errors![0]!.message, /at most 10 `allocations`, `networkConnections` and `partners` lists/);
    const mixed = `{ ${Array.from({ length: 6 }, (_, i) => `c${i}: networkConnections(first: 1) { nodes { id } }`).join(' ')} ${Array.from({ length: 5 }, (_, i) => `a${i}: allocations(first: 1) { nodes { id } }`).join(' ')} }`;
    assert.equal((await stack.gql(mixed)).errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(stack.sandbox.requests.count(), 0);
    const ten = await stack.gql(`{ ${Array.from({ length: 10 }, (_, i) => `c${i}: networkConnections(first: 1) { nodes { id } }`).join(' ')} }`);
    assert.equal(ten.errors, undefined, JSON.stringify(ten.errors));
  });

  it('batches N networkConnection(id) lookups into one upstream call, null for unknown ids', async () => {
    const reference = await restConnections(stack.sandbox);
    const missing = '00000000-0000-4000-8000-000000000000';
    const ids = [...reference.map((c) => c.id), missing, reference[1]!.id.toUpperCase()];
    const query = `{ ${ids.map((id, i) => `c${i}: networkConnection(id: "${id}") { ${FIELDS} }`).join(' ')} }`;
    stack.sandbox.requests.reset();
    const res = await stack.gql<Record<string, Node | null>>(query);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    reference.forEach((c, i) => assert.deepEqual(res.data![`c${i}`], expectedNode(c)));
    assert.equal(res.data![`c${reference.length}`], null);
    assert.deepEqual(res.data![`c${reference.length + 1}`], expectedNode(reference[1]!));
    const calls = stack.sandbox.requests.entries();
    assert.equal(calls.length, 1, `${ids.length} lookups made ${calls.length} upstream calls`);
    assert.match(calls[0]!.path, /\/clients\/connections$/);
    assert.deepEqual(calls[0]!.query.connectionIds!.split(',').sort(), [...reference.map((c) => c.id), missing].sort());
  });

  it('resolves Allocation.connection for a whole page with one batched upstream call', async () => {
    const reference = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'] });
    const connections = await restConnections(stack.sandbox);
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ allocations: { nodes: Array<{ id: string; connectionId: string; connection: { id: string; name: string; active: boolean } | null }> } }>(
      `{ allocations(first: 100) { nodes { id connectionId connection { id name active } } } }`,
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const nodes = res.data!.allocations.nodes;
    assert.deepEqual(nodes.map((n) => n.id), reference.slice(0, 100).map((r) => r.id));
    for (const n of nodes) {
      const c = connections.find((x) => x.id === n.connectionId)!;
      assert.deepEqual(n.connection, { id: c.id, name: c.name, active: c.active });
    }
    const distinct = new Set(nodes.map((n) => n.connectionId));
    assert.ok(distinct.size >= 4, 'the page spans several connections');
    const calls = stack.sandbox.requests.entries();
    assert.deepEqual(calls.map((c) => c.path.replace(/^.*\/enterprises\/[^/]+\//, '')), ['clients/allocations', 'clients/connections']);
    assert.deepEqual(calls[1]!.query.connectionIds!.split(',').sort(), [...distinct].sort());
  });

  it('reads further in the scope a record was read in: a partner\'s connections, their allocations, their allocations\' connection', async () => {
    const partner = stack.sandbox.partnerEnterpriseId;
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ networkConnections: { nodes: Array<{ id: string; allocations: { nodes: Array<{ connectionId: string; connection: { id: string } }> } }> } }>(
      `query($e: ID) { networkConnections(enterpriseId: $e, view: PARTNER, first: 10) { nodes { id allocations(first: 3) { nodes { connectionId connection { id } } } } } }`,
      { e: partner },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const nodes = res.data!.networkConnections.nodes;
    assert.ok(nodes.some((n) => n.allocations.nodes.length > 0));
    for (const n of nodes) for (const a of n.allocations.nodes) assert.deepEqual(a, { connectionId: n.id, connection: { id: n.id } });
    const paths = stack.sandbox.requests.entries().map((e) => e.path);
    assert.ok(paths.length > 0);
    for (const p of paths) assert.match(p, new RegExp(`/enterprises/${partner}/partners/(connections|allocations)$`), p);
    // The pending connection is the demo client's: the partner's view never shows it.
    assert.ok(!nodes.some((n) => n.id === DEMO_PENDING_CONNECTION_ID));
  });
});
