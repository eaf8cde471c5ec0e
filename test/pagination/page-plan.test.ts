import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findTotal, planWindow, type PageRead } from '../../src/pagination/page-plan.js';
import { sliceConnection } from '../../src/pagination/relay.js';

function pageOf<T>(rows: readonly T[], read: PageRead): T[] {
  return rows.slice(read.pageNumber * read.pageSize, (read.pageNumber + 1) * read.pageSize);
}

describe('planWindow', () => {
  it('covers any window with one or two reads of bounded size', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 101 }), fc.integer({ min: 101, max: 1000 }), (start, count, max) => {
        const plan = planWindow(start, count, max);
        assert.ok(plan.reads.length === 1 || plan.reads.length === 2);
        const first = plan.reads[0]!;
        assert.equal(plan.firstRowOffset, first.pageNumber * first.pageSize);
        assert.ok(plan.firstRowOffset <= start);
        const covered = plan.reads.reduce((n, r) => n + r.pageSize, 0);
        assert.ok(plan.firstRowOffset + covered >= start + count, 'window end covered');
        for (const r of plan.reads) assert.ok(r.pageSize >= count && r.pageSize <= max);
        if (plan.reads.length === 2) assert.equal(plan.reads[1]!.pageNumber, first.pageNumber + 1);
      }),
    );
  });

  it('uses one read when the window sits inside a page', () => {
    assert.deepEqual(planWindow(0, 26, 500).reads, [{ pageNumber: 0, pageSize: 26 }]);
    assert.deepEqual(planWindow(26, 26, 500).reads, [{ pageNumber: 1, pageSize: 26 }]);
  });
});

describe('findTotal', () => {
  it('finds any length in O(log n) page reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 200_000 }), fc.integer({ min: 1, max: 500 }), async (total, size) => {
        let reads = 0;
        const total2 = await findTotal(
          async (r) => {
            reads++;
            const from = r.pageNumber * r.pageSize;
            return Array.from({ length: Math.max(0, Math.min(r.pageSize, total - from)) }, (_, i) => from + i);
          },
          size,
          new Map(),
        );
        assert.equal(total2, total);
        const pages = Math.ceil(total / size) + 1;
        assert.ok(reads <= 2 * Math.ceil(Math.log2(pages + 1)) + 2, `reads ${reads} for ${pages} pages`);
      }),
    );
  });
});

describe('sliceConnection over an in-memory list', () => {
  const limits = { defaultSize: 25, maxSize: 100, maxUpstreamPageSize: 500 };

  it('forward and backward paging each walk the whole list once, at most two reads a page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 700 }), fc.integer({ min: 1, max: 100 }), async (total, n) => {
        const rows = Array.from({ length: total }, (_, i) => i);
        let reads = 0;
        const fetch = async (r: PageRead) => {
          reads++;
          return pageOf(rows, r);
        };
        const forward: number[] = [];
        let after: number | undefined;
        for (;;) {
          reads = 0;
          const page = await sliceConnection({ first: n, afterOffset: after }, fetch, limits);
          assert.ok(reads <= 2);
          assert.equal(page.hasPreviousPage, after !== undefined && after >= 0 && page.startOffset > 0);
          forward.push(...page.rows);
          if (!page.hasNextPage) break;
          after = page.startOffset + page.rows.length - 1;
        }
        assert.deepEqual(forward, rows);

        const backward: number[] = [];
        let before: number | undefined;
        for (;;) {
          reads = 0;
          const page = await sliceConnection({ last: n, beforeOffset: before }, fetch, limits);
          if (before !== undefined) assert.ok(reads <= 2);
          backward.unshift(...page.rows);
          if (!page.hasPreviousPage) break;
          before = page.startOffset;
        }
        assert.deepEqual(backward, rows);
      }),
      { numRuns: 60 },
    );
  });

  it('follows Relay for windows between two cursors', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => i);
    const fetch = async (r: PageRead) => pageOf(rows, r);
    // first + before: hasNextPage only when the window holds more than `first`.
    const a = await sliceConnection({ first: 5, afterOffset: 9, beforeOffset: 20 }, fetch, limits);
    assert.deepEqual(a.rows, [10, 11, 12, 13, 14]);
    assert.equal(a.hasNextPage, true);
    const b = await sliceConnection({ first: 10, afterOffset: 9, beforeOffset: 20 }, fetch, limits);
    assert.deepEqual(b.rows, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    assert.equal(b.hasNextPage, false);
    const c = await sliceConnection({ first: 5, beforeOffset: 0 }, fetch, limits);
    assert.deepEqual(c.rows, []);
    assert.equal(c.hasNextPage, false, 'an empty window has no next page');
    // after at or past before: nothing, and no error.
    const d = await sliceConnection({ first: 5, afterOffset: 12, beforeOffset: 12 }, fetch, limits);
    assert.deepEqual(d.rows, []);
    assert.equal(d.hasPreviousPage, true, 'forward: rows exist before');
    // last: 0 reads nothing, but says whether there is anything before.
    const z = await sliceConnection({ last: 0 }, fetch, limits);
    assert.deepEqual(z.rows, []);
    assert.equal(z.hasPreviousPage, true);
    // last + after + before: hasPreviousPage only when the window holds more than `last`.
    const e = await sliceConnection({ last: 3, afterOffset: 9, beforeOffset: 20 }, fetch, limits);
    assert.deepEqual(e.rows, [17, 18, 19]);
    assert.equal(e.hasPreviousPage, true);
    const f = await sliceConnection({ last: 20, afterOffset: 9, beforeOffset: 20 }, fetch, limits);
    assert.deepEqual(f.rows, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    assert.equal(f.hasPreviousPage, false);
  });

  it('`last` after a cursor finds the end without reading pages before the cursor', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => i);
    const small = { ...limits, maxUpstreamPageSize: 101 };
    const reads: PageRead[] = [];
    const page = await sliceConnection({ last: 7, afterOffset: 3000 }, async (r) => (reads.push(r), pageOf(rows, r)), small);
    assert.deepEqual(page.rows, rows.slice(-7));
    for (const r of reads) assert.ok((r.pageNumber + 1) * r.pageSize > 3001, `read ${JSON.stringify(r)} lies before the cursor`);
    assert.ok(reads.length <= 2 * Math.ceil(Math.log2(5000 / 101)) + 3, `${reads.length} reads`);
  });

  it('rejects first above 100, negative sizes and first with last', async () => {
    const fetch = async () => [];
    await assert.rejects(sliceConnection({ first: 101 }, fetch, limits), /at most 100/);
    await assert.rejects(sliceConnection({ last: -1 }, fetch, limits), /non-negative/);
    await assert.rejects(sliceConnection({ first: 1, last: 1 }, fetch, limits), /either/);
  });
});
