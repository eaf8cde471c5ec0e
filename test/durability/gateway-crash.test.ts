import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import type { Store } from '../../src/store/database.js';
import { ALLOCATE, type AllocateResult } from '../helpers/mutations.js';
import { crashRig, crashStores } from '../helpers/crash-stores.js';
import { gqlOver, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { restListAll } from '../helpers/rest.js';

/**
 * Issue 10's crash test. The sandbox runs in its own process; the gateway in another, on a durable store. A
 * burst of concurrent allocates; kill -9 of the gateway in the middle of it; a restart on the same store; every
 * mutation repeated with its clientExternalId. Then: exactly one allocation per key on the sandbox's books (read
 * through its REST list), every signed body the sandbox ever received is the journal's body for its key (so every
 * repeat sent the committed nonce and signature), nothing was sent that was not committed first, and a
 * reserved+retriable allocation left behind before the crash was completed by the reconciler with no repeat.
 */
const BURST = 80;
const KILL_AFTER_WRITES = 35;
const helios = DEMO_CONNECTION_IDS.helios;
const quanta = DEMO_CONNECTION_IDS.quanta;
const WRITE = /\/clients\/connections\/[^/]+\/allocations$/;
const QUANTA_WRITE = new RegExp(`/connections/${quanta}/allocations$`);
const amount = { currency: 'ofctbtc', quantity: '1000' };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const stores = crashStores('crash');

interface JournalRow {
  idempotency_key: string;
  body: string;
  state: string;
  attempts: number;
  holds_key: boolean;
}

async function journalRows(store: Store, prefix: string): Promise<JournalRow[]> {
  return store.db
    .selectFrom('signed_requests')
    .select(['idempotency_key', 'body', 'state', 'attempts', 'holds_key'])
    .where('idempotency_key', 'like', `${prefix}%`)
    .execute();
}

for (const makeStore of stores) {
  describe(`kill -9 of the gateway mid-burst, restart on the same store`, () => {
    const cleanup: Array<() => Promise<unknown>> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step().catch(() => undefined);
    });

    it(`${BURST} concurrent allocates: one allocation per key, only the journal's bytes ever sent, the reconciler finishes what was left`, async (t) => {
      const store = await makeStore();
      cleanup.push(() => store.dispose());
      const { sandbox, token, env } = await crashRig(store, cleanup);
      const run = `crash-${randomBytes(4).toString('hex')}`;
      const phases: string[] = [];
      let phaseStart = performance.now();
      const phase = (name: string): void => {
        phases.push(`${name} ${((performance.now() - phaseStart) / 1000).toFixed(1)} s`);
        phaseStart = performance.now();
      };
      const allocateVia = (gateway: GatewayProcess, input: Record<string, unknown>) => gqlOver<{ allocate: AllocateResult }>(gateway.url, ALLOCATE, { input });

      // The first gateway never reconciles on its own (a day between passes): whatever is left is left.
      const first = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '86400000' });
      cleanup.push(() => first.kill('SIGKILL'));
      t.diagnostic(`store: ${store.name}; sandbox pid ${sandbox.pid}, gateway pid ${first.pid}`);

      // 1. A reserved+retriable allocation, left behind: BitGo answers 500 "retry the identical request", then only 503s until the deadline.
      const leftKey = `${run}-left`;
      await sandbox.control.addFault({ method: 'POST', path: QUANTA_WRITE, retriableReserved: true });
      await sandbox.control.addFault({ method: 'POST', path: QUANTA_WRITE, status: 503, times: Infinity });
      const left = await allocateVia(first, { connectionId: quanta, amount, clientExternalId: leftKey });
      assert.equal(left.data?.allocate.userErrors[0]?.code, 'OUTCOME_UNKNOWN', JSON.stringify(left));
      assert.equal(left.data?.allocate.allocation?.status, 'RESERVED');
      const leftId = left.data!.allocate.allocation!.id;
      await sandbox.control.clearFaults();
      phase('start and the left-behind allocation');

      // 2. The burst, with enough upstream latency that the kill lands while requests are at every stage.
      await sandbox.control.setLatency(60);
      // The signing payloads come back in four waves, so that the kill finds mutations at every stage: answered, sent
      // and unanswered, committed and not sent, and not yet signed.
      for (const latencyMs of [0, 250, 500, 750]) await sandbox.control.addFault({ method: 'POST', path: /\/allocations\/signing$/, latencyMs, times: BURST / 4 });
      await sandbox.control.resetRequests();
      const keys = Array.from({ length: BURST }, (_, i) => `${run}-${String(i).padStart(3, '0')}`);
      const answered = new Map<string, AllocateResult>();
      const burst = keys.map((clientExternalId) =>
        allocateVia(first, { connectionId: helios, amount, clientExternalId }).then(
          (res) => void (res.data?.allocate && answered.set(clientExternalId, res.data.allocate)),
          () => undefined, // the connection died with the gateway
        ),
      );
      let writesAtKill = 0;
      for (;;) {
        writesAtKill = (await sandbox.control.requests({ method: 'POST', path: WRITE })).length;
        if (writesAtKill >= KILL_AFTER_WRITES) break;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      const killed = await first.kill('SIGKILL');
      assert.equal(killed.signal, 'SIGKILL');
      await Promise.all(burst);
      await sandbox.control.setLatency(0);
      await sandbox.control.clearFaults();
      phase('burst and kill');

      // 3. What the journal held at the moment of the kill (the killed process left its lock; it is stale).
      const atKill = await store.open();
      const committed = new Map((await journalRows(atKill, `${run}-`)).map((row) => [row.idempotency_key, row]));
      await atKill.close();
      phase('reading the journal left by the kill');
      const sentBeforeRestart = await sandbox.control.requests({ method: 'POST', path: WRITE });
      const committedBodies = new Set([...committed.values()].map((row) => sha256(row.body)));
      for (const entry of sentBeforeRestart) assert.ok(committedBodies.has(entry.bodySha256!), 'write-ahead: every body BitGo received was committed before it was sent');
      const unsettledAtKill = [...committed.values()].filter((row) => row.state !== 'settled').length;
      assert.ok(answered.size < BURST, `the kill landed mid-burst (${answered.size} of ${BURST} answered)`);
      assert.ok(unsettledAtKill > 0 || committed.size < BURST + 1, 'some mutations were cut off');

      // 4. Restart on the same store and repeat every mutation of the burst (not the one left behind).
      const restartAt = Date.now();
      const second = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '300' });
      cleanup.push(() => second.kill('SIGKILL'));
      phase('restart');
      const repeats = await Promise.all(keys.map((clientExternalId) => allocateVia(second, { connectionId: helios, amount, clientExternalId })));
      phase(`${BURST} repeats`);
      for (const [i, res] of repeats.entries()) {
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.deepEqual(res.data!.allocate.userErrors, [], `${keys[i]}: ${JSON.stringify(res.data!.allocate.userErrors)}`);
        assert.equal(res.data!.allocate.allocation?.status, 'CLEARED');
        const before = answered.get(keys[i]!);
        if (before?.allocation) assert.equal(res.data!.allocate.allocation?.id, before.allocation.id, 'a repeat answers the allocation the first answer named');
      }

      // 5. The left-behind allocation completes through the reconciler alone.
      const deadline = Date.now() + 30_000;
      let leftStatus = 'reserved';
      while (leftStatus !== 'cleared' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const res = await fetch(`${sandbox.url}/api/network/v1/enterprises/${DEMO_CLIENT_ENTERPRISE_ID}/clients/allocations/${leftId}`, { headers: { authorization: `Bearer ${token}` } });
        leftStatus = ((await res.json()) as { allocation: { status: string } }).allocation.status;
      }
      assert.equal(leftStatus, 'cleared', 'the reconciler re-sent the identical request and BitGo completed it');
      phase('the reconciler completing the left-behind allocation');
      assert.match(second.output(), new RegExp(`reconciler settled a signed request.*${leftKey}|${leftKey}.*reconciler settled a signed request`));

      // 6. The books: exactly one allocation per key.
      const books = await restListAll({ url: sandbox.url, token, enterpriseId: DEMO_CLIENT_ENTERPRISE_ID }, { types: ['allocation'] });
      const perKey = new Map<string, number>();
      for (const record of books) if (record.clientExternalId.startsWith(`${run}-`)) perKey.set(record.clientExternalId, (perKey.get(record.clientExternalId) ?? 0) + 1);
      for (const key of [...keys, leftKey]) assert.equal(perKey.get(key), 1, `one allocation for ${key}`);
      assert.equal(perKey.size, BURST + 1);

      // 7. A clean stop, then the journal: one row per key, settled, and every body sent is that row's body.
      const stopped = await second.kill('SIGTERM');
      assert.equal(stopped.code, 0, second.output().slice(-2000));
      const journal = await store.open();
      const rows = await journalRows(journal, `${run}-`);
      await journal.close();
      phase('clean stop and reading the journal');
      assert.equal(rows.length, BURST + 1, 'one row per key: no key was signed twice');
      const bodyOf = new Map(rows.map((row) => [sha256(row.body), row]));
      for (const row of rows) {
        assert.equal(row.state, 'settled', row.idempotency_key);
        assert.equal(row.holds_key, true);
      }
      const sent = await sandbox.control.requests({ method: 'POST', path: WRITE });
      const sendsPerKey = new Map<string, Set<string>>();
      for (const entry of sent) {
        const row = bodyOf.get(entry.bodySha256!);
        assert.ok(row, `a body the journal does not hold reached BitGo (${entry.bodySha256})`);
        (sendsPerKey.get(row.idempotency_key) ?? sendsPerKey.set(row.idempotency_key, new Set()).get(row.idempotency_key)!).add(entry.bodySha256!);
      }
      for (const row of rows) assert.equal(sendsPerKey.get(row.idempotency_key)?.size, 1, `${row.idempotency_key}: one signed body, however often sent`);
      const nonces = new Set(rows.map((row) => (JSON.parse(row.body) as { nonce: string }).nonce));
      assert.equal(nonces.size, rows.length, 'one nonce per key');

      const leftSends = sent.filter((entry) => bodyOf.get(entry.bodySha256!)?.idempotency_key === leftKey);
      assert.ok(leftSends.some((entry) => entry.at >= restartAt && entry.status === 200), 'the left-behind request was re-sent after the restart, by the reconciler only');
      const burstCommitted = [...committed.values()].filter((row) => row.idempotency_key !== leftKey);
      const resentAfterRestart = new Set(
        sent.filter((e) => e.at >= restartAt).map((e) => bodyOf.get(e.bodySha256!)!.idempotency_key).filter((key) => key !== leftKey && committed.has(key)),
      );
      t.diagnostic(
        `${store.name}: killed after ${writesAtKill} signed POSTs had reached the sandbox; ${answered.size}/${BURST} mutations answered before the kill; ` +
          `journal at the kill: ${burstCommitted.length}/${BURST} burst keys committed, ${burstCommitted.filter((row) => row.state !== 'settled').length} of them unsettled; ` +
          `${BURST - burstCommitted.length} never committed (signed for the first time after the restart); ${resentAfterRestart.size} committed keys re-sent after the restart ` +
          `with their journal bytes; ${sent.length} signed POSTs in all, ${books.filter((r) => r.clientExternalId.startsWith(`${run}-`)).length} allocations for ${BURST + 1} keys. ` +
          `Phases: ${phases.join(', ')}`,
      );
    });
  });
}
