import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { CONNECTIONS, DEMO_CONNECTION_IDS, startSandbox, type AllocationRecord, type StartedSandbox } from '../../src/sandbox/index.js';
import { sandboxBooksIn } from '../../src/assembly/sandbox-books.assembly.js';
import type { SqlBooksPersistence } from '../../src/sandbox/index.js';
import { allocate, API, call, nonce, partnerBody, signedBody, writePath } from '../sandbox/helpers.js';
import { engines, type TestDatabase } from './engines.js';

const C = DEMO_CONNECTION_IDS;
const nimbus = CONNECTIONS.find((c) => c.id === C.nimbusMain)!;

/** Everything a restart must keep, comparable as a whole: the books' own complete listing. */
const everything = (sb: StartedSandbox) => sb.books.snapshot();

function partnerFields(a: AllocationRecord, status: 'cleared' | 'released'): Record<string, unknown> {
  return {
    status,
    ...(status === 'released' ? { rejectReason: 'account frozen' } : {}),
    allocationId: a.id,
    amount: a.amount,
    clientId: nimbus.clientId,
    connectionId: a.connectionId,
    partnersClientId: nimbus.partnersClientId,
    partnersConnectionId: nimbus.partnersConnectionId,
    partnersAllocationId: `nimbus-${a.id.slice(0, 8)}`,
  };
}

