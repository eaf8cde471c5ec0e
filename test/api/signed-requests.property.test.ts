import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { SignedRequestKind, SignedRequestState } from '../../src/store/journal.store.js';
import { SIGNED_REQUESTS, type Page } from '../helpers/signed-requests.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { useStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';
import { newRequest, type TestDatabase } from '../store/engines.js';

const KINDS: SignedRequestKind[] = ['allocate', 'deallocate', 'update_allocation'];
const STATES: SignedRequestState[] = ['pending', 'unknown', 'settled', 'abandoned'];
const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const ALLOCATIONS = ['6f1b2c3d-0000-4000-8000-000000000001', '6f1b2c3d-0000-4000-8000-000000000002', '6f1b2c3d-0000-4000-8000-000000000003'];

interface RowSpec {
  /** Few distinct instants, so that ties on createdAt are common and the id must break them. */
  at: number;
  kind: SignedRequestKind;
  state: SignedRequestState;
  cei: string;
  allocation: string | null;
  answered: string | null;
}

const rowSpec = fc.record({
  at: fc.integer({ min: 0, max: 5 }).map((step) => BASE + step * 1_000),
  kind: fc.constantFrom(...KINDS),
  state: fc.constantFrom(...STATES),
  cei: fc.constantFrom('a', 'b', 'c'),
  allocation: fc.constantFrom(null, ALLOCATIONS[0]!, ALLOCATIONS[1]!),
  answered: fc.constantFrom(null, ALLOCATIONS[0]!, ALLOCATIONS[2]!),
});

const filterSpec = fc.record(
  {
    kinds: fc.subarray(['ALLOCATE', 'DEALLOCATE', 'UPDATE_ALLOCATION'], { minLength: 1 }),
    states: fc.subarray(['PENDING', 'UNKNOWN', 'SETTLED', 'ABANDONED'], { minLength: 1 }),
    clientExternalId: fc.constantFrom('a', 'b', 'none'),
    allocationId: fc.constantFrom(...ALLOCATIONS),
    createdOnOrAfter: fc.integer({ min: 0, max: 6 }).map((step) => new Date(BASE + step * 1_000).toISOString()),
    createdBefore: fc.integer({ min: 0, max: 6 }).map((step) => new Date(BASE + step * 1_000).toISOString()),
  },
  { requiredKeys: [] },
  // Bounds the wrong way round are refused (BAD_USER_INPUT), not an empty list: the error suite covers them.
).filter((f) => !(f.createdOnOrAfter && f.createdBefore && f.createdOnOrAfter > f.createdBefore));

/** What a row is, as the model sees it. */
interface ModelRow {
  id: string;
  at: number;
  kind: string;
  state: string;
  cei: string | null;
  allocationIds: Array<string | null>;
}

function matches(row: ModelRow, filter: Record<string, unknown>): boolean {
  const f = filter as { kinds?: string[]; states?: string[]; clientExternalId?: string; allocationId?: string; createdOnOrAfter?: string; createdBefore?: string };
  return (
    (!f.kinds || f.kinds.includes(row.kind)) &&
    (!f.states || f.states.includes(row.state)) &&
    (f.clientExternalId === undefined || row.cei === f.clientExternalId) &&
    (f.allocationId === undefined || row.allocationIds.includes(f.allocationId)) &&
    (f.createdOnOrAfter === undefined || row.at >= Date.parse(f.createdOnOrAfter)) &&
    (f.createdBefore === undefined || row.at < Date.parse(f.createdBefore))
  );
}

