import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sandboxBooksIn } from '../../src/assembly/sandbox-books.assembly.js';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SEEDED_SETTLEMENTS, startSandbox, type SqlBooksPersistence, type StartedSandbox } from '../../src/sandbox/index.js';
import { engines, type TestDatabase } from '../store/engines.js';
import { API } from './helpers.js';
import { checked, control, disputePayloadOf, settlementBody, signedWith } from './settle-helpers.js';

const C = DEMO_CONNECTION_IDS;
const V2 = `/api/network/v2/enterprises/${DEMO_PARTNER_ENTERPRISE_ID}/partners/settlements`;

/** The settlement half of the books, comparable whole. */
const settlementsOf = (sb: StartedSandbox) => sb.books.snapshot().filter((e) => e.kind === 'settlement' || e.kind === 'dispute' || e.kind === 'balance');

/**
 * One engine: PostgreSQL when the suite has one (TEST_DATABASE_URL), else the embedded one. The books' store treats
 * every entry as opaque JSON and is proven on both engines by test/store/sandbox-books.test.ts; what this adds is that
 * settlements and disputes become entries, are tracked as they change and come back whole, which no engine changes
 * (and the embedded engine's start alone would cost this file seconds of the suite's budget).
 */
const engine = engines[engines.length - 1]!;
{
  describe(`sandbox settlements survive a restart on the books' store (${engine.name})`, () => {
    let t: TestDatabase;
    let store: SqlBooksPersistence;
    before(async () => {
      // The sandbox creates its own table: the gateway's migrations are not needed (and cost the embedded engine seconds).
      t = await engine.open({ migrate: false });
      store = sandboxBooksIn(t.store);
    });
    after(() => t?.dispose());

    it('a pending v2 settlement, its holds and its dispute come back as they were, and it still settles after its window', async () => {
      await store.clear();
      const first = await startSandbox({ allocations: 30, persistence: store, control: true });
      let id: string;
      let kept: ReturnType<typeof settlementsOf>;
      try {
        const cutoffAt = (await control(first, 'GET', 'clock')).body.now;
        const made = await checked(first, 'POST', V2, { body: settlementBody(first, { settlementAmounts: { [C.nimbusMain]: { ofctbtc: '-321' } }, cutoffAt }) });
        id = made.body.settlement.id;
        const fields = { connectionId: C.nimbusMain, expectedTransfers: { ofctbtc: '-300' }, nonce: randomBytes(32).toString('hex') };
        const body = signedWith(fields, disputePayloadOf(fields, id, first.enterpriseId), first.signingXprv);
        assert.equal((await checked(first, 'POST', `${API}/${first.enterpriseId}/clients/settlements/${id}/disputes`, { body })).status, 200);
        kept = settlementsOf(first);
      } finally {
        await first.close();
      }
      const again = await startSandbox({ allocations: 30, persistence: store, control: true });
      try {
        assert.equal(again.restored, true);
        assert.equal(again.books.settlements.all().length, SEEDED_SETTLEMENTS + 1);
        assert.deepEqual(settlementsOf(again), kept);
        const held = again.books.connectionBalance(C.nimbusMain, 'ofctbtc');
        await control(again, 'POST', 'clock', { advanceMs: 3_600_001 });
        assert.deepEqual(again.books.connectionBalance(C.nimbusMain, 'ofctbtc'), { available: held.available + 321n, held: held.held - 321n });
        // Saved before the control answered (not only at close): the store already holds it processed.
        const saved = (await store.load()).find((e) => e.kind === 'settlement' && e.key === id)!.value as { wire: { status: string } };
        assert.equal(saved.wire.status, 'completed');
        kept = settlementsOf(again);
      } finally {
        await again.close();
      }
      // What the finalization moved was saved too.
      const third = await startSandbox({ allocations: 30, persistence: store });
      try {
        assert.deepEqual(settlementsOf(third), kept);
        const after = (await checked(third, 'GET', `${API}/${DEMO_PARTNER_ENTERPRISE_ID}/partners/settlements/${id}`)).body;
        assert.deepEqual([after.settlement.status, after.settlementTransfers[0].status], ['completed', 'disputed']);
      } finally {
        await third.close();
      }
    });
  });
}
