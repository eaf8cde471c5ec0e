import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/common/logger.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { openChangeFeed } from '../../src/store/change-feed.factory.js';
import type { FeedChange } from '../../src/store/change-feed.js';
import { openStore, storeEpisode, type Store } from '../../src/store/database.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { migrateStore } from '../../src/store/migrate.js';
import type { PgChangeFeed } from '../../src/store/pg-change-feed.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { allocate } from '../helpers/mutations.js';
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
    feed = (await openChangeFeed(store, { databaseUrl: url })) as PgChangeFeed;
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
    const answers = keys.map((key) => allocateKey(key));
    // Once some are in flight: a request reaches the journal within a few milliseconds of being sent.
    await new Promise((resolve) => setTimeout(resolve, 25));
    const faulted = Date.now();
    await fault();
    const settled = await Promise.all(answers);
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
    for (const key of keys) {
      const res = await allocateKey(key);
      assert.deepEqual([res.status, res.errors, res.payload?.userErrors], [200, undefined, []], `${key}: ${JSON.stringify(res.errors ?? res.payload)}`);
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
    const deadline = Date.now() + 5_000;
    while (!changes.some((change) => change.kind === 'allocation' && change.allocation.clientExternalId === probe)) {
      assert.ok(Date.now() < deadline, 'the LISTEN feed delivers a change after the recovery');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
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
});
