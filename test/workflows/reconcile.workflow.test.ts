import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import type { SignedRequestKey } from '../../src/store/journal.store.js';
import { ReconcileWorkflow } from '../../src/workflows/reconcile.workflow.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { useSqlStack, type SqlStack } from '../helpers/sql-stack.js';

import { engines } from '../store/engines.js';
import { parseMetrics, valueOf } from '../helpers/prometheus.js';

const quanta = DEMO_CONNECTION_IDS.quanta;
const WRITE = /\/connections\/[^/]+\/allocations$/;
const amount = { currency: 'ofctbtc', quantity: '777' };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the reconciler waits for before a row is its own (the mutation's deadline and a margin): here, made to have passed. */
async function idleAll(stack: SqlStack): Promise<void> {
  await sql`UPDATE signed_requests SET updated_at = updated_at - interval '1 hour' WHERE state IN ('pending', 'unknown')`.execute(stack.database!.store.db);
}

for (const engine of engines) {
  describe(`the reconciler (journal on ${engine.name}, sandbox on loopback)`, () => {
    const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '800' } }, engine, { store: true });
    const key = (clientExternalId: string): SignedRequestKey => ({ enterpriseId: stack.sandbox.enterpriseId, kind: 'allocate', idempotencyKey: clientExternalId });
    const onBooks = (clientExternalId: string) =>
      stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === clientExternalId);
    beforeEach(async () => {
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
      // Earlier tests' leftovers are settled by hand, so each test sees only its own rows.
      await sql`UPDATE signed_requests SET state = 'settled', settled_at = now() WHERE state IN ('pending', 'unknown')`.execute(stack.database!.store.db);
    });

    it('completes a reserved+retriable allocation with the committed bytes, with no repeat by the caller', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, retriableReserved: true });
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 503, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      assert.equal(first.payload!.allocation?.status, 'RESERVED');
      const clientExternalId = first.payload!.clientExternalId;
      assert.equal((await stack.database!.journal.find(key(clientExternalId)))?.state, 'pending', 'BitGo said: retry the identical request');
      stack.sandbox.faults.clear();

      // Not idle yet: the mutation that made it might still be retrying.
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 0, settled: 0 });
      await idleAll(stack);
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 1, settled: 1 });

      assert.equal(onBooks(clientExternalId).length, 1);
      assert.equal(onBooks(clientExternalId)[0]!.status, 'cleared');
      const row = await stack.database!.journal.find(key(clientExternalId));
      assert.equal(row?.state, 'settled');
      assert.equal(row?.outcome?.recordStatus, 'cleared');
      const bodies = new Set(stack.sandbox.requests.entries({ method: 'POST', path: WRITE }).map((e) => e.bodySha256));
      assert.deepEqual(bodies, new Set([sha256(row!.body)]), 'every send, the reconciler\'s included, carried the journal\'s bytes');
      assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/signing$/ }), 1, 'nothing signed anew');
      assert.deepEqual((await stack.database!.journal.events(row!.id)).map((e) => e.type), ['committed', 'attempt', 'answer', 'attempt', 'answer']);
      assert.ok(stack.logs.some((line) => line.includes('reconciler settled a signed request') && line.includes(clientExternalId)));
    });

    it('re-sends a request BitGo never received; keeps an unanswered one with backoff; a definite answer settles it later', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      const clientExternalId = first.payload!.clientExternalId;
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      assert.equal(onBooks(clientExternalId).length, 0, 'BitGo holds nothing yet');
      await idleAll(stack);

      // BitGo still unreachable: the row stays unknown and is not due again before its backoff.
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 1, settled: 0 });
      const waiting = await stack.database!.store.db.selectFrom('signed_requests').select(['state', 'reconcile_rounds', 'next_attempt_at', 'lease_owner'])
        .where('idempotency_key', '=', clientExternalId).executeTakeFirstOrThrow();
      assert.equal(waiting.state, 'unknown');
      assert.equal(waiting.reconcile_rounds, 1);
      assert.ok(waiting.next_attempt_at.getTime() > Date.now() + 60_000, 'backed off');
      assert.match(waiting.lease_owner ?? '', /:\d+$/);
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 0, settled: 0 });

      stack.sandbox.faults.clear();
      await sql`UPDATE signed_requests SET next_attempt_at = now(), updated_at = updated_at - interval '1 hour' WHERE idempotency_key = ${clientExternalId}`.execute(stack.database!.store.db);
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 1, settled: 1 });
      assert.equal(onBooks(clientExternalId).length, 1);
      const row = await stack.database!.journal.find(key(clientExternalId));
      assert.equal(row?.state, 'settled');
      assert.equal(row?.attempts, 3);
      assert.deepEqual(new Set(stack.sandbox.requests.entries({ method: 'POST', path: WRITE }).map((e) => e.bodySha256)), new Set([sha256(row!.body)]));

      // The caller's repeat now finds it settled and answers the one allocation.
      const again = await allocate(stack, { connectionId: quanta, amount, clientExternalId });
      assert.deepEqual(again.payload!.userErrors, []);
      assert.equal(again.payload!.allocation!.id, onBooks(clientExternalId)[0]!.id);
    });

    it('re-sends an unsettled partner update and settles it', async () => {
      const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
      const reserved = await allocate(stack, { connectionId: nimbus.id, amount });
      const id = reserved.payload!.allocation!.id;
      // What BitGo's reserve call would have put in the partner's ledger.
      const ledger = stack.gateway.partnerLedger!;
      await ledger.reserve({
        id, type: 'allocation', enterpriseId: stack.sandbox.partnerEnterpriseId, currency: amount.currency, quantity: amount.quantity, clientId: stack.sandbox.enterpriseId,
        connectionId: nimbus.id, partnersConnectionId: nimbus.partnersConnectionId, partnersClientId: nimbus.partnersClientId, partnersAllocationId: null,
      });
      stack.sandbox.faults.add({ method: 'PUT', dropBeforeCommit: true, times: Infinity });
      const input = {
        enterpriseId: stack.sandbox.partnerEnterpriseId, allocationId: id, status: 'CLEARED', amount, clientId: stack.sandbox.enterpriseId,
        connectionId: nimbus.id, partnersClientId: nimbus.partnersClientId, partnersConnectionId: nimbus.partnersConnectionId, partnersAllocationId: `p-${id}`,
      };
      const res = await stack.gql<{ updateAllocation: { userErrors: Array<{ code: string }> } }>(UPDATE, { input });
      assert.equal(res.data!.updateAllocation.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      stack.sandbox.faults.clear();
      await idleAll(stack);
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 0, resent: 1, settled: 1 });
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
      const row = await stack.database!.journal.find({ enterpriseId: stack.sandbox.partnerEnterpriseId, kind: 'update_allocation', idempotencyKey: `${id}:cleared` });
      assert.equal(row?.state, 'settled');
      assert.deepEqual(new Set(stack.sandbox.requests.entries({ method: 'PUT' }).map((e) => e.bodySha256)), new Set([sha256(row!.body)]));
      assert.equal((await ledger.find(id))?.status, 'cleared', 'the ledger moved with the update the reconciler got applied');
    });

    it('abandons rows past the maximum age: they stay visible and are not re-sent', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      const clientExternalId = first.payload!.clientExternalId;
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
      await sql`UPDATE signed_requests SET created_at = now() - interval '25 hours', updated_at = now() - interval '25 hours' WHERE idempotency_key = ${clientExternalId}`.execute(stack.database!.store.db);
      const abandonedCount = async () => valueOf(parseMetrics((await stack.gateway.app.inject({ url: '/metrics' })).body), 'gateway_journal_abandoned_requests_total');
      const counted = await abandonedCount();
      assert.deepEqual(await stack.gateway.reconciler!.runOnce(), { abandoned: 1, resent: 0, settled: 0 });
      assert.equal(await abandonedCount(), counted + 1, 'counted for the operator: it left the unsettled gauges');
      const row = await stack.database!.journal.find(key(clientExternalId));
      assert.equal(row?.state, 'abandoned');
      assert.equal((await stack.database!.journal.events(row!.id)).at(-1)?.type, 'abandoned');
      assert.equal(stack.sandbox.requests.count({ method: 'POST' }), 0);
      assert.ok(stack.logs.some((line) => line.includes('signed request abandoned')));
    });

    it('without a service token nothing is re-sent (a caller\'s repeat still settles the row); abandoning goes on', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      const clientExternalId = first.payload!.clientExternalId;
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
      await idleAll(stack);
      const tokenless = new ReconcileWorkflow({
        journal: stack.database!.journal, client: stack.gateway.client, serviceToken: undefined, writeDeadlineMs: 800, intervalMs: 60_000,
        maxAgeMs: 86_400_000, logger: (await import('pino')).pino({ level: 'silent' }), worker: 'tokenless',
      });
      assert.deepEqual(await tokenless.runOnce(), { abandoned: 0, resent: 0, settled: 0 });
      assert.equal(stack.sandbox.requests.count(), 0);
      const again = await allocate(stack, { connectionId: quanta, amount, clientExternalId });
      assert.deepEqual(again.payload!.userErrors, []);
      assert.equal((await stack.database!.journal.find(key(clientExternalId)))?.state, 'settled');
    });

    it('tells live subscriptions what it settled, as RECONCILER: the allocation it got back, or a hint to re-read a partner update', async () => {
      const published: Array<{ what: string; source: string; id: string; view: string }> = [];
      const changes = {
        async allocationAnswered(a: { source: string; view: string; allocation: { id: string } }) {
          published.push({ what: 'answered', source: a.source, id: a.allocation.id, view: a.view });
        },
        async allocationTouched(t: { source: string; view: string; allocationId: string }) {
          published.push({ what: 'touched', source: t.source, id: t.allocationId, view: t.view });
        },
        async partnerRequestChanged() {},
        async connectionAnswered() {},
        async settlementAnswered() {},
        async settlementTouched() {},
      };
      const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
      const reserved = (await allocate(stack, { connectionId: nimbus.id, amount })).payload!.allocation!.id;
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      stack.sandbox.faults.add({ method: 'PUT', dropBeforeCommit: true, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      const update = await stack.gql<{ updateAllocation: { userErrors: Array<{ code: string }> } }>(UPDATE, {
        input: {
          enterpriseId: stack.sandbox.partnerEnterpriseId, allocationId: reserved, status: 'CLEARED', amount, clientId: stack.sandbox.enterpriseId,
          connectionId: nimbus.id, partnersClientId: nimbus.partnersClientId, partnersConnectionId: nimbus.partnersConnectionId, partnersAllocationId: `p-${reserved}`,
        },
      });
      assert.equal(update.data!.updateAllocation.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      stack.sandbox.faults.clear();
      await idleAll(stack);
      const reconciler = new ReconcileWorkflow({
        journal: stack.database.journal, client: stack.gateway.client, serviceToken: stack.sandbox.token, writeDeadlineMs: 800, intervalMs: 60_000,
        maxAgeMs: 86_400_000, logger: (await import('pino')).pino({ level: 'silent' }), worker: 'publishing', changes,
      });
      assert.deepEqual(await reconciler.runOnce(), { abandoned: 0, resent: 2, settled: 2 });
      const allocated = onBooks(first.payload!.clientExternalId)[0]!;
      assert.deepEqual(
        published.sort((a, b) => a.what.localeCompare(b.what)),
        [
          { what: 'answered', source: 'RECONCILER', id: allocated.id, view: 'client' },
          { what: 'touched', source: 'RECONCILER', id: reserved, view: 'partner' },
        ],
      );
    });

    it('stop() aborts a re-send in flight: the row stays unsettled for the next pass (or replica)', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      const first = await allocate(stack, { connectionId: quanta, amount });
      const clientExternalId = first.payload!.clientExternalId;
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, latencyMs: 30_000 });
      await idleAll(stack);
      const reconciler = new ReconcileWorkflow({
        journal: stack.database!.journal, client: stack.gateway.client, serviceToken: stack.sandbox.token, writeDeadlineMs: 60_000, intervalMs: 60_000,
        maxAgeMs: 86_400_000, logger: (await import('pino')).pino({ level: 'silent' }), worker: 'stopping',
      });
      const pass = reconciler.runOnce();
      while (stack.sandbox.requests.count({ method: 'POST', path: WRITE }) < 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const started = performance.now();
      await reconciler.stop();
      assert.ok(performance.now() - started < 5_000, 'stopped without waiting out the send');
      assert.deepEqual(await pass, { abandoned: 0, resent: 1, settled: 0 });
      assert.equal((await stack.database!.journal.find(key(clientExternalId)))?.state, 'unknown');
      stack.sandbox.faults.clear();
    });

    if (engine.name === 'postgres') {
      it('replicas reconciling at once re-send each row once', async () => {
        stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
        const keys = await Promise.all(Array.from({ length: 24 }, async () => (await allocate(stack, { connectionId: quanta, amount, clientExternalId: `rc-${randomUUID()}` })).payload!.clientExternalId));
        stack.sandbox.faults.clear();
        stack.sandbox.requests.reset();
        await idleAll(stack);
        const pino = (await import('pino')).pino({ level: 'silent' });
        const replicas = await Promise.all(
          [0, 1, 2].map(async (i) => new ReconcileWorkflow({
            journal: new SqlJournalStore((await stack.database!.openReplica()).db), client: stack.gateway.client, serviceToken: stack.sandbox.token,
            writeDeadlineMs: 800, intervalMs: 60_000, maxAgeMs: 86_400_000, logger: pino, worker: `replica-${i}`, batchSize: 5, concurrency: 3,
          })),
        );
        const passes = await Promise.all(replicas.map((r) => r.runOnce()));
        assert.equal(passes.reduce((sum, p) => sum + p.resent, 0), 24);
        assert.equal(stack.sandbox.requests.count({ method: 'POST', path: WRITE }), 24, 'one re-send per row');
        for (const clientExternalId of keys) assert.equal(onBooks(clientExternalId).length, 1);
      });
    }
  });
}
