import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { WireAllocation } from '../../src/bitgo/wire.types.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { restListAll } from '../helpers/rest.js';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const QUERY = `
  query P($filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $last: Int, $before: String) {
    allocations(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  allocations: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };
}

// Few distinct values on purpose, so that sort keys and createdAt tie often.
const CONNECTIONS = [DEMO_CONNECTION_IDS.helios, DEMO_CONNECTION_IDS.quanta, DEMO_CONNECTION_IDS.orbit];
const CURRENCIES = ['ofctbtc', 'ofcteth', 'ofctusdt'];
const QUANTITIES = ['1', '2', '10', '9007199254740993', '9007199254740992', '123456789012345678901234567890'];
const DATES = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z', '2026-02-01T12:00:00.000Z', '2026-03-15T08:30:00.000Z'];

const record = fc.record({
  id: fc.uuid({ version: 4 }),
  type: fc.constantFrom('allocation' as const, 'deallocation' as const),
  status: fc.constantFrom('cleared' as const, 'released' as const, 'reserved' as const),
  connectionId: fc.constantFrom(...CONNECTIONS),
  currency: fc.constantFrom(...CURRENCIES),
  quantity: fc.constantFrom(...QUANTITIES),
  createdAt: fc.constantFrom(...DATES),
  updatedAt: fc.constantFrom(...DATES),
});

const scenario = fc.record({
  rows: fc.uniqueArray(record, { maxLength: 260, size: 'max', selector: (r) => r.id }),
  orderBy: fc.option(
    fc.record({ field: fc.constantFrom('ID', 'UPDATED_AT', 'QUANTITY', 'CURRENCY'), direction: fc.constantFrom('ASC', 'DESC') }),
    { nil: undefined },
  ),
  statuses: fc.option(fc.subarray(['CLEARED', 'RELEASED', 'RESERVED'], { minLength: 1 }), { nil: undefined }),
  currencies: fc.option(fc.subarray(CURRENCIES, { minLength: 1 }), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 60 }),
  // Two cut points for windows between an `after` and a `before` cursor.
  cuts: fc.tuple(fc.nat(), fc.nat()),
});

function wire(r: { id: string; type: WireAllocation['type']; status: WireAllocation['status']; connectionId: string; currency: string; quantity: string; createdAt: string; updatedAt: string }): WireAllocation {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    amount: { currency: r.currency, quantity: r.quantity },
    connectionId: r.connectionId,
    clientExternalId: `p-${r.id}`,
    initiatedBy: 'property-test',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    retriable: false,
    reason: r.status === 'cleared' ? null : 'property test',
  };
}

describe('Relay paging over random upstream data (property)', () => {
  // A small upstream page makes `last` gallop and bisect over lists of this size.
  const stack = useStack({ env: { BITGO_MAX_PAGE_SIZE: '101' } });

  async function page(variables: Record<string, unknown>): Promise<Page['allocations']> {
    const res: GraphQLResponse<Page> = await stack.gql<Page>(QUERY, variables);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.allocations;
  }

  async function edges(vars: Record<string, unknown>, total: number): Promise<Array<{ cursor: string }>> {
    const out: Array<{ cursor: string }> = [];
    let after: string | null = null;
    while (out.length < total) {
      const res: GraphQLResponse<{ allocations: { edges: Array<{ cursor: string }>; pageInfo: { endCursor: string } } }> = await stack.gql(
        `query($filter: AllocationFilter, $orderBy: AllocationOrder, $after: String) { allocations(filter: $filter, orderBy: $orderBy, first: 100, after: $after) { edges { cursor } pageInfo { endCursor } } }`,
        { ...vars, after },
      );
      out.push(...res.data!.allocations.edges);
      after = res.data!.allocations.pageInfo.endCursor;
    }
    return out;
  }

  it('forward and backward each yield exactly the upstream list, at most two upstream calls per cursor page', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { sandbox } = stack;
        sandbox.books.replaceRecords(sandbox.enterpriseId, s.rows.map(wire));
        const filter = { ...(s.statuses ? { statuses: s.statuses } : {}), ...(s.currencies ? { currencies: s.currencies } : {}) };
        const vars = { filter, orderBy: s.orderBy };
        const reference = (
          await restListAll(sandbox, {
            types: ['allocation', 'deallocation'],
            statuses: s.statuses?.map((x) => x.toLowerCase() as WireAllocation['status']),
            currencies: s.currencies,
            sortField: s.orderBy ? ({ ID: 'id', UPDATED_AT: 'updatedAt', QUANTITY: 'quantity', CURRENCY: 'currency' } as const)[s.orderBy.field as 'ID'] : undefined,
            sortDirection: s.orderBy?.direction as 'ASC' | 'DESC' | undefined,
          })
        ).map((r) => r.id);

        const forward: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 1000; guard++) {
          sandbox.requests.reset();
          const p = await page({ ...vars, first: s.pageSize, after });
          if (after !== null) assert.ok(sandbox.requests.count() <= 2, `forward cursor page took ${sandbox.requests.count()} calls`);
          forward.push(...p.nodes.map((n) => n.id));
          if (!p.pageInfo.hasNextPage) break;
          after = p.pageInfo.endCursor;
        }
        assert.deepEqual(forward, reference);

        const backward: string[] = [];
        let before: string | null = null;
        for (let guard = 0; guard < 1000; guard++) {
          sandbox.requests.reset();
          const p = await page({ ...vars, last: s.pageSize, before });
          if (before !== null) assert.ok(sandbox.requests.count() <= 2, `backward cursor page took ${sandbox.requests.count()} calls`);
          backward.unshift(...p.nodes.map((n) => n.id));
          if (!p.pageInfo.hasPreviousPage) break;
          before = p.pageInfo.startCursor;
        }
        assert.deepEqual(backward, reference);

        // Between two cursors, both ways: exactly the rows strictly between them.
        if (reference.length >= 2) {
          const cursors = (await edges(vars, reference.length)).map((e) => e.cursor);
          const [x, y] = [s.cuts[0] % cursors.length, s.cuts[1] % cursors.length].sort((m, n) => m - n) as [number, number];
          const between = reference.slice(x + 1, y);
          const fwd = await page({ ...vars, first: 100, after: cursors[x], before: cursors[y] });
          assert.deepEqual(fwd.nodes.map((n) => n.id), between.slice(0, 100));
          assert.equal(fwd.pageInfo.hasNextPage, between.length > 100);
          const bwd = await page({ ...vars, last: s.pageSize, after: cursors[x], before: cursors[y] });
          assert.deepEqual(bwd.nodes.map((n) => n.id), between.slice(-s.pageSize));
          assert.equal(bwd.pageInfo.hasPreviousPage, between.length > s.pageSize);
        }
      }),
      { numRuns: 40 },
    );
  });
});
