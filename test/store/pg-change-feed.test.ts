import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import type { AllocationHint, FeedChange } from '../../src/store/change-feed.js';
import { openStore, type Store } from '../../src/store/database.js';
import { migrateStore } from '../../src/store/migrate.js';
import { PgChangeFeed } from '../../src/store/pg-change-feed.js';
import { eventually } from '../helpers/live.js';
import { adminQuery, testPostgres, type TestPostgres } from '../helpers/test-postgres.js';

/**
 * A TCP proxy in front of PostgreSQL that can go silent: `freeze()` stops forwarding on the connections it holds
 * without closing them, as a NAT or firewall that dropped them would. New connections are forwarded as usual.
 */
async function freezableProxy(target: URL): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
  const pairs: Array<[Socket, Socket]> = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.href,
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        silent.push(client, upstream);
      }
    },
    async close() {
      for (const socket of silent.splice(0)) socket.destroy();
      for (const [client, upstream] of pairs.splice(0)) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
const silent: Socket[] = [];

const hint = (): AllocationHint => ({ kind: 'allocation_hint', enterpriseId: randomUUID(), view: 'client', source: 'POLL', allocationId: randomUUID(), connectionId: null });

/** Fails the first read of notified rows (`seq = ANY(…)`), as a pool that lost its server would. */
function failFirstRead(): KyselyPlugin & { failed: number } {
  return {
    failed: 0,
    transformQuery(args) {
      if (this.failed === 0 && JSON.stringify(args.node).includes('seq = ANY')) {
        this.failed += 1;
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      }
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

describe('the PostgreSQL change feed when its connections fail', { timeout: 60_000 }, () => {
  let db: TestPostgres;
  let store: Store;
  const schema = `feed_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const feeds: PgChangeFeed[] = [];

  before(async () => {
    db = await testPostgres();
    await adminQuery(db.url, `CREATE SCHEMA "${schema}"`);
    store = await openStore({ databaseUrl: db.url, dataDir: '', schema });
    await migrateStore(store);
  });
  after(async () => {
    for (const feed of feeds) await feed.close();
    await store?.close();
    if (db) {
      await adminQuery(db.url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.stop();
    }
  });

  const heard = (feed: PgChangeFeed) => {
    const changes: FeedChange[] = [];
    let wakes = 0;
    feed.subscribe({ change: (c) => changes.push(c), wake: () => (wakes += 1) });
    return { changes, wakes: () => wakes };
  };

  it('a LISTEN connection gone silent (half-open) is dropped at the next heartbeat, and what was published meanwhile is replayed', async () => {
    const proxy = await freezableProxy(new URL(db.url));
    try {
      const a = new PgChangeFeed({ db: store.db, databaseUrl: proxy.url, schema, heartbeatMs: 200, reconnectBaseMs: 50 });
      const b = new PgChangeFeed({ db: store.db, databaseUrl: db.url, schema });
      feeds.push(a, b);
      await a.start();
      await b.start();
      const onA = heard(a);
      const before = hint();
      await b.publish(before);
      await eventually(() => onA.changes.some((c) => c.kind === 'allocation_hint' && c.allocationId === before.allocationId), 'A to hear the first change live');

      proxy.freeze();
      const during = hint();
      await b.publish(during);
      await eventually(() => a.reconnects >= 1, 'A to notice the silence and reconnect', 10_000);
      await eventually(() => onA.changes.some((c) => c.kind === 'allocation_hint' && c.allocationId === during.allocationId), 'the change published while A was deaf', 10_000);
      assert.ok(onA.wakes() >= 1, 'listeners told to re-read what they watch');
      const ids = onA.changes.map((c) => (c.kind === 'allocation_hint' ? c.allocationId : ''));
      assert.equal(new Set(ids).size, ids.length, 'nothing delivered twice');
    } finally {
      await proxy.close();
    }
  });

  it('a failed read of notified rows is caught up from the table, with no reconnect', async () => {
    const plugin = failFirstRead();
    const a = new PgChangeFeed({ db: store.db.withPlugin(plugin), databaseUrl: db.url, schema, reconnectBaseMs: 50 });
    const b = new PgChangeFeed({ db: store.db, databaseUrl: db.url, schema });
    feeds.push(a, b);
    await a.start();
    await b.start();
    const onA = heard(a);
    const lost = hint();
    await b.publish(lost);
    await eventually(() => onA.changes.some((c) => c.kind === 'allocation_hint' && c.allocationId === lost.allocationId), 'the change whose read failed', 10_000);
    assert.equal(plugin.failed, 1);
    assert.equal(a.recoveries, 1);
    assert.equal(a.reconnects, 0);
    assert.equal(onA.changes.filter((c) => c.kind === 'allocation_hint' && c.allocationId === lost.allocationId).length, 1);
  });
});
