import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { AllocationRecord, SortField } from '../../src/sandbox/wire.types.js';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { list } from './helpers.js';

/** An independent statement of BitGo's order, written differently from the sandbox's comparator on purpose. */
function reference(records: AllocationRecord[], field: SortField | undefined, dir: 'ASC' | 'DESC'): string[] {
  const primary = (a: AllocationRecord, b: AllocationRecord): number => {
    if (field === undefined) return 0;
    let c: number;
    if (field === 'quantity') {
      const d = BigInt(a.amount.quantity) - BigInt(b.amount.quantity);
      c = d === 0n ? 0 : d < 0n ? -1 : 1;
    } else if (field === 'updatedAt') c = new Date(a.updatedAt).getTime() - new Date(b.updatedAt).getTime();
    else {
      const x = field === 'id' ? a.id : a.amount.currency;
      const y = field === 'id' ? b.id : b.amount.currency;
      c = x === y ? 0 : x < y ? -1 : 1;
    }
    return dir === 'DESC' ? -c : c;
  };
  return [...records]
    .sort((a, b) => {
      const p = primary(a, b);
      if (p !== 0) return p;
      const t = new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
      if (t !== 0) return t;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((r) => r.id);
}

async function fetchAll(sb: StartedSandbox, query: Record<string, string>): Promise<AllocationRecord[]> {
  const out: AllocationRecord[] = [];
  for (let page = 0; ; page++) {
    const r = await list(sb, { ...query, pageSize: '250', pageNumber: String(page) });
    assert.equal(r.status, 200);
    out.push(...r.body.allocations);
    if (r.body.allocations.length < 250) return out;
  }
}

describe('sandbox list order and paging', () => {
  let sb: StartedSandbox;
  let all: AllocationRecord[];
  before(async () => {
    sb = await startSandbox();
    all = sb.books.allRecords(sb.enterpriseId);
  });
  after(() => sb.close());

  it('default order is createdAt asc then id asc, and the seed has createdAt ties', async () => {
    const got = await fetchAll(sb, {});
    assert.deepEqual(got.map((r) => r.id), reference(all, undefined, 'ASC'));
    const ties = got.filter((r, i) => i > 0 && r.createdAt === got[i - 1]!.createdAt);
    assert.ok(ties.length > 5, 'seed should hold exact createdAt ties');
  });

  for (const field of ['id', 'updatedAt', 'quantity', 'currency'] as const) {
    for (const dir of ['ASC', 'DESC'] as const) {
      it(`sortField=${field} sortDirection=${dir}`, async () => {
        const got = await fetchAll(sb, { sortField: field, sortDirection: dir });
        assert.deepEqual(got.map((r) => r.id), reference(all, field, dir));
      });
    }
  }

  it('sortDirection defaults to ASC', async () => {
    const a = await list(sb, { sortField: 'quantity' });
    const b = await list(sb, { sortField: 'quantity', sortDirection: 'ASC' });
    assert.deepEqual(a.body, b.body);
  });

  it('DESC keeps the createdAt/id tie-break ascending (flipping is not reversing)', async () => {
    const desc = await fetchAll(sb, { sortField: 'currency', sortDirection: 'DESC' });
    const asc = await fetchAll(sb, { sortField: 'currency', sortDirection: 'ASC' });
    assert.notDeepEqual(desc.map((r) => r.id), [...asc].reverse().map((r) => r.id));
    const btc = desc.filter((r) => r.amount.currency === 'ofctbtc');
    for (let i = 1; i < btc.length; i++) {
      const [p, c] = [btc[i - 1]!, btc[i]!];
      assert.ok(p.createdAt < c.createdAt || (p.createdAt === c.createdAt && p.id < c.id), 'ties stay createdAt asc, id asc');
    }
  });

  it('quantity compares as BigInt, beyond 2^53 and across digit counts', async () => {
    const base = all.slice(0, 6);
    const quantities = ['9007199254740993', '9007199254740992', '10000000000000000000000', '999', '9007199254740993', '1000'];
    const records = base.map((r, i) => ({ ...r, amount: { currency: 'ofcteth', quantity: quantities[i]! }, createdAt: '2026-03-01T00:00:00.000Z' }));
    sb.books.replaceRecords(sb.enterpriseId, records);
    try {
      const asc = (await list(sb, { sortField: 'quantity' })).body.allocations as AllocationRecord[];
      assert.deepEqual(asc.map((r) => r.amount.quantity), ['999', '1000', '9007199254740992', '9007199254740993', '9007199254740993', '10000000000000000000000']);
      const tied = asc.filter((r) => r.amount.quantity === '9007199254740993').map((r) => r.id);
      assert.deepEqual(tied, [...tied].sort());
      const desc = (await list(sb, { sortField: 'quantity', sortDirection: 'DESC' })).body.allocations as AllocationRecord[];
      assert.deepEqual(desc.map((r) => r.amount.quantity), ['10000000000000000000000', '9007199254740993', '9007199254740993', '9007199254740992', '1000', '999']);
      assert.deepEqual(desc.filter((r) => r.amount.quantity === '9007199254740993').map((r) => r.id), tied);
    } finally {
      sb.books.replaceRecords(sb.enterpriseId, all);
    }
  });

  it('paging: default 100, pageNumber skips pageSize*pageNumber, pages concatenate to the whole list, past the end is empty', async () => {
    const first = await list(sb);
    assert.equal(first.body.allocations.length, 100);
    const whole = reference(all, undefined, 'ASC');
    const p2 = await list(sb, { pageSize: '7', pageNumber: '2' });
    assert.deepEqual(p2.body.allocations.map((r: AllocationRecord) => r.id), whole.slice(14, 21));
    assert.deepEqual((await list(sb, { pageSize: '1000' })).body.allocations.length, all.length);
    assert.deepEqual((await list(sb, { pageSize: '100', pageNumber: '1000' })).body.allocations, []);
    const last = Math.floor(all.length / 100);
    assert.equal((await list(sb, { pageNumber: String(last) })).body.allocations.length, all.length % 100);
  });

  it('property: any records (with ties) list in the reference order for every sort', async () => {
    const connectionIds = Object.values(DEMO_CONNECTION_IDS);
    const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
    const uuid = fc.array(hex, { minLength: 32, maxLength: 32 }).map((h) => {
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20)}`;
    });
    const instant = fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z', '2026-02-14T12:30:00.000Z', '2026-06-30T23:59:59.999Z');
    const quantity = fc.oneof(fc.constantFrom('1', '9007199254740993', '9007199254740992'), fc.bigInt({ min: 1n, max: 10n ** 24n }).map(String));
    const record = fc.record({
      id: uuid,
      amount: fc.record({ currency: fc.constantFrom('ofctbtc', 'ofcteth', 'ofctusdt'), quantity }),
      connectionId: fc.constantFrom(...connectionIds),
      clientExternalId: uuid,
      initiatedBy: fc.constant('user'),
      createdAt: instant,
      updatedAt: instant,
      retriable: fc.boolean(),
      reason: fc.constant(null),
      status: fc.constantFrom('cleared' as const, 'released' as const, 'reserved' as const),
      type: fc.constantFrom('allocation' as const, 'deallocation' as const),
    });
    const records = fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 40 });
    const sort = fc.constantFrom<[SortField | undefined, 'ASC' | 'DESC']>([undefined, 'ASC'], ['id', 'DESC'], ['updatedAt', 'ASC'], ['updatedAt', 'DESC'], ['quantity', 'ASC'], ['quantity', 'DESC'], ['currency', 'DESC']);
    try {
      await fc.assert(
        fc.asyncProperty(records, sort, fc.integer({ min: 1, max: 15 }), async (rs, [field, dir], pageSize) => {
          sb.books.replaceRecords(sb.enterpriseId, rs);
          const expected = reference(rs, field, dir);
          const query: Record<string, string> = { pageSize: String(pageSize), pageNumber: '1', sortDirection: dir, ...(field ? { sortField: field } : {}) };
          const r = await list(sb, query);
          assert.deepEqual(r.body.allocations.map((x: AllocationRecord) => x.id), expected.slice(pageSize, 2 * pageSize));
        }),
        { numRuns: 60 },
      );
    } finally {
      sb.books.replaceRecords(sb.enterpriseId, all);
    }
  });
});
