import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type {
  SignedRequest,
  SignedRequestCursor,
  SignedRequestFilter,
  SignedRequestKind,
  SignedRequestState,
} from '../../src/store/journal.store.js';
import { engines, newRequest, type TestDatabase } from './engines.js';

const KINDS: SignedRequestKind[] = ['allocate', 'deallocate', 'update_allocation'];
const STATES: SignedRequestState[] = ['pending', 'unknown', 'settled', 'abandoned'];
const BASE = Date.parse('2026-03-01T00:00:00.000Z');

interface RowSpec {
  /** Few distinct instants, so ties on created_at are common and id must break them. */
  at: number;
  kind: SignedRequestKind;
  state: SignedRequestState;
  cei: string;
  allocation: string | null;
  answered: string | null;
}

const rowSpec = fc.record({
  at: fc.integer({ min: 0, max: 6 }).map((step) => BASE + step * 1_000 + (step % 2)),
  kind: fc.constantFrom(...KINDS),
  state: fc.constantFrom(...STATES),
  cei: fc.constantFrom('a', 'b', 'c'),
  allocation: fc.constantFrom(null, 'x', 'y'),
  answered: fc.constantFrom(null, 'x', 'z'),
});

const filterSpec: fc.Arbitrary<SignedRequestFilter> = fc.record(
  {
    kinds: fc.subarray(KINDS),
    states: fc.subarray(STATES),
    clientExternalId: fc.constantFrom('a', 'b', 'c', 'none'),
    allocationId: fc.constantFrom('x', 'y', 'z'),
    createdOnOrAfter: fc.integer({ min: 0, max: 7 }).map((step) => new Date(BASE + step * 1_000)),
    createdBefore: fc.integer({ min: 0, max: 7 }).map((step) => new Date(BASE + step * 1_000 + 1)),
  },
  { requiredKeys: [] },
);

/** The model: newest first on (created_at, id), ids compared as integers. */
function newestFirst(a: SignedRequest, b: SignedRequest): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return BigInt(b.id) > BigInt(a.id) ? 1 : -1;
}

function matches(row: SignedRequest, filter: SignedRequestFilter): boolean {
  return (
    (!filter.kinds || filter.kinds.includes(row.kind)) &&
    (!filter.states || filter.states.includes(row.state)) &&
    (filter.clientExternalId === undefined || row.clientExternalId === filter.clientExternalId) &&
    (filter.allocationId === undefined || row.allocationId === filter.allocationId || row.outcome?.recordId === filter.allocationId) &&
    (!filter.createdOnOrAfter || row.createdAt.getTime() >= filter.createdOnOrAfter.getTime()) &&
    (!filter.createdBefore || row.createdAt.getTime() < filter.createdBefore.getTime())
  );
}

const cursor = (row: SignedRequest): SignedRequestCursor => ({ createdAt: row.createdAt, id: row.id });
const ids = (rows: SignedRequest[]): string[] => rows.map((row) => row.id);

