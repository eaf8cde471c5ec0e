import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JournalAdminStore } from '../../src/store/journal.store.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { engines, newRequest, type TestDatabase } from './engines.js';

const HOLD = { idleMs: 300, leaseMs: 60_000 };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** recordExclusiveAttempt: a re-send of a kind BitGo cannot deduplicate (connect) is taken by one caller at a time. */
function exclusiveSuite(name: string, open: () => Promise<{ journals: JournalAdminStore[]; dispose(): Promise<void> }>): void {
  describe(`journal: exclusive attempts on ${name}`, () => {
    let journals: JournalAdminStore[];
    let dispose: () => Promise<void>;
    before(async () => {
      ({ journals, dispose } = await open());
    });
    after(() => dispose());

    it('refuses a row still in its first send, gives an idle one to exactly one of many racing callers, and holds it from the reconciler', async () => {
      for (let round = 0; round < 2; round++) {
        const { request } = await journals[0]!.claim(newRequest({ kind: 'connect', currency: null, quantity: null }));
        assert.equal(await journals[0]!.recordExclusiveAttempt(request.id, HOLD), false, 'the send that made it may still be under way');
        await wait(HOLD.idleMs + 30);
        const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => journals[i % journals.length]!.recordExclusiveAttempt(request.id, HOLD)));
        assert.equal(taken.filter(Boolean).length, 1);
        const row = (await journals[0]!.findById(request.id))!;
        assert.equal(row.attempts, 2, 'only the winner counted a send');
        assert.deepEqual((await journals[0]!.events(request.id)).map((e) => e.type), ['committed', 'attempt', 'attempt']);
        // Held: the reconciler passes over it, however idle.
        await wait(HOLD.idleMs + 30);
        const due = await journals[0]!.claimDue({ worker: 'w', limit: 1000, idleMs: HOLD.idleMs, leaseMs: 60_000, backoffBaseMs: 1, backoffMaxMs: 1 });
        assert.ok(!due.some((d) => d.id === request.id));
        assert.equal(await journals[0]!.recordExclusiveAttempt(request.id, HOLD), false);
      }
    });

    it('never takes a settled row, nor one the reconciler holds', async () => {
      const settled = (await journals[0]!.claim(newRequest({ kind: 'connect', currency: null, quantity: null }))).request;
      await journals[0]!.recordAnswer(settled.id, { definite: true, outcome: { httpStatus: 200, recordId: 'c-1', recordStatus: 'initialized', message: null } });
      const leased = (await journals[0]!.claim(newRequest({ kind: 'connect', currency: null, quantity: null }))).request;
      await wait(HOLD.idleMs + 30);
      const due = await journals[0]!.claimDue({ worker: 'w', limit: 1000, idleMs: HOLD.idleMs, leaseMs: 60_000, backoffBaseMs: 1, backoffMaxMs: 1 });
      assert.ok(due.some((d) => d.id === leased.id));
      assert.equal(await journals[0]!.recordExclusiveAttempt(settled.id, HOLD), false);
      assert.equal(await journals[0]!.recordExclusiveAttempt(leased.id, HOLD), false);
    });
  });
}

for (const engine of engines) {
  exclusiveSuite(engine.name, async () => {
    const t: TestDatabase = await engine.open();
    const journals: JournalAdminStore[] = [t.journal];
    if (engine.name === 'postgres') journals.push(new SqlJournalStore((await t.openReplica()).db));
    return { journals, dispose: () => t.dispose() };
  });
}
exclusiveSuite('the in-memory journal', async () => ({ journals: [new MemoryJournalStore()], dispose: async () => {} }));
