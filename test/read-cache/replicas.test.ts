import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import type { ChangeFeed } from '../../src/store/change-feed.js';
import { openChangeFeed } from '../../src/store/change-feed.factory.js';
import { openStore, type Store } from '../../src/store/database.js';
import { migrateStore } from '../../src/store/migrate.js';
import { restClientBalances } from '../helpers/connections.js';
import { ALLOCATE } from '../helpers/mutations.js';
import { demoSigners, readThrough, type Stack } from '../helpers/stack.js';
import { adminQuery, testPostgres, type TestPostgres } from '../helpers/test-postgres.js';
import { BALANCES, post, upstreamGets } from './helpers.js';
import { privateRedis, type PrivateRedis } from './private-redis.js';

interface Replica {
  stack: Stack;
  store: Store;
  feed: ChangeFeed;
  close(): Promise<void>;
}

/** One replica: its own pool, LISTEN connection and Redis client; one shared sandbox, PostgreSQL schema and Redis. */
async function startReplica(db: TestPostgres, schema: string, sandbox: StartedSandbox, redisUrl: string): Promise<Replica> {
  const store = await openStore({ databaseUrl: db.url, dataDir: '', schema });
  const feed = await openChangeFeed(store, { databaseUrl: db.url });
  const env = { LOG_LEVEL: 'silent', READ_CACHE: 'true', REDIS_URL: redisUrl, READ_CACHE_REDIS_TIMEOUT_MS: '50', RECONCILE_INTERVAL_MS: '86400000' };
  const config = { ...loadConfig(env), bitgoBaseUrl: sandbox.url, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId } as Config & { bitgoBaseUrl: string };
  const gateway: Gateway = await createGateway({ config, logger: createLogger('silent'), signers: demoSigners(sandbox), changeFeed: feed });
  const stack = readThrough(() => ({ sandbox, gateway, logs: [], journal: undefined as never, url: '', gql: undefined as never, close: async () => undefined }));
  return {
    stack,
    store,
    feed,
    async close() {
      await gateway.close();
      await feed.close();
      await store.close();
    },
  };
}

type Btc = { balances: { balances: Array<{ currency: string; available: string }> } };
const btcOf = (data: Btc | null | undefined) => data?.balances.balances.find((b) => b.currency === 'ofctbtc')?.available;

describe('read cache: two replicas on Redis and PostgreSQL', { timeout: 60_000 }, () => {
  let db: TestPostgres;
  let redis: PrivateRedis;
  let sandbox: StartedSandbox;
  const schema = `read_cache_${process.pid}_${randomBytes(4).toString('hex')}`;
  let a: Replica;
  let b: Replica;

  before(async () => {
    db = await testPostgres();
    await adminQuery(db.url, `CREATE SCHEMA "${schema}"`);
    const migrator = await openStore({ databaseUrl: db.url, dataDir: '', schema });
    await migrateStore(migrator);
    await migrator.close();
    redis = await privateRedis();
    sandbox = await startSandbox();
    a = await startReplica(db, schema, sandbox, redis.url);
    b = await startReplica(db, schema, sandbox, redis.url);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await sandbox?.close();
    await redis?.stop();
    if (db) {
      await adminQuery(db.url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.stop();
    }
  });

  it('shares entries between replicas, and shows an allocate on one in the very next read on the other', async () => {
    sandbox.requests.reset();
    const first = await post<Btc>(a.stack, BALANCES);
    const shared = await post<Btc>(b.stack, BALANCES);
    assert.equal(shared.extensions?.readCache?.hits, 1, 'B is served what A fetched');
    assert.equal(upstreamGets(a.stack, 'clients/balances'), 1);
    const input = { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId: `rc-${randomUUID()}` };
    const written = await post<{ allocate: { allocation: { status: string } } }>(a.stack, ALLOCATE, {}, { input });
    assert.equal(written.data?.allocate.allocation.status, 'CLEARED', JSON.stringify(written.errors));
    const after = await post<Btc>(b.stack, BALANCES);
    assert.equal(btcOf(after.data), (await restClientBalances(sandbox)).balances.ofctbtc?.available);
    assert.notEqual(btcOf(after.data), btcOf(first.data));
    assert.equal(after.extensions?.readCache?.misses, 1);
  });

  it('reads on, uncached, while Redis is killed (-9), and caches again once it is back', async () => {
    await post(a.stack, BALANCES);
    await redis.kill();
    const reference = (await restClientBalances(sandbox)).balances.ofctbtc?.available;
    sandbox.requests.reset();
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      const answer = await post<Btc>(a.stack, BALANCES);
      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
      assert.equal(btcOf(answer.data), reference);
      assert.equal(answer.headers['cache-control'], 'private, no-store', 'nothing uncached is hinted');
    }
    assert.ok(performance.now() - started < 2_000, 'no read waits on the dead Redis');
    assert.equal(upstreamGets(a.stack, 'clients/balances'), 3, 'every read went to BitGo');
    await redis.start();
    // ioredis reconnects on its own; the first read after it may still find it away.
    for (let i = 0; i < 100 && (await post(a.stack, BALANCES)).extensions?.readCache?.hits !== 1; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await post(a.stack, BALANCES)).extensions?.readCache?.hits, 1);
  });
});
