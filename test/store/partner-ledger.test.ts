import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { SqlPartnerLedgerStore } from '../../src/store/partner-ledger.sql.store.js';
import type {
  NewPartnerRequest,
  PartnerRequest,
  PartnerRequestCursor,
  PartnerRequestFilter,
  PartnerRequestStatus,
  PartnerRequestType,
} from '../../src/store/partner-ledger.store.js';
import { SqlSeenJwtIdStore } from '../../src/store/seen-jwt-ids.sql.store.js';
import { engines, type TestDatabase } from './engines.js';

const PARTNER = '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e';
const TWO_TO_70 = (2n ** 70n).toString();

function newPartnerRequest(overrides: Partial<NewPartnerRequest> = {}): NewPartnerRequest {
  return {
    id: randomUUID(),
    type: 'allocation',
    enterpriseId: PARTNER,
    currency: 'ofctbtc',
    quantity: TWO_TO_70,
    clientId: '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11',
    connectionId: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f',
    partnersConnectionId: 'nimbus-conn-1001',
    partnersClientId: 'nimbus-acct-501',
    partnersAllocationId: null,
    ...overrides,
  };
}

for (const engine of engines) {
  describe(`partner ledger on ${engine.name}`, () => {
    let t: TestDatabase;
    let ledgers: SqlPartnerLedgerStore[];
    let jtis: SqlSeenJwtIdStore[];
    before(async () => {
      t = await engine.open();
      // On PostgreSQL a second replica with its own pool; PGlite is one process's store by design.
      const dbs = engine.name === 'postgres' ? [t.store.db, (await t.openReplica()).db] : [t.store.db];
      ledgers = dbs.map((db) => new SqlPartnerLedgerStore(db));
      jtis = dbs.map((db) => new SqlSeenJwtIdStore(db));
    });
    after(async () => {
      await t?.dispose();
    });
    const ledger = () => ledgers[0]!;

    it('reserves a new id once; a repeat answers the stored row untouched', async () => {
      const request = newPartnerRequest({ partnersAllocationId: 'nimbus-alloc-1' });
      const first = await ledger().reserve(request);
      assert.equal(first.created, true);
      assert.equal(first.request.status, 'reserved');
      assert.equal(first.request.quantity, TWO_TO_70, 'a quantity above 2^53 is stored as its digits');
      assert.equal(first.request.partnersAllocationId, 'nimbus-alloc-1');
      assert.equal(first.request.clearedAt, null);
      assert.ok(first.request.receivedAt instanceof Date);
      const repeat = await ledger().reserve({ ...request, quantity: '5' });
      assert.equal(repeat.created, false);
      assert.deepEqual(repeat.request, first.request, 'the stored row, not the repeat\'s fields');
      assert.deepEqual(await ledger().find(request.id), first.request);
      assert.equal(await ledger().find(randomUUID()), undefined);
    });

    it('allocation and deallocation ids share one key', async () => {
      const allocation = await ledger().reserve(newPartnerRequest());
      const deallocation = await ledger().reserve(newPartnerRequest({ id: allocation.request.id, type: 'deallocation' }));
      assert.equal(deallocation.created, false);
      assert.equal(deallocation.request.type, 'allocation');
    });

    it('20 concurrent reservations of one id (over every replica) make one row, 10 rounds', async () => {
      for (let round = 0; round < 10; round++) {
        const request = newPartnerRequest();
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ledgers[i % ledgers.length]!.reserve(request)));
        assert.equal(answers.filter((a) => a.created).length, 1);
        for (const answer of answers) assert.equal(answer.request.receivedAt.getTime(), answers[0]!.request.receivedAt.getTime());
        const { n } = await t.store.db
          .withTables<{ partner_ledger: { id: string } }>()
          .selectFrom('partner_ledger')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('id', '=', request.id)
          .executeTakeFirstOrThrow();
        assert.equal(Number(n), 1);
      }
    });

    it('settles RESERVED once: clear, release with its reason, other types and final rows unmoved', async () => {
      const a = (await ledger().reserve(newPartnerRequest())).request;
      const cleared = await ledger().settle(a.id, { status: 'cleared', type: 'allocation' });
      assert.equal(cleared?.moved, true);
      assert.equal(cleared?.request.status, 'cleared');
      assert.ok(cleared?.request.clearedAt instanceof Date);
      assert.ok(cleared!.request.updatedAt.getTime() >= a.updatedAt.getTime());
      const again = await ledger().settle(a.id, { status: 'cleared' });
      assert.deepEqual(again, { request: cleared!.request, moved: false });
      const late = await ledger().settle(a.id, { status: 'released', rejectReason: 'too late' });
      assert.equal(late?.moved, false);
      assert.equal(late?.request.status, 'cleared');

      const b = (await ledger().reserve(newPartnerRequest({ type: 'deallocation' }))).request;
      const wrongType = await ledger().settle(b.id, { status: 'cleared', type: 'allocation' });
      assert.equal(wrongType?.moved, false);
      assert.equal(wrongType?.request.status, 'reserved');
      const released = await ledger().settle(b.id, { status: 'released', rejectReason: 'client account frozen' });
      assert.equal(released?.moved, true);
      assert.equal(released?.request.status, 'released');
      assert.equal(released?.request.rejectReason, 'client account frozen');
      assert.equal(released?.request.clearedAt, null);

      assert.equal(await ledger().settle(randomUUID(), { status: 'cleared' }), undefined);
    });

    it('racing clear and release of one reservation: exactly one moves it (10 rounds)', async () => {
      for (let round = 0; round < 10; round++) {
        const { id } = (await ledger().reserve(newPartnerRequest())).request;
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            ledgers[i % ledgers.length]!.settle(id, i % 2 ? { status: 'cleared' } : { status: 'released', rejectReason: `r${i}` }),
          ),
        );
        const movers = answers.filter((a) => a?.moved);
        assert.equal(movers.length, 1);
        const final = await ledger().find(id);
        assert.equal(final?.status, movers[0]!.request.status);
      }
    });

    it('the database refuses what the ledger must never hold', async () => {
      const db = t.store.db;
      const row = (over: Record<string, unknown>) => ({
        id: randomUUID(), enterprise_id: PARTNER, type: 'allocation', currency: 'ofctbtc', quantity: '1', client_id: 'c',
        connection_id: 'k', partners_connection_id: 'p', ...over,
      });
      const insert = (over: Record<string, unknown>) =>
        sql`INSERT INTO partner_ledger ${sql.raw('(')}${sql.join(Object.keys(row(over)).map((k) => sql.id(k)))}${sql.raw(')')}
            VALUES (${sql.join(Object.values(row(over)))})`.execute(db);
      await insert({});
      for (const bad of [{ quantity: '1.5' }, { quantity: '-1' }, { quantity: '0' }, { quantity: '01' }, { type: 'transfer' }, { status: 'pending' }, { status: 'cleared' }, { reject_reason: 'x' }]) {
        await assert.rejects(insert(bad), Error, JSON.stringify(bad));
      }
    });

    it('a jti is accepted once, also by 10 racing calls over every replica; expired ones are swept', async () => {
      const expiresAt = new Date(Date.now() + 60_000);
      for (let round = 0; round < 5; round++) {
        const jti = randomUUID();
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => jtis[i % jtis.length]!.accept(jti, expiresAt)));
        assert.equal(answers.filter(Boolean).length, 1);
        assert.equal(await jtis[0]!.accept(jti, expiresAt), false);
      }
      const old = randomUUID();
      const recent = randomUUID();
      assert.equal(await jtis[0]!.accept(old, new Date(Date.now() - 600_000)), true);
      assert.equal(await jtis[0]!.accept(recent, new Date(Date.now() - 1_000)), true);
      const deleted = await jtis[0]!.deleteExpired(60_000);
      assert.ok(deleted >= 1);
      assert.equal(await jtis[0]!.accept(recent, new Date()), false, 'expired less than the grace ago: still refused');
      assert.equal(await jtis[0]!.accept(expiresAt.toISOString(), expiresAt), true);
    });
  });

  describe(`partner ledger list on ${engine.name}`, () => {
    let t: TestDatabase;
    let ledger: SqlPartnerLedgerStore;
    before(async () => {
      t = await engine.open();
      ledger = new SqlPartnerLedgerStore(t.store.db);
    });
    after(async () => {
      await t?.dispose();
    });

    const TYPES: PartnerRequestType[] = ['allocation', 'deallocation'];
    const STATUSES: PartnerRequestStatus[] = ['reserved', 'cleared', 'released'];
    const BASE = Date.parse('2026-03-01T00:00:00.000Z');
    const CONNECTIONS = ['0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f', '1d7e2f9b-3c4a-4d6e-8f7a-8b9c0d1e2f3a'];
    const CLIENTS = ['3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11', '2a3b4c5d-6e7f-4a8b-9c0d-e1f2a3b4c5d6'];
    const spec = fc.record({
      // Few distinct instants, so ties on received_at are common and the id must break them.
      at: fc.integer({ min: 0, max: 5 }).map((step) => BASE + step * 1_000),
      type: fc.constantFrom(...TYPES),
      status: fc.constantFrom(...STATUSES),
      connection: fc.constantFrom(...CONNECTIONS),
      client: fc.constantFrom(...CLIENTS),
    });
    const filterSpec: fc.Arbitrary<PartnerRequestFilter> = fc.record(
      {
        types: fc.subarray(TYPES),
        statuses: fc.subarray(STATUSES),
        connectionIds: fc.subarray(CONNECTIONS),
        clientIds: fc.subarray(CLIENTS),
        receivedOnOrAfter: fc.integer({ min: 0, max: 6 }).map((step) => new Date(BASE + step * 1_000)),
        receivedBefore: fc.integer({ min: 0, max: 6 }).map((step) => new Date(BASE + step * 1_000)),
      },
      { requiredKeys: [] },
    );
    const newestFirst = (a: PartnerRequest, b: PartnerRequest): number =>
      b.receivedAt.getTime() - a.receivedAt.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);
    const matches = (row: PartnerRequest, f: PartnerRequestFilter): boolean =>
      (!f.types || f.types.includes(row.type)) &&
      (!f.statuses || f.statuses.includes(row.status)) &&
      (!f.connectionIds || f.connectionIds.includes(row.connectionId)) &&
      (!f.clientIds || f.clientIds.includes(row.clientId)) &&
      (!f.receivedOnOrAfter || row.receivedAt >= f.receivedOnOrAfter) &&
      (!f.receivedBefore || row.receivedAt < f.receivedBefore);
    const cursor = (row: PartnerRequest): PartnerRequestCursor => ({ receivedAt: row.receivedAt, id: row.id });
    const ids = (rows: PartnerRequest[]) => rows.map((row) => row.id);

    it('pages forward and backward through exactly the filtered rows, newest first, only the enterprise\'s own (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(spec, { maxLength: 20 }), filterSpec, fc.integer({ min: 1, max: 4 }), async (specs, filter, size) => {
          const enterpriseId = randomUUID();
          // Another enterprise's rows at the same instants must never show.
          await ledger.reserve(newPartnerRequest({ enterpriseId: randomUUID() }));
          const rows: PartnerRequest[] = [];
          for (const s of specs) {
            const { request } = await ledger.reserve(newPartnerRequest({ enterpriseId, type: s.type, connectionId: s.connection, clientId: s.client }));
            await sql`UPDATE partner_ledger SET received_at = ${new Date(s.at)}, status = ${s.status},
                cleared_at = CASE WHEN ${s.status}::text = 'cleared' THEN now() END WHERE id = ${request.id}`.execute(t.store.db);
            rows.push((await ledger.find(request.id))!);
          }
          const expected = rows.filter((row) => matches(row, filter)).sort(newestFirst);
          const forward: PartnerRequest[] = [];
          let afterCursor: PartnerRequestCursor | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = await ledger.page({ enterpriseId, filter, after: afterCursor, take: 'first', limit: size + 1 });
            forward.push(...page.slice(0, size));
            if (page.length <= size) break;
            afterCursor = cursor(page[size - 1]!);
          }
          assert.deepEqual(ids(forward), ids(expected));
          assert.deepEqual(forward, expected, 'rows come back as stored');
          const backward: PartnerRequest[][] = [];
          let beforeCursor: PartnerRequestCursor | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = await ledger.page({ enterpriseId, filter, before: beforeCursor, take: 'last', limit: size + 1 });
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
  });
}