const put = (sb: StartedSandbox, body: unknown) => call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/allocations`, { body });

for (const engine of engines) {
  describe(`the sandbox's books in the store (${engine.name})`, () => {
    let t: TestDatabase;
    let store: SqlBooksPersistence;
    before(async () => {
      t = await engine.open();
      store = sandboxBooksIn(t.store);
    });
    after(async () => {
      await t?.dispose();
    });

    it('creates its own table on a store without it (none of the gateway\'s migrations), and again finds it there', async () => {
      const bare = await engine.open({ migrate: false });
      try {
        const books = sandboxBooksIn(bare.store);
        assert.deepEqual(await books.load(), []);
        await books.save([{ kind: 'token', key: 't', value: { token: 't' } }]);
        // Another instance (a restart) finds the table and what it holds.
        assert.deepEqual(await sandboxBooksIn(bare.store).load(), [{ kind: 'token', key: 't', value: { token: 't' } }]);
        assert.equal(await sandboxBooksIn(bare.store).clear(), 1);
      } finally {
        await bare.dispose();
      }
    });

    it('seeds an empty store once and saves it whole; a restart restores it instead of seeding', async () => {
      await store.clear();
      const first = await startSandbox({ allocations: 40, persistence: store });
      assert.equal(first.restored, false);
      const seeded = everything(first);
      assert.equal((await store.load()).length, seeded.length);
      await first.close();
      // Another seed would make other books: a restart must not seed at all.
      const second = await startSandbox({ allocations: 5, seed: 7, persistence: store });
      try {
        assert.equal(second.restored, true);
        assert.deepEqual(everything(second), seeded);
        assert.equal(second.books.allRecords(second.enterpriseId).length, first.books.allRecords(first.enterpriseId).length);
      } finally {
        await second.close();
      }
    });

    it('keeps every kind of change across a restart: records, balances, nonces, connections, and their order', async () => {
      await store.clear();
      const sb = await startSandbox({ allocations: 30, persistence: store });
      const cleared = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '123456789012' } });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      const reserved = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '700' } });
      assert.equal(reserved.body.allocation.status, 'reserved');
      const toClear = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '300' } });
      assert.equal((await put(sb, partnerBody(sb, partnerFields(toClear.body.allocation, 'cleared')))).status, 200);
      const dealloc = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '1000' } }, 'deallocation');
      assert.equal(dealloc.status, 200, JSON.stringify(dealloc.body));
      sb.faults.add({ method: 'POST', retriableReserved: true });
      const retriable = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofcteth', quantity: '42' } });
      assert.equal((await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body: retriable })).status, 500);
      // A change made outside a request is saved on flush.
      sb.books.setConnectionActive(C.quanta, false);
      await sb.flush();
      const before = everything(sb);
      await sb.close();

      const again = await startSandbox({ allocations: 30, persistence: store });
      try {
        assert.equal(again.restored, true);
        assert.deepEqual(everything(again), before, 'the same books, item for item and in the same order');
        assert.equal(again.books.connection(C.quanta)?.active, false);
        // Behaviour follows: the identical re-send completes the retriable record; a used nonce is a replay.
        const completed = await call(again, 'POST', writePath(again, 'allocation', C.helios), { body: retriable });
        assert.equal(completed.status, 200, JSON.stringify(completed.body));
        assert.equal(completed.body.allocation.status, 'cleared');
        const replay = await allocate(again, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '5' }, nonce: (retriable.nonce as string) });
        assert.equal(replay.status, 400);
        assert.match(replay.body.error, /nonce has already been used/);
        // The repeat of an allocation made before the restart answers the same record.
        const repeat = await call(again, 'POST', writePath(again, 'allocation', C.helios), {
          body: signedBody(again, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '123456789012' }, clientExternalId: cleared.body.allocation.clientExternalId }),
        });
        assert.deepEqual(repeat.body.allocation, cleared.body.allocation);
      } finally {
        await again.close();
      }
    });

    it('answers only once the request\'s changes are saved, and says so when they could not be', async () => {
      await store.clear();
      let saves = 0;
      let fail = false;
      const sb = await startSandbox({
        allocations: 10,
        onError: () => {},
        persistence: {
          load: () => store.load(),
          save: async (changes) => {
            saves += 1;
            if (fail) throw new Error('disk full');
            await store.save(changes);
          },
        },
      });
      try {
        const r = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '77' } });
        assert.equal(r.status, 200);
        const saved = (await store.load()).find((row) => row.kind === 'record' && row.key === r.body.allocation.id);
        assert.ok(saved, 'the record was in the store before its answer arrived');
        const reads = saves;
        assert.equal((await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations`)).status, 200);
        assert.equal(saves, reads, 'a read saves nothing');

        fail = true;
        const refused = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '78' } });
        assert.equal(refused.status, 500, 'not told of a change that is not durable');
        fail = false;
        // The next request carries the unsaved change along.
        assert.equal((await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '79' } })).status, 200);
        const quantities = new Set((await store.load()).filter((row) => row.kind === 'record').map((row) => (row.value as unknown as { wire: AllocationRecord }).wire.amount.quantity));
        assert.ok(quantities.has('78') && quantities.has('79'));
      } finally {
        await sb.close();
      }
    });

    it('concurrent writes are saved in groups, each answered after its own save (property: any burst, restored equal)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              kind: fc.constantFrom('sync', 'async', 'dealloc', 'released', 'clear', 'release'),
              quantity: fc.bigInt({ min: 1n, max: 10n ** 24n }).map(String),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          async (ops) => {
            await store.clear();
            const sb = await startSandbox({ allocations: 12, persistence: store });
            sb.books.setBalance(sb.enterpriseId, 'ofctsol', { available: 10n });
            await sb.flush();
            const reserved: AllocationRecord[] = [];
            await Promise.all(
              ops.map(async (op) => {
                if (op.kind === 'clear' || op.kind === 'release') {
                  const a = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '10' } });
                  reserved.push(a.body.allocation);
                  await put(sb, partnerBody(sb, partnerFields(a.body.allocation, op.kind === 'clear' ? 'cleared' : 'released')));
                  return;
                }
                const connectionId = op.kind === 'async' ? C.nimbusMain : C.helios;
                const currency = op.kind === 'released' ? 'ofctsol' : 'ofctbtc';
                const quantity = op.kind === 'dealloc' ? '1' : op.kind === 'released' ? '11' : (BigInt(op.quantity) % 10n ** 12n + 1n).toString();
                const r = await allocate(sb, { connectionId, amount: { currency, quantity }, nonce: nonce() }, op.kind === 'dealloc' ? 'deallocation' : 'allocation');
                assert.ok([200, 422].includes(r.status), JSON.stringify(r.body));
              }),
            );
            const before = everything(sb);
            await sb.close();
            const again = await startSandbox({ allocations: 12, persistence: store });
            try {
              assert.deepEqual(everything(again), before);
            } finally {
              await again.close();
            }
          },
        ),
        { numRuns: 8 },
      );
    });
  });
}