for (const engine of engines) {
  describe(`signed request list on ${engine.name}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await engine.open();
    });
    after(async () => {
      await t?.dispose();
    });

    /** Writes the rows under a fresh enterprise and answers them as stored. */
    async function seed(specs: RowSpec[]): Promise<{ enterpriseId: string; rows: SignedRequest[] }> {
      const enterpriseId = randomUUID();
      const rows: SignedRequest[] = [];
      for (const spec of specs) {
        const { request } = await t.journal.claim(
          newRequest({ enterpriseId, kind: spec.kind, idempotencyKey: randomUUID(), clientExternalId: spec.cei, allocationId: spec.allocation }),
        );
        await sql`
          UPDATE signed_requests SET created_at = ${new Date(spec.at)}, state = ${spec.state},
            settled_at = CASE WHEN ${spec.state} = 'settled' THEN now() END,
            answered_at = CASE WHEN ${spec.answered}::text IS NULL THEN NULL ELSE now() END,
            answer_allocation_id = ${spec.answered}
          WHERE id = ${request.id}`.execute(t.store.db);
        rows.push((await t.journal.findById(request.id))!);
      }
      return { enterpriseId, rows };
    }

    it('pages forward and backward through exactly the filtered rows, newest first (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rowSpec, { maxLength: 24 }), filterSpec, fc.integer({ min: 1, max: 5 }), async (specs, filter, size) => {
          const { enterpriseId, rows } = await seed(specs);
          const expected = rows.filter((row) => matches(row, filter)).sort(newestFirst);

          // Forward: first `size` (+1 to see whether more exist), then after the last one, and so on.
          const forward: SignedRequest[] = [];
          let afterCursor: SignedRequestCursor | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = await t.journal.page({ enterpriseId, filter, after: afterCursor, take: 'first', limit: size + 1 });
            forward.push(...page.slice(0, size));
            if (page.length <= size) break;
            afterCursor = cursor(page[size - 1]!);
          }
          assert.deepEqual(ids(forward), ids(expected));
          assert.deepEqual(forward, expected, 'rows come back as stored');

          // Backward: last `size`, then before the first one, and so on.
          const backward: SignedRequest[][] = [];
          let beforeCursor: SignedRequestCursor | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = await t.journal.page({ enterpriseId, filter, before: beforeCursor, take: 'last', limit: size + 1 });
            const kept = page.slice(Math.max(0, page.length - size));
            backward.unshift(kept);
            if (page.length <= size) break;
            beforeCursor = cursor(kept[0]!);
          }
          assert.deepEqual(ids(backward.flat()), ids(expected));
        }),
        { numRuns: 25 },
      );
    });

    it('a window between two cursors answers its first or last rows (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(rowSpec, { minLength: 1, maxLength: 20 }),
          fc.nat(),
          fc.nat(),
          fc.boolean(),
          fc.boolean(),
          fc.integer({ min: 0, max: 6 }),
          async (specs, i, j, useAfter, takeFirst, limit) => {
            const { enterpriseId, rows } = await seed(specs);
            const all = [...rows].sort(newestFirst);
            const a = i % all.length;
            const b = j % all.length;
            const afterRow = useAfter ? all[Math.min(a, b)] : undefined;
            const beforeRow = all[Math.max(a, b)]!;
            const start = afterRow ? all.indexOf(afterRow) + 1 : 0;
            const window = all.slice(start, all.indexOf(beforeRow));
            const expected = takeFirst ? window.slice(0, limit) : window.slice(Math.max(0, window.length - limit));
            const page = await t.journal.page({
              enterpriseId,
              after: afterRow && cursor(afterRow),
              before: cursor(beforeRow),
              take: takeFirst ? 'first' : 'last',
              limit,
            });
            assert.deepEqual(ids(page), ids(expected));
          },
        ),
        { numRuns: 25 },
      );
    });

    it('created bounds: createdOnOrAfter is inclusive, createdBefore exclusive; empty lists match nothing', async () => {
      const { enterpriseId, rows } = await seed([
        { at: BASE, kind: 'allocate', state: 'pending', cei: 'a', allocation: null, answered: null },
        { at: BASE + 1, kind: 'deallocate', state: 'settled', cei: 'b', allocation: null, answered: 'x' },
        { at: BASE + 2, kind: 'allocate', state: 'unknown', cei: 'c', allocation: 'x', answered: null },
      ]);
      const list = (filter: SignedRequestFilter) => t.journal.page({ enterpriseId, filter, take: 'first', limit: 10 }).then(ids);
      assert.deepEqual(await list({ createdOnOrAfter: new Date(BASE + 1) }), [rows[2]!.id, rows[1]!.id]);
      assert.deepEqual(await list({ createdBefore: new Date(BASE + 1) }), [rows[0]!.id]);
      assert.deepEqual(await list({ allocationId: 'x' }), [rows[2]!.id, rows[1]!.id]);
      assert.deepEqual(await list({ kinds: [] }), []);
      assert.deepEqual(await list({ states: [] }), []);
      assert.deepEqual(await list({}), [rows[2]!.id, rows[1]!.id, rows[0]!.id]);
      await assert.rejects(t.journal.page({ enterpriseId, after: { createdAt: new Date(), id: 'bad' }, take: 'first', limit: 1 }));
    });
  });
}
