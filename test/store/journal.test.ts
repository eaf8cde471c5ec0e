import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
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

    it('claim commits the exact bytes once and answers the same row to a second claim of the key', async () => {
      const request = newRequest();
      const first = await t.journal.claim(request);
      assert.equal(first.created, true);
      assert.equal(first.request.state, 'pending');
      assert.equal(first.request.attempts, 0);
      assert.equal(first.request.outcome, null);
      assert.equal(first.request.settledAt, null);
      assert.match(first.request.id, /^[0-9]+$/);
      for (const field of ['enterpriseId', 'kind', 'idempotencyKey', 'fingerprint', 'method', 'path', 'body', 'payload', 'nonce',
        'signatureSha256', 'caller', 'clientExternalId', 'allocationId', 'connectionId', 'currency', 'quantity'] as const) {
        assert.equal(first.request[field], request[field], field);
      }
      assert.equal(typeof first.request.quantity, 'string');
      assert.equal(BigInt(first.request.quantity), 123456789012345678901234567890n);

      // Same key, different bytes: the first row's bytes win and the caller learns it was not created.
      const second = await t.journal.claim({ ...request, body: '{"other":true}', fingerprint: 'other', nonce: 'n2' });
      assert.equal(second.created, false);
      assert.deepEqual(second.request, first.request);
      assert.deepEqual(await t.journal.find(request), first.request);
      assert.deepEqual(await t.journal.findById(first.request.id), first.request);
    });

    it('keys are (enterprise, kind, idempotency key): each part tells rows apart', async () => {
      const base = newRequest();
      const rows = await Promise.all([
        t.journal.claim(base),
        t.journal.claim({ ...base, enterpriseId: '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e' }),
        t.journal.claim({ ...base, kind: 'deallocate' }),
        t.journal.claim({ ...base, idempotencyKey: `${base.idempotencyKey}-x` }),
      ]);
      assert.ok(rows.every((row) => row.created));
      assert.equal(new Set(rows.map((row) => row.request.id)).size, 4);
      assert.equal(await t.journal.find({ ...base, kind: 'update_allocation' }), undefined);
      assert.equal(await t.journal.findById('999999999999'), undefined);
      assert.equal(await t.journal.findById('not-an-id'), undefined);
    });

    it('a quantity that is not a decimal string is refused by the database', async () => {
      await assert.rejects(t.journal.claim(newRequest({ quantity: '1e30' })));
      await assert.rejects(t.journal.claim(newRequest({ quantity: '-5' })));
    });

    it('a definite answer settles the row; later answers are events only', async () => {
      const { request } = await t.journal.claim(newRequest());
      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, {
        definite: true,
        outcome: { httpStatus: 200, allocationId: 'alloc-1', allocationStatus: 'cleared', message: null },
      });
      const settled = await t.journal.findById(request.id);
      assert.equal(settled?.state, 'settled');
      assert.ok(settled?.settledAt instanceof Date);
      assert.equal(settled?.attempts, 1);
      assert.deepEqual(settled?.outcome, { httpStatus: 200, allocationId: 'alloc-1', allocationStatus: 'cleared', message: null });

      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, allocationId: null, allocationStatus: null, message: 'timeout' } });
      await t.journal.recordAnswer(request.id, { definite: true, outcome: { httpStatus: 422, allocationId: 'alloc-1', allocationStatus: 'released', message: 'late' } });
      const after = await t.journal.findById(request.id);
      assert.equal(after?.state, 'settled');
      assert.equal(after?.settledAt?.getTime(), settled?.settledAt?.getTime());
      assert.deepEqual(after?.outcome, settled?.outcome);
      assert.equal(after?.attempts, 2);

      const events = await t.journal.events(request.id);
      assert.deepEqual(events.map((event) => event.type), ['committed', 'attempt', 'answer', 'attempt', 'answer', 'answer']);
      assert.deepEqual(events.map((event) => event.outcome?.httpStatus ?? null), [null, null, 200, null, null, 422]);
      assert.equal(events[4]?.outcome?.message, 'timeout');
      for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at.getTime() >= events[i - 1]!.at.getTime());
    });

    it('an indefinite answer keeps the row unsettled with the last outcome; unknown is sticky; a definite answer settles it', async () => {
      const { request } = await t.journal.claim(newRequest());
      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, { definite: false, state: 'pending', outcome: { httpStatus: 500, allocationId: null, allocationStatus: null, message: 'retriable' } });
      let row = await t.journal.findById(request.id);
      assert.equal(row?.state, 'pending');
      assert.equal(row?.settledAt, null);
      assert.deepEqual(row?.outcome, { httpStatus: 500, allocationId: null, allocationStatus: null, message: 'retriable' });

      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, allocationId: null, allocationStatus: null, message: 'network' } });
      assert.equal((await t.journal.findById(request.id))?.state, 'unknown');

      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, { definite: false, outcome: { httpStatus: 500, allocationId: 'alloc-2', allocationStatus: 'reserved', message: 'retriable' } });
      row = await t.journal.findById(request.id);
      assert.equal(row?.state, 'unknown');
      assert.equal(row?.outcome?.allocationStatus, 'reserved');

      await t.journal.recordAttempt(request.id);
      await t.journal.recordAnswer(request.id, { definite: true, outcome: { httpStatus: 200, allocationId: 'alloc-2', allocationStatus: 'reserved', message: null } });
      row = await t.journal.findById(request.id);
      assert.equal(row?.state, 'settled');
      assert.equal(row?.attempts, 4);
      assert.deepEqual((await t.journal.events(request.id)).map((event) => event.type), [
        'committed', 'attempt', 'answer', 'attempt', 'answer', 'attempt', 'answer', 'attempt', 'answer',
      ]);
    });

    it('recording on a row that does not exist fails loudly', async () => {
      await assert.rejects(t.journal.recordAttempt('987654321987'), /no signed request/);
      await assert.rejects(
        t.journal.recordAnswer('987654321987', { definite: true, outcome: { httpStatus: 200, allocationId: null, allocationStatus: null, message: null } }),
        /no signed request/,
      );
      await assert.rejects(t.journal.recordAttempt('1; drop table signed_requests'), /no signed request/);
    });

    it('eventsFor loads many rows in one call, each in order, unknown ids empty', async () => {
      const a = (await t.journal.claim(newRequest())).request;
      const b = (await t.journal.claim(newRequest())).request;
      await t.journal.recordAttempt(b.id);
      await t.journal.recordAttempt(a.id);
      await t.journal.recordAnswer(b.id, { definite: true, outcome: { httpStatus: 200, allocationId: 'x', allocationStatus: 'cleared', message: null } });
      const events = await t.journal.eventsFor([a.id, b.id, '424242424242', 'junk']);
      assert.deepEqual([...events.keys()], [a.id, b.id, '424242424242', 'junk']);
      assert.deepEqual(events.get(a.id)?.map((event) => event.type), ['committed', 'attempt']);
      assert.deepEqual(events.get(b.id)?.map((event) => event.type), ['committed', 'attempt', 'answer']);
      assert.deepEqual(events.get('424242424242'), []);
      assert.deepEqual(events.get('junk'), []);
      assert.equal(events.get(a.id)?.[0]?.at.getTime(), a.createdAt.getTime());
    });

    it('unsettledStats counts pending and unknown rows and names the oldest', async () => {
      const before = await t.journal.unsettledStats();
      const a = (await t.journal.claim(newRequest())).request;
      const b = (await t.journal.claim(newRequest())).request;
      await sql`UPDATE signed_requests SET created_at = ${new Date('2001-02-03T04:05:06.789Z')} WHERE id = ${a.id}`.execute(t.store.db);
      await t.journal.recordAnswer(b.id, { definite: false, state: 'unknown', outcome: { httpStatus: null, allocationId: null, allocationStatus: null, message: 'timeout' } });
      const during = await t.journal.unsettledStats();
      assert.equal(typeof during.count, 'number');
      assert.equal(during.count, before.count + 2);
      assert.equal(during.oldestCreatedAt?.toISOString(), '2001-02-03T04:05:06.789Z');
      await t.journal.recordAnswer(a.id, { definite: true, outcome: { httpStatus: 200, allocationId: 'z', allocationStatus: 'cleared', message: null } });
      await t.journal.recordAnswer(b.id, { definite: true, outcome: { httpStatus: 200, allocationId: 'y', allocationStatus: 'cleared', message: null } });
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
      assert.equal((await t.journal.findById(request.id))?.attempts, 20);
      // A failed transaction rolls back and leaves the session usable.
      await assert.rejects(
        t.store.db.transaction().execute(async (tx) => {
          await tx.updateTable('signed_requests').set({ attempts: 99 } as never).where('id', '=', request.id).execute();
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal((await t.journal.findById(request.id))?.attempts, 20);
    });
  });
}