/** A plain sort: newest first, ties by id as integers. */
const newestFirst = (a: ModelRow, b: ModelRow): number => b.at - a.at || (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

/**
 * Writes rows for a fresh enterprise (known to the sandbox, readable by a fresh token) through the journal's own
 * port, then, on SQL, moves their creation times and states as the property asks; answers the model of each row.
 */
async function seed(stack: Stack, database: TestDatabase | undefined, specs: RowSpec[]): Promise<{ enterpriseId: string; headers: Record<string, string>; rows: ModelRow[] }> {
  const { sandbox, journal } = stack;
  const enterpriseId = randomUUID();
  const token = `audit-property-${enterpriseId}`;
  sandbox.books.addEnterprise({ id: enterpriseId, name: 'property', oesLicence: true });
  sandbox.books.addToken(token, { enterprises: [enterpriseId], scopes: ['settlement_network_read'] });
  const rows: ModelRow[] = [];
  for (const spec of specs) {
    const { request } = await journal.claim(
      newRequest({ enterpriseId, kind: spec.kind, idempotencyKey: randomUUID(), clientExternalId: spec.cei, allocationId: spec.allocation }),
    );
    const outcome = { httpStatus: spec.answered ? 200 : null, recordId: spec.answered, recordStatus: spec.answered ? 'cleared' : null, message: null };
    if (spec.state === 'settled') await journal.recordAnswer(request.id, { definite: true, outcome });
    else if (spec.state !== 'pending' || spec.answered) await journal.recordAnswer(request.id, { definite: false, state: 'unknown', outcome });
    if (spec.state === 'pending' && spec.answered) await journal.recordAnswer(request.id, { definite: false, state: 'pending', outcome });
    if (database) {
      await sql`UPDATE signed_requests SET created_at = ${new Date(spec.at)}, state = ${spec.state} WHERE id = ${request.id}`.execute(database.store.db);
    }
    const stored = (await journal.findById(request.id))!;
    rows.push({
      id: stored.id,
      at: stored.createdAt.getTime(),
      kind: stored.kind.toUpperCase(),
      state: stored.state.toUpperCase(),
      cei: stored.clientExternalId,
      allocationIds: [stored.allocationId, stored.outcome?.recordId ?? null],
    });
  }
  return { enterpriseId, headers: { authorization: `Bearer ${token}` }, rows };
}

for (const journal of ['sql', 'memory'] as const) {
  describe(`signedRequests paging over random journals (property, ${journal} journal)`, () => {
    // The seeded rows are months old and some unsettled: a reconciler pass during the property would abandon them
    // under its feet. Its first pass runs before anything is seeded; the next one, a day later.
    const sqlStack = journal === 'sql' ? useSqlStack({ env: { RECONCILE_INTERVAL_MS: '86400000' } }) : undefined;
    const stack = sqlStack ?? useStack();

    async function page(variables: Record<string, unknown>, headers: Record<string, string>): Promise<Page['signedRequests']> {
      const res: GraphQLResponse<Page> = await stack.gql<Page>(SIGNED_REQUESTS, variables, headers);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.signedRequests;
    }

    it('forward, backward and between two cursors, each yields exactly the plain sort of the filtered rows', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rowSpec, { maxLength: 18 }), filterSpec, fc.integer({ min: 1, max: 5 }), fc.nat(), fc.nat(), async (specs, filter, size, i, j) => {
          const { enterpriseId, headers, rows } = await seed(stack, sqlStack?.database, specs);
          // On the memory journal states and times are what the port made; the model reads them back either way.
          const expected = rows.filter((row) => matches(row, filter)).sort(newestFirst).map((row) => row.id);
          const vars = { enterpriseId, filter };

          const forward: string[] = [];
          let after: string | null = null;
          for (let guard = 0; guard < 100; guard++) {
            const p = await page({ ...vars, first: size, after }, headers);
            assert.ok(p.nodes.length <= size);
            assert.equal(p.pageInfo.hasPreviousPage, after !== null);
            forward.push(...p.nodes.map((n) => n.id));
            if (!p.pageInfo.hasNextPage) break;
            after = p.pageInfo.endCursor;
          }
          assert.deepEqual(forward, expected);

          const backward: string[] = [];
          let before: string | null = null;
          for (let guard = 0; guard < 100; guard++) {
            const p = await page({ ...vars, last: size, before }, headers);
            assert.equal(p.pageInfo.hasNextPage, before !== null);
            backward.unshift(...p.nodes.map((n) => n.id));
            if (!p.pageInfo.hasPreviousPage) break;
            before = p.pageInfo.startCursor;
          }
          assert.deepEqual(backward, expected);

          if (expected.length >= 2) {
            const edges = (await page({ ...vars, first: 100 }, headers)).edges.map((e) => e.cursor);
            const [x, y] = [i % edges.length, j % edges.length].sort((m, n) => m - n) as [number, number];
            const between = expected.slice(x + 1, y);
            const fwd = await page({ ...vars, first: size, after: edges[x], before: edges[y] }, headers);
            assert.deepEqual(fwd.nodes.map((n) => n.id), between.slice(0, size));
            assert.equal(fwd.pageInfo.hasNextPage, between.length > size);
            const bwd = await page({ ...vars, last: size, after: edges[x], before: edges[y] }, headers);
            assert.deepEqual(bwd.nodes.map((n) => n.id), between.slice(Math.max(0, between.length - size)));
            assert.equal(bwd.pageInfo.hasPreviousPage, between.length > size);
          }
        }),
        { numRuns: 20 },
      );
    });
  });
}
