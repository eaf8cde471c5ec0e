import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WireAllocation, WireListQuery } from '../../src/bitgo/wire.types.js';
import { DEMO_CONNECTION_IDS, HELIOS_PARTNER_ID } from '../../src/sandbox/index.js';
import { restListAll } from '../helpers/rest.js';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const PAGE = `
  query Page($filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $view: AllocationView) {
    allocations(filter: $filter, orderBy: $orderBy, first: $first, after: $after, view: $view) {
      edges { cursor node { id } }
      nodes { id type status connectionId createdAt updatedAt amount { currency quantity } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface PageData {
  allocations: {
    edges: Array<{ cursor: string; node: { id: string } }>;
    nodes: Array<{ id: string; type: string; status: string; connectionId: string; createdAt: string; updatedAt: string; amount: { currency: string; quantity: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

describe('allocations query against the sandbox', () => {
  const stack = useStack();

  async function walk(variables: Record<string, unknown>): Promise<PageData['allocations']['nodes']> {
    const out: PageData['allocations']['nodes'] = [];
    let cursor: string | null = null;
    for (;;) {
      const res: GraphQLResponse<PageData> = await stack.gql<PageData>(PAGE, { ...variables, first: 100, after: cursor });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const page = res.data!.allocations;
      out.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return out;
      cursor = page.pageInfo.endCursor;
    }
  }

  it('answers the first 25 with every field, quantities as strings and ISO dates', async () => {
    const res = await stack.gql<PageData>(`{ allocations { edges { cursor node { id } } nodes { id type status amount { currency quantity } connectionId clientExternalId partnerExternalId initiatedBy notes createdAt updatedAt retriable evaluationId pendingApprovalId policyResult reason } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);
    assert.equal(res.errors, undefined);
    const { edges, nodes, pageInfo } = res.data!.allocations;
    assert.equal(nodes.length, 25);
    assert.deepEqual(edges.map((e) => e.node.id), nodes.map((n) => n.id));
    assert.equal(pageInfo.hasNextPage, true);
    assert.equal(pageInfo.hasPreviousPage, false);
    assert.equal(pageInfo.startCursor, edges[0]!.cursor);
    assert.equal(pageInfo.endCursor, edges[24]!.cursor);
    for (const n of nodes) {
      assert.equal(typeof n.amount.quantity, 'string');
      assert.match(n.amount.quantity, /^[1-9][0-9]*$/);
      assert.match(n.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.match(n.type, /^(ALLOCATION|DEALLOCATION)$/);
    }
  });

  it('reproduces the upstream order for every sort field and direction, quantity as big integers', async () => {
    for (const field of ['ID', 'UPDATED_AT', 'QUANTITY', 'CURRENCY'] as const) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const nodes = await walk({ orderBy: { field, direction } });
        const sortField = ({ ID: 'id', UPDATED_AT: 'updatedAt', QUANTITY: 'quantity', CURRENCY: 'currency' } as const)[field];
        const reference = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'], sortField, sortDirection: direction });
        assert.deepEqual(nodes.map((n) => n.id), reference.map((r) => r.id), `${field} ${direction}`);
        for (let i = 1; i < nodes.length; i++) {
          const a = nodes[i - 1]!;
          const b = nodes[i]!;
          const key = (n: typeof a) =>
            field === 'QUANTITY' ? BigInt(n.amount.quantity) : field === 'ID' ? n.id : field === 'CURRENCY' ? n.amount.currency : n.updatedAt;
          const ka = key(a);
          const kb = key(b);
          if (ka === kb) {
            // BitGo's final tie-break stays ascending whatever the direction.
            assert.ok(a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id), `tie-break at ${i} for ${field} ${direction}`);
          } else {
            assert.equal(direction === 'ASC' ? ka < kb : ka > kb, true, `order at ${i} for ${field} ${direction}`);
          }
        }
      }
    }
  });

  it('applies every filter exactly as BitGo does', async () => {
    const all = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'] });
    const someIds = [all[3]!.id, all[77]!.id, all[301]!.id];
    const cases: Array<[Record<string, unknown>, WireListQuery, (r: WireAllocation) => boolean]> = [
      [{ ids: someIds }, { allocationIds: someIds }, (r) => someIds.includes(r.id)],
      [{ types: ['DEALLOCATION'] }, { types: ['deallocation'] }, (r) => r.type === 'deallocation'],
      [{ statuses: ['RESERVED', 'RELEASED'] }, { statuses: ['reserved', 'released'] }, (r) => r.status !== 'cleared'],
      [{ currencies: ['ofcteth'] }, { currencies: ['ofcteth'] }, (r) => r.amount.currency === 'ofcteth'],
      [{ connectionIds: [DEMO_CONNECTION_IDS.helios] }, { connectionIds: [DEMO_CONNECTION_IDS.helios] }, (r) => r.connectionId === DEMO_CONNECTION_IDS.helios],
      [
        { partnerIds: [HELIOS_PARTNER_ID] },
        { partnerIds: [HELIOS_PARTNER_ID] },
        (r) => r.connectionId === DEMO_CONNECTION_IDS.helios || r.connectionId === DEMO_CONNECTION_IDS.heliosLegacyInactive,
      ],
      [{ trustOrg: 'BITGO_GERMANY' }, { trustOrg: 'BitGo Germany' }, (r) => r.connectionId === DEMO_CONNECTION_IDS.quanta],
      [
        { createdOnOrAfter: '2026-03-01T00:00:00.000Z', createdBefore: '2026-04-01T00:00:00.000Z' },
        { createdOnOrAfter: '2026-03-01T00:00:00.000Z', createdBefore: '2026-04-01T00:00:00.000Z' },
        (r) => r.createdAt >= '2026-03-01T00:00:00.000Z' && r.createdAt <= '2026-04-01T00:00:00.000Z',
      ],
    ];
    for (const [filter, wire, predicate] of cases) {
      const nodes = await walk({ filter });
      const expected = all.filter(predicate).map((r) => r.id);
      assert.ok(expected.length > 0, `fixture has rows for ${JSON.stringify(filter)}`);
      assert.ok(expected.length < all.length, `filter ${JSON.stringify(filter)} filters something`);
      assert.deepEqual(nodes.map((n) => n.id), expected, JSON.stringify(filter));
      const reference = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'], ...wire });
      assert.deepEqual(nodes.map((n) => n.id), reference.map((r) => r.id));
    }
  });

  it('reads the partner view, with its clientIds filter', async () => {
    const partner = stack.sandbox.partnerEnterpriseId;
    const res = await stack.gql<PageData>(`query($e: ID) { allocations(enterpriseId: $e, view: PARTNER, first: 100, filter: { clientIds: ["${stack.sandbox.enterpriseId}"] }) { nodes { id connectionId } } }`, { e: partner });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const nodes = res.data!.allocations.nodes;
    assert.ok(nodes.length > 0);
    const mine = new Set<string>([DEMO_CONNECTION_IDS.nimbusMain, DEMO_CONNECTION_IDS.nimbusSecondary]);
    for (const n of nodes) assert.ok(mine.has(n.connectionId));
  });

  it('makes at most two upstream calls for a deep cursor page and never reads earlier pages', async () => {
    const first = await stack.gql<PageData>(PAGE, { first: 100 });
    let cursor = first.data!.allocations.pageInfo.endCursor;
    for (let i = 0; i < 3; i++) {
      const next = await stack.gql<PageData>(PAGE, { first: 100, after: cursor });
      cursor = next.data!.allocations.pageInfo.endCursor;
    }
    stack.sandbox.requests.reset();
    const deep = await stack.gql<PageData>(PAGE, { first: 37, after: cursor });
    assert.equal(deep.data!.allocations.nodes.length, 37);
    const calls = stack.sandbox.requests.entries({ method: 'GET' });
    assert.ok(calls.length >= 1 && calls.length <= 2, `${calls.length} calls`);
    for (const c of calls) assert.ok(Number(c.query.pageNumber) * Number(c.query.pageSize) + Number(c.query.pageSize) > 400, 'no earlier page read');
  });

  it('finds the last page with `last` in O(log n) calls and pages backward from it', async () => {
    const reference = (await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'] })).map((r) => r.id);
    const LAST = `query($before: String) { allocations(last: 10, before: $before) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }`;
    type Last = { allocations: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string } } };
    stack.sandbox.requests.reset();
    const res = await stack.gql<Last>(LAST);
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data!.allocations.nodes.map((n) => n.id), reference.slice(-10));
    assert.equal(res.data!.allocations.pageInfo.hasNextPage, false);
    assert.equal(res.data!.allocations.pageInfo.hasPreviousPage, true);
    const calls = stack.sandbox.requests.count({ method: 'GET' });
    assert.ok(calls <= 2 * Math.ceil(Math.log2(reference.length)) + 2, `${calls} calls for ${reference.length} rows`);
    let before = res.data!.allocations.pageInfo.startCursor;
    for (let page = 2; page <= 4; page++) {
      stack.sandbox.requests.reset();
      const back = await stack.gql<Last>(LAST, { before });
      assert.deepEqual(back.data!.allocations.nodes.map((n) => n.id), reference.slice(-10 * page, -10 * (page - 1)));
      assert.ok(stack.sandbox.requests.count() <= 2, 'a page before a cursor costs at most two calls');
      before = back.data!.allocations.pageInfo.startCursor;
    }
  });

  it('batches N allocation(id) lookups in one operation into one upstream call', async () => {
    const all = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'] });
    const ids = all.slice(10, 30).map((r) => r.id);
    const missing = '00000000-0000-4000-8000-000000000000';
    const query = `{ ${[...ids, missing].map((id, i) => `a${i}: allocation(id: "${id}") { id amount { quantity } }`).join(' ')} }`;
    stack.sandbox.requests.reset();
    const res = await stack.gql<Record<string, { id: string } | null>>(query);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    ids.forEach((id, i) => assert.equal(res.data![`a${i}`]!.id, id));
    assert.equal(res.data![`a${ids.length}`], null);
    assert.equal(stack.sandbox.requests.count(), 1);
  });
});
