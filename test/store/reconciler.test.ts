import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import type { DueSignedRequestsQuery } from '../../src/store/journal.store.js';
import { engines, newRequest, type TestDatabase } from './engines.js';

const due = (worker: string, overrides: Partial<DueSignedRequestsQuery> = {}): DueSignedRequestsQuery => ({
  worker,
  limit: 100,
  idleMs: 0,
  leaseMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 600_000,
  ...overrides,
});

for (const engine of engines) {
  describe(`reconciler queries on ${engine.name}`, () => {
    let t: TestDatabase;
    let replicas: SqlJournalStore[];
    before(async () => {
      t = await engine.open();
      replicas = [t.journal];
      if (engine.name === 'postgres') {
        for (let i = 0; i < 3; i++) replicas.push(new SqlJournalStore((await t.openReplica()).db));
      }
    });
    after(async () => {
      await t?.dispose();
    });
    beforeEach(async () => {
      // Each test starts with no unsettled rows (nothing is deleted: earlier rows are settled by hand).
      await sql`UPDATE signed_requests SET state = 'settled', settled_at = now() WHERE state IN ('pending', 'unknown')`.execute(t.store.db);
    });

    it('hands out only unsettled rows that are idle and due, oldest due first, and moves them past the lease', async () => {
      const pending = (await t.journal.claim(newRequest())).request;
      const unknown = (await t.journal.claim(newRequest())).request;
      const settled = (await t.journal.claim(newRequest())).request;
      const abandoned = (await t.journal.claim(newRequest())).request;
      await t.journal.recordAnswer(unknown.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, recordId: null, recordStatus: null, message: 'timeout' } });
      await t.journal.recordAnswer(settled.id, { definite: true, outcome: { httpStatus: 200, recordId: 'a', recordStatus: 'cleared', message: null } });
      await sql`UPDATE signed_requests SET state = 'abandoned' WHERE id = ${abandoned.id}`.execute(t.store.db);

      // Not idle for an hour yet: nothing is due (a mutation may still be retrying these).
      assert.deepEqual(await t.journal.claimDue(due('w1', { idleMs: 3_600_000 })), []);

      const taken = await t.journal.claimDue(due('w1'));
      assert.deepEqual(taken.map((row) => row.id).sort(), [pending.id, unknown.id].sort());
      for (const row of taken) {
        assert.equal(row.round, 1);
        assert.ok(row.nextAttemptAt.getTime() - Date.now() > 55_000, 'next attempt after the lease');
        assert.equal(row.body, row.id === pending.id ? pending.body : unknown.body);
      }
      // Leased: no one else gets them, however often they ask.
      assert.deepEqual(await t.journal.claimDue(due('w2')), []);

      // Lease over: the second round's backoff is 2 × base (over the 10 ms lease here).
      await sql`UPDATE signed_requests SET next_attempt_at = now() - interval '1 second' WHERE id IN (${pending.id}, ${unknown.id})`.execute(t.store.db);
      const again = await t.journal.claimDue(due('w2', { leaseMs: 10, backoffBaseMs: 5_000 }));
      assert.equal(again.length, 2);
      for (const row of again) {
        assert.equal(row.round, 2);
        const delay = row.nextAttemptAt.getTime() - Date.now();
        assert.ok(delay > 8_000 && delay <= 10_000, `backoff ${delay} ms ≈ 10 s`);
      }
      // Backoff is capped.
      await sql`UPDATE signed_requests SET next_attempt_at = now() - interval '1 second', reconcile_rounds = 30 WHERE id = ${pending.id}`.execute(t.store.db);
      const capped = await t.journal.claimDue(due('w3', { leaseMs: 10, backoffBaseMs: 5_000, backoffMaxMs: 20_000 }));
      assert.equal(capped.length, 1);
      const delay = capped[0]!.nextAttemptAt.getTime() - Date.now();
      assert.ok(delay > 18_000 && delay <= 20_000, `capped backoff ${delay} ms`);
      const owner = await t.store.db.selectFrom('signed_requests').select('lease_owner').where('id', '=', pending.id).executeTakeFirstOrThrow();
      assert.equal(owner.lease_owner, 'w3');
    });

    it('an attempt or answer resets idleness; the limit bounds one call', async () => {
      const rows = await Promise.all(Array.from({ length: 5 }, () => t.journal.claim(newRequest())));
      await sql`UPDATE signed_requests SET updated_at = now() - interval '1 hour' WHERE state = 'pending'`.execute(t.store.db);
      await t.journal.recordAttempt(rows[0]!.request.id);
      const first = await t.journal.claimDue(due('w1', { idleMs: 60_000, limit: 3 }));
      assert.equal(first.length, 3);
      assert.ok(!first.some((row) => row.id === rows[0]!.request.id), 'the row just attempted is not idle');
      const second = await t.journal.claimDue(due('w2', { idleMs: 60_000, limit: 3 }));
      assert.equal(second.length, 1);
    });

    it('concurrent workers never get the same row within a lease', async () => {
      const total = 120;
      await Promise.all(Array.from({ length: total }, (_, i) => replicas[i % replicas.length]!.claim(newRequest())));
      const workers = Array.from({ length: 8 }, (_, i) => ({ name: `worker-${i}`, journal: replicas[i % replicas.length]! }));
      const takenBy = new Map<string, string>();
      let calls = 0;
      await Promise.all(
        workers.map(async ({ name, journal }) => {
          for (;;) {
            calls++;
            const rows = await journal.claimDue(due(name, { limit: 1 + (calls % 7) }));
            if (rows.length === 0) return;
            for (const row of rows) {
              assert.equal(takenBy.get(row.id), undefined, `row ${row.id} handed to ${takenBy.get(row.id)} and ${name}`);
              takenBy.set(row.id, name);
            }
          }
        }),
      );
      assert.equal(takenBy.size, total, 'every due row handed out once');
      assert.deepEqual(await t.journal.claimDue(due('late')), []);
    });

    it('abandon marks unsettled rows past the maximum age, appends an event, and a late definite answer still settles', async () => {
      const old = (await t.journal.claim(newRequest())).request;
      const oldUnknown = (await t.journal.claim(newRequest())).request;
      const young = (await t.journal.claim(newRequest())).request;
      const oldSettled = (await t.journal.claim(newRequest())).request;
      await t.journal.recordAnswer(oldUnknown.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, recordId: null, recordStatus: null, message: 'timeout' } });
      await t.journal.recordAnswer(oldSettled.id, { definite: true, outcome: { httpStatus: 200, recordId: 'a', recordStatus: 'cleared', message: null } });
      await sql`UPDATE signed_requests SET created_at = now() - interval '25 hours' WHERE id IN (${old.id}, ${oldUnknown.id}, ${oldSettled.id})`.execute(t.store.db);

      const abandoned = await t.journal.abandon(24 * 3_600_000);
      assert.deepEqual(abandoned.sort(), [old.id, oldUnknown.id].sort());
      assert.equal((await t.journal.findById(old.id))?.state, 'abandoned');
      assert.equal((await t.journal.findById(oldUnknown.id))?.state, 'abandoned');
      assert.equal((await t.journal.findById(young.id))?.state, 'pending');
      assert.equal((await t.journal.findById(oldSettled.id))?.state, 'settled');
      assert.deepEqual((await t.journal.events(old.id)).map((event) => event.type), ['committed', 'attempt', 'abandoned']);
      assert.deepEqual(await t.journal.abandon(24 * 3_600_000), [], 'abandoning is done once');
      assert.ok(!(await t.journal.claimDue(due('w'))).some((row) => row.id === old.id), 'an abandoned row is not reconciled');

      await t.journal.recordAnswer(old.id, { definite: false, state: 'pending', outcome: { httpStatus: 500, recordId: null, recordStatus: null, message: 'retriable' } });
      assert.equal((await t.journal.findById(old.id))?.state, 'abandoned');
      await t.journal.recordAnswer(old.id, { definite: true, outcome: { httpStatus: 200, recordId: 'late', recordStatus: 'cleared', message: null } });
      const settled = await t.journal.findById(old.id);
      assert.equal(settled?.state, 'settled');
      assert.equal(settled?.outcome?.recordId, 'late');
    });
  });
}
