import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { FIND_BY_KEY } from '../../src/store/journal.sql.js';
import { engines, newRequest, type TestDatabase } from './engines.js';

for (const engine of engines) {
  describe(`journal on ${engine.name}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await engine.open();
    });
    after(async () => {
      await t?.dispose();
    });

    it('findById reads any row, released ones included; ids that name no row answer nothing', async () => {
      const request = newRequest();
      const { request: row } = await t.journal.claim(request);
      assert.match(row.id, /^[0-9]+$/);
      assert.deepEqual(await t.journal.findById(row.id), row);
      await t.journal.recordAnswer(row.id, { definite: true, releasesKey: true, outcome: { httpStatus: 400, recordId: null, recordStatus: null, message: 'bad' } });
      const released = await t.journal.findById(row.id);
      assert.equal(released?.state, 'settled');
      assert.equal(released?.outcome?.httpStatus, 400);
      assert.equal(await t.journal.find(request), undefined);
      assert.equal(await t.journal.findById('999999999999'), undefined);
      assert.equal(await t.journal.findById('not-an-id'), undefined);
      await assert.rejects(t.journal.recordAttempt('1; drop table signed_requests'), /no signed request/);
    });

    it('the database itself lets one row hold a key, and only a settled row give it up', async () => {
      const request = newRequest();
      const { request: row } = await t.journal.claim(request);
      const insert = (holds: boolean, state: string) =>
        sql`INSERT INTO signed_requests (enterprise_id, kind, idempotency_key, fingerprint, method, path, body, payload, nonce,
              signature_sha256, caller, currency, quantity, holds_key, state, settled_at)
            VALUES (${request.enterpriseId}, ${request.kind}, ${request.idempotencyKey}, 'f', 'POST', '/p', '{}', '{}', 'n', 's', 'service',
              'ofctbtc', '1', ${holds}, ${state}, ${state === 'settled' ? new Date() : null})`.execute(t.store.db);
      await assert.rejects(insert(true, 'pending'), /signed_requests_key|duplicate key/, 'a second holder of the key');
      await assert.rejects(insert(false, 'pending'), /signed_requests_released|check constraint/, 'an unsettled row that holds no key');
      await insert(false, 'settled');
      assert.equal((await t.journal.find(request))?.id, row.id);
    });

    it('keeps a request of a kind without one amount (migration 0005): no currency or quantity, a subject id, and the database refuses half an amount or a misspelt kind', async () => {
      const request = { ...newRequest(), kind: 'update_allocation' as const, currency: null, quantity: null, subjectId: 'settlement-1' };
      const { request: row, created } = await t.journal.claim(request);
      assert.equal(created, true);
      assert.deepEqual([row.currency, row.quantity, row.subjectId], [null, null, 'settlement-1']);
      assert.deepEqual(await t.journal.findById(row.id), row);
      const insert = (kind: string, currency: string | null, quantity: string | null) =>
        sql`INSERT INTO signed_requests (enterprise_id, kind, idempotency_key, fingerprint, method, path, body, payload, nonce,
              signature_sha256, caller, currency, quantity)
            VALUES (${request.enterpriseId}, ${kind}, ${`k-${kind}-${currency}`}, 'f', 'POST', '/p', '{}', '{}', 'n', 's', 'service', ${currency}, ${quantity})`.execute(t.store.db);
      await assert.rejects(insert('allocate', 'ofctbtc', null), /signed_requests_amount_whole|check constraint/, 'a currency without a quantity');
      await assert.rejects(insert('Allocate/x', null, null), /signed_requests_kind_check|check constraint/, 'a kind that could break the key');
      await assert.rejects(insert('allocate', 'ofctbtc', '-1'), /signed_requests_quantity_check|check constraint/, 'a quantity that is not base units');
      await insert('settle', null, null);
    });

    it('maintain() vacuums and analyzes the journal on the embedded engine (it has no autovacuum); on PostgreSQL autovacuum does', async () => {
      const rows = await Promise.all(Array.from({ length: 30 }, () => t.journal.claim(newRequest())));
      for (const { request } of rows) await t.journal.recordAnswer(request.id, { definite: true, outcome: { httpStatus: 200, recordId: 'a', recordStatus: 'cleared', message: null } });
      await t.store.maintain();
      const { rows: stats } = await sql<{ vacuumed: boolean; analyzed: boolean }>`
        SELECT last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
        WHERE relname = 'signed_requests' AND schemaname = ${t.store.schema}`.execute(t.store.db);
      assert.deepEqual(stats[0], engine.name === 'pglite' ? { vacuumed: true, analyzed: true } : { vacuumed: false, analyzed: false });
    });

    it('the key look-up stays on the unique key index whatever the statistics say (a new enterprise, stale stats, a prepared plan)', async () => {
      const enterpriseId = '5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
      // Statistics taken before this enterprise had a row; then it grows past them.
      await sql`ANALYZE signed_requests`.execute(t.store.db);
      for (let i = 0; i < 6; i++) await t.journal.find({ enterpriseId, kind: 'allocate', idempotencyKey: `none-${i}` });
      for (let i = 0; i < 400; i++) {
        const { request } = await t.journal.claim(newRequest({ enterpriseId }));
        await t.journal.recordAnswer(request.id, { definite: true, outcome: { httpStatus: 200, recordId: `a-${i}`, recordStatus: 'cleared', message: null } });
      }
      const withValues = FIND_BY_KEY.replace(/\$1/g, `'${enterpriseId}'`).replace(/\$2/g, "'allocate'").replace(/\$3/g, "'none'");
      const plans = [await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${withValues}`).execute(t.store.db)];
      // PGlite's one session holds the prepared statement itself: its plan, too.
      if (engine.name === 'pglite') plans.push(await sql<{ 'QUERY PLAN': string }>`EXPLAIN EXECUTE journal_find_by_key(${sql.lit(enterpriseId)}, 'allocate', 'none')`.execute(t.store.db));
      for (const plan of plans) assert.match(plan.rows[0]!['QUERY PLAN'], /^Index Scan using signed_requests_key /, plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    });

    it('a quantity that is not a decimal string is refused by the database', async () => {
      await assert.rejects(t.journal.claim(newRequest({ quantity: '1e30' })));
      await assert.rejects(t.journal.claim(newRequest({ quantity: '-5' })));
    });

    it('eventsFor loads many rows in one call, each in order, unknown ids empty', async () => {
      const a = (await t.journal.claim(newRequest())).request;
      const b = (await t.journal.claim(newRequest())).request;
      await t.journal.recordAttempt(b.id);
      await t.journal.recordAttempt(a.id);
      await t.journal.recordAnswer(b.id, { definite: true, outcome: { httpStatus: 200, recordId: 'x', recordStatus: 'cleared', message: null } });
      const events = await t.journal.eventsFor([a.id, b.id, '424242424242', 'junk']);
      assert.deepEqual([...events.keys()], [a.id, b.id, '424242424242', 'junk']);
      assert.deepEqual(events.get(a.id)?.map((event) => event.type), ['committed', 'attempt', 'attempt']);
      assert.deepEqual(events.get(b.id)?.map((event) => event.type), ['committed', 'attempt', 'attempt', 'answer']);
      assert.deepEqual(events.get('424242424242'), []);
      assert.deepEqual(events.get('junk'), []);
      assert.equal(events.get(a.id)?.[0]?.at.getTime(), a.createdAt.getTime());
    });

    it('unsettledStats counts pending and unknown rows and names the oldest', async () => {
      const before = await t.journal.unsettledStats();
      const a = (await t.journal.claim(newRequest())).request;
      const b = (await t.journal.claim(newRequest())).request;
      await sql`UPDATE signed_requests SET created_at = ${new Date('2001-02-03T04:05:06.789Z')} WHERE id = ${a.id}`.execute(t.store.db);
      await t.journal.recordAnswer(b.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, recordId: null, recordStatus: null, message: 'timeout' } });
      const during = await t.journal.unsettledStats();
      assert.equal(typeof during.count, 'number');
      assert.equal(during.count, before.count + 2);
      assert.equal(during.oldestCreatedAt?.toISOString(), '2001-02-03T04:05:06.789Z');
      await t.journal.recordAnswer(a.id, { definite: true, outcome: { httpStatus: 200, recordId: 'z', recordStatus: 'cleared', message: null } });
      await t.journal.recordAnswer(b.id, { definite: true, outcome: { httpStatus: 200, recordId: 'y', recordStatus: 'cleared', message: null } });
      assert.deepEqual(await t.journal.unsettledStats(), before);
    });

    it('transactions are serialised: concurrent read-modify-write transactions lose no update', async () => {
      const { request } = await t.journal.claim(newRequest());
      // Each transaction reads attempts and writes attempts + 1 in two statements: on PGlite's single session
      // anything interleaving would lose updates or run inside another's transaction; on PostgreSQL FOR UPDATE does it.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          t.store.db.transaction().execute(async (tx) => {
            const row = await tx.selectFrom('signed_requests').select('attempts').where('id', '=', request.id).forUpdate().executeTakeFirstOrThrow();
            await new Promise((resolve) => setImmediate(resolve));
            await tx.updateTable('signed_requests').set({ attempts: row.attempts + 1 } as never).where('id', '=', request.id).execute();
          }),
        ),
      );
      assert.equal((await t.journal.findById(request.id))?.attempts, 1 + 20, 'the claim\'s first send and the 20 updates');
      // A failed transaction rolls back and leaves the session usable.
      await assert.rejects(
        t.store.db.transaction().execute(async (tx) => {
          await tx.updateTable('signed_requests').set({ attempts: 99 } as never).where('id', '=', request.id).execute();
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal((await t.journal.findById(request.id))?.attempts, 21);
    });
  });
}
