import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { engines, newRequest, type TestDatabase } from './engines.js';

for (const engine of engines) {
  describe(`claim races on ${engine.name}`, () => {
    let t: TestDatabase;
    let journals: SqlJournalStore[];
    before(async () => {
      t = await engine.open();
      // On PostgreSQL two replicas: two Stores, each with its own pool. PGlite is one process's store by design.
      journals = engine.name === 'postgres' ? [t.journal, new SqlJournalStore((await t.openReplica()).db)] : [t.journal];
    });
    after(async () => {
      await t?.dispose();
    });

    it('50 concurrent claims of one key with different bytes make one row, and everyone gets its bytes', async () => {
      for (let round = 0; round < 5; round++) {
        const key = newRequest();
        const claims = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            journals[i % journals.length]!.claim({ ...key, body: `${key.body}#${i}`, nonce: `nonce-${i}`, fingerprint: `fp-${i}` }),
          ),
        );
        const created = claims.filter((claim) => claim.created);
        assert.equal(created.length, 1, 'exactly one claim created the row');
        const winner = created[0]!.request;
        for (const claim of claims) {
          assert.equal(claim.request.id, winner.id);
          assert.equal(claim.request.body, winner.body);
          assert.equal(claim.request.nonce, winner.nonce);
          assert.equal(claim.request.fingerprint, winner.fingerprint);
        }
        const count = await t.store.db
          .selectFrom('signed_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('idempotency_key', '=', key.idempotencyKey)
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 1);
        const events = await t.journal.events(winner.id);
        assert.deepEqual(events.map((event) => event.type), ['committed', 'attempt'], 'one committed event, one attempt (the creator\'s)');
      }
    });

    it('concurrent claims of many distinct keys all create their own row', async () => {
      const requests = Array.from({ length: 40 }, () => newRequest());
      const claims = await Promise.all(requests.map((request, i) => journals[i % journals.length]!.claim(request)));
      assert.ok(claims.every((claim) => claim.created));
      assert.equal(new Set(claims.map((claim) => claim.request.id)).size, 40);
    });
  });
}
