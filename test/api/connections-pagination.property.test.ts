import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HELIOS_PARTNER_ID, ORBIT_PARTNER_ID, QUANTA_PARTNER_ID } from '../../src/sandbox/index.js';
import { freshClient, restConnections } from '../helpers/connections.js';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const QUERY = `
  query P($e: ID, $filter: NetworkConnectionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    networkConnections(enterpriseId: $e, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

interface Page {
  networkConnections: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };
}

// Few distinct values on purpose, so that creation times tie often (BitGo then orders by id).
const PARTNERS = [HELIOS_PARTNER_ID, QUANTA_PARTNER_ID, ORBIT_PARTNER_ID];
const NAMES = ['desk a', 'desk b', 'desk c'];
const DATES = ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.001Z', '2025-02-01T12:00:00.000Z', '2025-03-15T08:30:00.000Z'];

const connection = fc.record({
  id: fc.uuid({ version: 4 }),
  name: fc.constantFrom(...NAMES),
  partnerId: fc.constantFrom(...PARTNERS),
  createdAt: fc.constantFrom(...DATES),
  active: fc.boolean(),
});

const scenario = fc.record({
  // size 'max': lengths spread over 0–260 (fast-check's default size stops near 10), so `last` gallops past the 101-row upstream page.
  rows: fc.uniqueArray(connection, { maxLength: 260, selector: (r) => r.id, size: 'max' }),
  // Half the runs unfiltered, so lists often outgrow the 101-row upstream page; the rest any mix of filters.
  filter: fc.oneof(
    fc.constant({}),
    fc.record(
      { active: fc.boolean(), names: fc.subarray(NAMES, { minLength: 1 }), partnerIds: fc.subarray(PARTNERS, { minLength: 1 }) },
      { requiredKeys: [] },
    ),
  ),
  pageSize: fc.integer({ min: 4, max: 60 }),
  cuts: fc.tuple(fc.nat(), fc.nat()),
});

describe('Relay paging over random connection lists (property)', () => {
  // A small upstream page makes `last` gallop and bisect over lists of this size.
  const stack = useStack({ env: { BITGO_MAX_PAGE_SIZE: '101' } });

  it('forward and backward each yield exactly the upstream list, at most two upstream calls per cursor page', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { sandbox } = stack;
        // An enterprise of its own per run, seen through a token of its own: the list is exactly these rows.
        const client = freshClient(sandbox, s.rows);
        const headers = { authorization: `Bearer ${client.token}` };
        const filter: { active?: boolean; names?: string[]; partnerIds?: string[] } = s.filter;
        const page = async (variables: Record<string, unknown>): Promise<Page['networkConnections']> => {
          const res: GraphQLResponse<Page> = await stack.gql<Page>(QUERY, { e: client.enterpriseId, filter, ...variables }, headers);
          assert.equal(res.errors, undefined, JSON.stringify(res.errors));
          return res.data!.networkConnections;
        };
        const reference = (await restConnections(sandbox, filter, 'client', client.enterpriseId, client.token)).map((c) => c.id);
        const expected = s.rows
          .filter((r) => (filter.active === undefined || r.active === filter.active) && (!filter.names || filter.names.includes(r.name)) && (!filter.partnerIds || filter.partnerIds.includes(r.partnerId)))
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((r) => r.id);
        assert.deepEqual(reference, expected, 'the sandbox lists oldest first, then by id');

        const forward: string[] = [];
        const cursors: string[] = [];
        let after: string | null = null;
        for (let guard = 0; guard < 1000; guard++) {
          sandbox.requests.reset();
          const p = await page({ first: s.pageSize, after });
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
          const p = await page({ last: s.pageSize, before });
          if (before !== null) assert.ok(sandbox.requests.count() <= 2, `backward cursor page took ${sandbox.requests.count()} calls`);
          backward.unshift(...p.nodes.map((n) => n.id));
          if (!p.pageInfo.hasPreviousPage) break;
          before = p.pageInfo.startCursor;
        }
        assert.deepEqual(backward, reference);

        // Between two cursors, both ways: exactly the rows strictly between them.
        if (reference.length >= 2) {
          for (let i = 0; i < reference.length; i += 100) {
            const edges = await stack.gql<{ networkConnections: { edges: Array<{ cursor: string }> } }>(
              `query($e: ID, $filter: NetworkConnectionFilter, $after: String) { networkConnections(enterpriseId: $e, filter: $filter, first: 100, after: $after) { edges { cursor } } }`,
              { e: client.enterpriseId, filter, after: cursors.at(-1) ?? null },
              headers,
            );
            cursors.push(...edges.data!.networkConnections.edges.map((e) => e.cursor));
          }
          assert.equal(cursors.length, reference.length);
          const [x, y] = [s.cuts[0] % cursors.length, s.cuts[1] % cursors.length].sort((m, n) => m - n) as [number, number];
          const between = reference.slice(x + 1, y);
          const fwd = await page({ first: 100, after: cursors[x], before: cursors[y] });
          assert.deepEqual(fwd.nodes.map((n) => n.id), between.slice(0, 100));
          assert.equal(fwd.pageInfo.hasNextPage, between.length > 100);
          const bwd = await page({ last: s.pageSize, after: cursors[x], before: cursors[y] });
          assert.deepEqual(bwd.nodes.map((n) => n.id), between.slice(-s.pageSize));
          assert.equal(bwd.pageInfo.hasPreviousPage, between.length > s.pageSize);
        }
      }),
      { numRuns: 40 },
    );
  });
});
