import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JournalStore, SignedRequestOutcome } from '../../src/store/journal.store.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';
import { engines, newRequest } from './engines.js';

/**
 * The port's rules, one suite for every implementation: the in-memory journal (unit tests' stand-in) and the SQL
 * journal on each engine. Whatever one store does, the others must do the same.
 */
interface Subject {
  name: string;
  open(): Promise<{ journal: JournalStore; dispose(): Promise<void> }>;
}

const subjects: Subject[] = [
  { name: 'memory', open: async () => ({ journal: new MemoryJournalStore(), dispose: async () => {} }) },
  ...engines.map((engine) => ({ name: engine.name, open: () => engine.open() })),
];

const outcome = (overrides: Partial<SignedRequestOutcome> = {}): SignedRequestOutcome => ({
  httpStatus: 200,
  recordId: 'alloc-1',
  recordStatus: 'cleared',
  message: null,
  ...overrides,
});
const noAnswer = outcome({ httpStatus: null, recordId: null, recordStatus: null, message: 'timeout' });

for (const subject of subjects) {
  describe(`journal behaviour: ${subject.name}`, () => {
    let journal: JournalStore;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ journal, dispose } = await subject.open());
    });
    after(async () => {
      await dispose?.();
    });

    it('claim commits the exact bytes counted as sent once; a second claim of the key gets that row, uncounted', async () => {
      const request = newRequest();
      const first = await journal.claim(request);
      assert.equal(first.created, true);
      assert.equal(first.request.state, 'pending');
      assert.equal(first.request.attempts, 1);
      assert.equal(first.request.outcome, null);
      assert.equal(first.request.settledAt, null);
      for (const field of ['enterpriseId', 'kind', 'idempotencyKey', 'fingerprint', 'method', 'path', 'body', 'payload', 'nonce',
        'signatureSha256', 'caller', 'clientExternalId', 'allocationId', 'connectionId', 'currency', 'quantity'] as const) {
        assert.equal(first.request[field], request[field], field);
      }
      assert.equal(BigInt(first.request.quantity!), 123456789012345678901234567890n);
      assert.deepEqual((await journal.events(first.request.id)).map((event) => event.type), ['committed', 'attempt']);

      const second = await journal.claim({ ...request, body: '{"other":true}', fingerprint: 'other', nonce: 'n2' });
      assert.equal(second.created, false);
      assert.deepEqual(second.request, first.request);
      assert.deepEqual(await journal.find(request), first.request);
      assert.deepEqual((await journal.events(first.request.id)).map((event) => event.type), ['committed', 'attempt']);
    });

    it('keys are (enterprise, kind, idempotency key): each part tells rows apart', async () => {
      const base = newRequest();
      const rows = await Promise.all([
        journal.claim(base),
        journal.claim({ ...base, enterpriseId: '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e' }),
        journal.claim({ ...base, kind: 'deallocate' }),
        journal.claim({ ...base, idempotencyKey: `${base.idempotencyKey}-x` }),
      ]);
      assert.ok(rows.every((row) => row.created));
      assert.equal(new Set(rows.map((row) => row.request.id)).size, 4);
      assert.equal(await journal.find({ ...base, kind: 'update_allocation' }), undefined);
    });

    it('concurrent claims of one key with different bytes make one row, and everyone gets its bytes', async () => {
      const key = newRequest();
      const claims = await Promise.all(
        Array.from({ length: 30 }, (_, i) => journal.claim({ ...key, body: `${key.body}#${i}`, nonce: `nonce-${i}`, fingerprint: `fp-${i}` })),
      );
      assert.equal(claims.filter((claim) => claim.created).length, 1);
      assert.equal(new Set(claims.map((claim) => claim.request.id)).size, 1);
      assert.equal(new Set(claims.map((claim) => claim.request.body)).size, 1);
      assert.equal((await journal.find(key))?.attempts, 1, 'only the creating claim counts a send');
    });

    it('recordAttempt counts every later send and appends an event', async () => {
      const { request } = await journal.claim(newRequest());
      await journal.recordAttempt(request.id);
      await journal.recordAttempt(request.id);
      assert.equal((await journal.find(request))?.attempts, 3);
      assert.deepEqual((await journal.events(request.id)).map((event) => event.type), ['committed', 'attempt', 'attempt', 'attempt']);
    });

    it('the first definite answer settles the row and is frozen; later answers are events only', async () => {
      const { request } = await journal.claim(newRequest());
      await journal.recordAnswer(request.id, { definite: true, outcome: outcome() });
      const settled = await journal.find(request);
      assert.equal(settled?.state, 'settled');
      assert.ok(settled?.settledAt instanceof Date);
      assert.deepEqual(settled?.outcome, outcome());

      await journal.recordAttempt(request.id);
      await journal.recordAnswer(request.id, { definite: false, state: 'unknown', outcome: noAnswer });
      await journal.recordAnswer(request.id, { definite: true, outcome: outcome({ httpStatus: 422, recordStatus: 'released', message: 'late' }) });
      const later = await journal.find(request);
      assert.equal(later?.state, 'settled');
      assert.equal(later?.settledAt?.getTime(), settled?.settledAt?.getTime());
      assert.deepEqual(later?.outcome, outcome(), 'the settling answer stays the outcome');
      assert.equal(later?.attempts, 2);
      const events = await journal.events(request.id);
      assert.deepEqual(events.map((event) => event.type), ['committed', 'attempt', 'answer', 'attempt', 'answer', 'answer']);
      assert.deepEqual(events.map((event) => event.outcome?.httpStatus ?? null), [null, null, 200, null, null, 422]);
      assert.equal(events[4]?.outcome?.message, 'timeout');
      for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at.getTime() >= events[i - 1]!.at.getTime());
    });

    it('indefinite answers: pending when asked, unknown by default and sticky, the last outcome kept; a definite one settles', async () => {
      const { request } = await journal.claim(newRequest());
      const retriable = outcome({ httpStatus: 500, recordStatus: 'reserved', message: 'retriable' });
      await journal.recordAnswer(request.id, { definite: false, state: 'pending', outcome: retriable });
      let row = await journal.find(request);
      assert.equal(row?.state, 'pending');
      assert.equal(row?.settledAt, null);
      assert.deepEqual(row?.outcome, retriable);

      await journal.recordAnswer(request.id, { definite: false, outcome: noAnswer });
      assert.equal((await journal.find(request))?.state, 'unknown', 'no state given: unknown');

      await journal.recordAnswer(request.id, { definite: false, state: 'pending', outcome: retriable });
      row = await journal.find(request);
      assert.equal(row?.state, 'unknown', 'a later "retry" does not undo unknown');
      assert.deepEqual(row?.outcome, retriable, 'but it is the last outcome');

      await journal.recordAnswer(request.id, { definite: true, outcome: outcome({ recordStatus: 'reserved' }) });
      row = await journal.find(request);
      assert.equal(row?.state, 'settled');
      assert.equal(row?.outcome?.recordStatus, 'reserved');
    });

    it('a definite refusal that releases the key frees it for a corrected request; the refused row stays', async () => {
      const request = newRequest();
      const { request: refused } = await journal.claim(request);
      await journal.recordAnswer(refused.id, { definite: true, releasesKey: true, outcome: outcome({ httpStatus: 404, recordId: null, recordStatus: null, message: 'no such connection' }) });
      assert.equal(await journal.find(request), undefined, 'nothing holds the key');
      assert.deepEqual((await journal.events(refused.id)).map((event) => event.type), ['committed', 'attempt', 'answer'], 'the row is still there');

      const corrected = await journal.claim({ ...request, body: '{"corrected":true}', fingerprint: 'corrected', nonce: 'n-corrected' });
      assert.equal(corrected.created, true);
      assert.notEqual(corrected.request.id, refused.id);
      assert.equal(corrected.request.body, '{"corrected":true}');
      const again = await journal.claim({ ...request, body: '{"third":true}' });
      assert.equal(again.created, false);
      assert.equal(again.request.id, corrected.request.id, 'the corrected row holds the key now');
      assert.equal((await journal.find(request))?.id, corrected.request.id);
    });

    it('a first send\'s refusal that arrives after a repeat counted another send keeps the key, unknown', async () => {
      const request = newRequest();
      const { request: row } = await journal.claim(request);
      // A repeat (here or on another replica) found the row and sent the same bytes while the first send was out.
      await journal.recordAttempt(row.id);
      await journal.recordAnswer(row.id, { definite: true, releasesKey: true, outcome: outcome({ httpStatus: 409, recordId: null, recordStatus: null, message: 'in progress' }) });
      const held = await journal.find(request);
      assert.equal(held?.id, row.id, 'the key stays with the bytes BitGo may hold');
      assert.equal(held?.state, 'unknown');
      assert.equal(held?.settledAt, null);
      await journal.recordAnswer(row.id, { definite: true, outcome: outcome() });
      assert.equal((await journal.find(request))?.state, 'settled', 'the repeat\'s success settles it');
    });

    it('only a settling answer releases a key: not an indefinite one, not one after the row settled', async () => {
      const request = newRequest();
      const { request: row } = await journal.claim(request);
      await journal.recordAnswer(row.id, { definite: false, releasesKey: true, outcome: noAnswer });
      assert.equal((await journal.find(request))?.id, row.id);
      await journal.recordAnswer(row.id, { definite: true, outcome: outcome() });
      await journal.recordAnswer(row.id, { definite: true, releasesKey: true, outcome: outcome({ httpStatus: 400 }) });
      assert.equal((await journal.find(request))?.id, row.id, 'the settled row keeps its key');
      assert.equal((await journal.claim(request)).created, false);
    });

    it('recording on a row that does not exist fails loudly', async () => {
      await assert.rejects(journal.recordAttempt('987654321987'), /no signed request/);
      await assert.rejects(journal.recordAnswer('987654321987', { definite: true, outcome: outcome() }), /no signed request/);
    });
  });
}
