import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/common/logger.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import type { FeedChange } from '../../src/store/change-feed.js';
import { openStore, storeEpisode, type Store } from '../../src/store/database.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { migrateStore } from '../../src/store/migrate.js';
import { PgChangeFeed } from '../../src/store/pg-change-feed.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { ALLOCATE, allocate } from '../helpers/mutations.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Issue 20's store rows on PostgreSQL: a cluster of this file's own (restarted, stopped, its backends terminated) with
 * the gateway's pool and LISTEN connection going through a fault proxy of the test's own (the black hole). One
 * gateway, in process, for every row: an unhandled 'error' would fail the file as an uncaught exception.
 */
const STORE_TIMEOUT_MS = 1_500;
const BURST = 30;
const helios = DEMO_CONNECTION_IDS.helios;
const amount = { currency: 'ofctbtc', quantity: '1000' };
const WRITE = /\/clients\/connections\/[^/]+\/allocations$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const READ = `query { allocations(first: 1) { nodes { id } } }`;

describe('PostgreSQL restarted, terminated, stopped or black-holed: the gateway stays up and recovers by itself', () => {
  let postgres: PrivatePostgres;
  let proxy: FaultProxy;
  let store: Store;
  let feed: PgChangeFeed;
  let stack: Stack;
  const storeLogs: string[] = [];
  const changes: FeedChange[] = [];

  let startup = '';
  before(async () => {
    const started = Date.now();
    postgres = await startPrivatePostgres();
    const clusterMs = Date.now() - started;
    proxy = await startFaultProxy(`${postgres.host}:${postgres.port}`);
    const url = `postgres://postgres@127.0.0.1:${proxy.port}/postgres`;
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (storeLogs.push(chunk.toString('utf8')), done()) });
    store = await openStore({ databaseUrl: url, dataDir: '', timeoutMs: STORE_TIMEOUT_MS, episode: storeEpisode(createLogger('info', sink)) });
    await migrateStore(store);
    // The feed as the gateway opens it, with a quicker heartbeat: a black-holed LISTEN connection is noticed in 0.5 s, not 5.
    feed = new PgChangeFeed({ db: store.db, databaseUrl: url, schema: store.schema, heartbeatMs: 500, timeoutMs: STORE_TIMEOUT_MS });
    await feed.start();
    feed.subscribe({ change: (change) => changes.push(change) });
    stack = await startStack({
      config: { databaseUrl: url, storeTimeoutMs: STORE_TIMEOUT_MS },
      gateway: { journal: new SqlJournalStore(store.db), store, changeFeed: feed },
    });
    startup = (`private cluster up in ${clusterMs} ms; store, feed and gateway ${Date.now() - started - clusterMs} ms more`);
  });
  after(async () => {
    await stack?.close();
    await feed?.close();
    await store?.close();
    await proxy?.close();
    postgres?.dispose();
  });

  const ready = async (): Promise<{ status: number; body: { checks?: Record<string, string> } }> => {
    const res = await stack.gateway.app.inject('/readyz');
    return { status: res.statusCode, body: res.json() };
  };

  /** Polls /readyz until it answers 200; answers how long that took. */
  const readyAgain = async (): Promise<number> => {
    const started = Date.now();
    while ((await ready()).status !== 200) {
      assert.ok(Date.now() - started < 15_000, '/readyz back to 200 within seconds');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - started;
  };

  /** Until the feed's listeners have been handed the allocation change of `key` (live, or by a catch-up). */
  const delivered = async (key: string): Promise<void> => {
    const deadline = Date.now() + 8_000;
    while (!changes.some((change) => change.kind === 'allocation' && change.allocation.clientExternalId === key)) {
      assert.ok(Date.now() < deadline, `the LISTEN feed delivers ${key}'s change after the recovery`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const allocateKey = (key: string) => allocate(stack, { connectionId: helios, amount, clientExternalId: key });

  /**
   * A burst of allocates with `fault` made while they are in flight: every caller gets an HTTP answer (an allocation,
   * OUTCOME_UNKNOWN, or a 503 STORE_UNAVAILABLE refusal), the store comes back by itself, a repeat of every key
   * settles it, and the books hold one allocation and one signed body per key.
   */
  const burstThrough = async (t: { diagnostic(message: string): void }, name: string, fault: () => Promise<unknown>) => {
    const run = `${name}-${randomBytes(3).toString('hex')}`;
    const keys = Array.from({ length: BURST }, (_, i) => `${run}-${i}`);
    const reconnectsBefore = feed.reconnects;
    stack.sandbox.requests.reset();
    // BitGo answering in 30 ms keeps the burst in flight (between its journal writes) for the fault to land in.
    stack.sandbox.faults.setLatency(30);
    const answers = keys.map((key) => allocateKey(key));
    await new Promise((resolve) => setTimeout(resolve, 25));
    const faulted = Date.now();
    await fault();
    const settled = await Promise.all(answers);
    stack.sandbox.faults.setLatency(0);
    const tally: Record<string, number> = {};
    for (const [i, res] of settled.entries()) {
      const code = res.errors?.[0]?.extensions?.code ?? res.payload?.userErrors[0]?.code ?? (res.payload?.allocation ? 'ALLOCATED' : 'NOTHING');
      tally[String(code)] = (tally[String(code)] ?? 0) + 1;
      assert.ok(['ALLOCATED', 'OUTCOME_UNKNOWN', 'STORE_UNAVAILABLE'].includes(String(code)), `${keys[i]}: ${res.status} ${JSON.stringify(res.errors ?? res.payload)}`);
      if (code === 'STORE_UNAVAILABLE') {
        assert.equal(res.status, 503);
        assert.equal(res.errors![0]!.extensions!.idempotencyKey, keys[i]);
      } else assert.equal(res.status, 200);
    }
    const recoveredMs = await readyAgain();
    // The LISTEN connection was cut too: it came back and re-read what it may have missed.
    while (feed.reconnects === reconnectsBefore) await new Promise((resolve) => setTimeout(resolve, 50));

    // The callers repeat: every key ends allocated, once.
    for (const [i, res] of (await Promise.all(keys.map((key) => allocateKey(key)))).entries()) {
      assert.deepEqual([res.status, res.errors, res.payload?.userErrors], [200, undefined, []], `${keys[i]}: ${JSON.stringify(res.errors ?? res.payload)}`);
    }
    const books = stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((record) => record.clientExternalId.startsWith(`${run}-`));
    assert.equal(books.length, BURST, 'one allocation per key');
    assert.equal(new Set(books.map((record) => record.clientExternalId)).size, BURST);
    const rows = await store.db.selectFrom('signed_requests').select(['body']).where('idempotency_key', 'like', `${run}-%`).execute();
    assert.equal(rows.length, BURST, 'one journal row per key');
    // Only the journal's bytes ever left: the signed bodies BitGo received are exactly the committed ones, one per key.
    const sent = new Set(stack.sandbox.requests.entries({ method: 'POST', path: WRITE }).map((entry) => entry.bodySha256));
    assert.deepEqual(sent, new Set(rows.map((row) => sha256(row.body))), 'one signed body per key at the sandbox, the journal\'s');

    // A change published after the recovery reaches the feed's listeners.
    const probe = `${run}-after`;
    assert.equal((await allocateKey(probe)).payload?.userErrors.length, 0);
    await delivered(probe);
    t.diagnostic(`${name}: ${BURST} allocates in flight → ${JSON.stringify(tally)}; /readyz 200 again ${recoveredMs} ms after the fault's end (${Date.now() - faulted} ms after it began, repeats included)`);
    return { tally, run };
  };

  it(`restarted with -m fast while ${BURST} allocates are in flight`, async (t) => {
    t.diagnostic(startup);
    await burstThrough(t, 'restart', () => postgres.restart());
  });

  it(`its backends terminated (pg_terminate_backend) while ${BURST} allocates are in flight`, async (t) => {
    let terminated = 0;
    await burstThrough(t, 'terminate', async () => (terminated = await postgres.terminateBackends()));
    t.diagnostic(`${terminated} backends terminated`);
    assert.ok(terminated >= 2, 'the pool\'s connections and the LISTEN connection');
  });

  /** One allocate over the HTTP layer (inject), with its headers: the refusal's status and Retry-After. */
  const allocateRaw = async (key: string) => {
    const res = await stack.gateway.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: ALLOCATE, variables: { input: { connectionId: helios, amount, clientExternalId: key } } }),
    });
    return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json() as { errors?: Array<{ extensions: Record<string, unknown> }> } };
  };

  const refusedCount = async (): Promise<number> => Number(/^gateway_dependency_unavailable_total\{dependency="store"\} (\d+)$/m.exec(await stack.gateway.metrics!.text())?.[1]);
  const warnings = () => storeLogs.filter((line) => line.includes('"level":40') && line.includes('store unavailable')).length;

  /**
   * While the store is out (`fault` made it so): reads that need no store answer, every allocate is refused with
   * STORE_UNAVAILABLE (503, Retry-After) within `boundMs`, counted, logged once; /readyz 503 names the store. After
   * `heal`: /readyz 200 within seconds and allocates go through, with no restart.
   */
  const outage = async (t: { diagnostic(message: string): void }, name: string, fault: () => Promise<void>, heal: () => Promise<void>, boundMs: number) => {
    const run = `${name}-${randomBytes(3).toString('hex')}`;
    const reconnectsBefore = feed.reconnects;
    const refusedBefore = await refusedCount();
    const warningsBefore = warnings();
    await fault();
    const read = await stack.gql(READ);
    assert.deepEqual([read.status, read.errors], [200, undefined], 'a read that needs no store is served');
    const started = Date.now();
    const readiness = ready();
    const refusals = await Promise.all([0, 1, 2].map((i) => allocateRaw(`${run}-${i}`)));
    const refusedMs = Date.now() - started;
    for (const [i, res] of refusals.entries()) {
      assert.equal(res.status, 503, JSON.stringify(res.body));
      assert.equal(res.retryAfter, '2');
      assert.deepEqual(
        [res.body.errors?.[0]?.extensions.code, res.body.errors?.[0]?.extensions.idempotencyKey, res.body.errors?.[0]?.extensions.retryAfter],
        ['STORE_UNAVAILABLE', `${run}-${i}`, 2],
      );
    }
    assert.ok(refusedMs < boundMs, `refused within ${boundMs} ms (took ${refusedMs} ms)`);
    const { status, body } = await readiness;
    assert.deepEqual([status, body.checks?.store], [503, 'failing'], '/readyz 503 names the store');
    assert.equal(stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((record) => record.clientExternalId.startsWith(`${run}-`)).length, 0, 'nothing sent');

    const healed = Date.now();
    await heal();
    const recoveredMs = await readyAgain();
    for (const i of [0, 1, 2]) {
      const res = await allocateKey(`${run}-${i}`);
      assert.deepEqual([res.status, res.errors, res.payload?.userErrors, res.payload?.allocation?.status], [200, undefined, [], 'CLEARED'], JSON.stringify(res.errors));
    }
    await delivered(`${run}-2`);
    // Scraped once the store is back (a scrape during the outage waits out STORE_TIMEOUT_MS for the journal's gauges).
    assert.ok((await refusedCount()) >= refusedBefore + 3, 'each refusal counted');
    assert.equal(warnings(), warningsBefore + 1, 'one warning for the outage, not one per refusal');
    assert.ok(storeLogs.at(-1)?.includes('store available again') || storeLogs.some((line) => line.includes('store available again')), 'and an info line when it ended');
    assert.ok(feed.reconnects > reconnectsBefore, 'the LISTEN connection was lost, and came back by itself');
    t.diagnostic(`${name}: 3 allocates refused in ${refusedMs} ms (bound ${boundMs} ms); /readyz 200 again ${recoveredMs} ms after the store came back (${Date.now() - healed} ms with the repeats)`);
  };

  it('stopped: reads go on, writes refused at once with STORE_UNAVAILABLE, /readyz 503, back without a restart', async (t) => {
    const stop = async () => {
      await postgres.stop();
      // The audit trail needs the store: refused the same way.
      const audit = await stack.gql('query { signedRequests(first: 1) { nodes { id } } }');
      assert.deepEqual([audit.status, audit.errors?.[0]?.extensions?.code], [503, 'STORE_UNAVAILABLE']);
    };
    await outage(t, 'stopped', stop, () => postgres.start(), STORE_TIMEOUT_MS);
  });

  it(`behind a TCP black hole: writes refused within STORE_TIMEOUT_MS (${STORE_TIMEOUT_MS} ms), back once the network is`, async (t) => {
    await outage(
      t,
      'blackhole',
      async () => proxy.set({ kind: 'blackhole' }),
      async () => proxy.set({ kind: 'pass' }),
      STORE_TIMEOUT_MS + 1_000,
    );
  });
});
