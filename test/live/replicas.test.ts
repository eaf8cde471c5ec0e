import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import type { FeedChange } from '../../src/store/change-feed.js';
import { openChangeFeed } from '../../src/store/change-feed.factory.js';
import { openStore, type Store } from '../../src/store/database.js';
import { migrateStore } from '../../src/store/migrate.js';
import { PgChangeFeed } from '../../src/store/pg-change-feed.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { ALLOCATE, UPDATE } from '../helpers/mutations.js';
import { demoSigners } from '../helpers/stack.js';
import { adminQuery, testPostgres, type TestPostgres } from '../helpers/test-postgres.js';
import { API, call, partnerBody } from '../sandbox/helpers.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

interface Replica {
  gateway: Gateway;
  store: Store;
  feed: PgChangeFeed;
  url: string;
  gql<T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }>;
  close(): Promise<void>;
}

/** One replica: its own store handle (pool), its own LISTEN connection, its own HTTP port; one shared sandbox. */
async function startReplica(db: TestPostgres, schema: string, sandbox: StartedSandbox, env: Record<string, string> = {}): Promise<Replica> {
  const store = await openStore({ databaseUrl: db.url, dataDir: '', schema });
  const feed = (await openChangeFeed(store, { databaseUrl: db.url })) as PgChangeFeed;
  assert.ok(feed instanceof PgChangeFeed);
  const config = { ...loadConfig({ LOG_LEVEL: 'warn', READ_CACHE: 'false', ...env }), bitgoBaseUrl: sandbox.url, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId } as Config & { bitgoBaseUrl: string };
  const gateway = await createGateway({ config, logger: createLogger('warn'), signers: demoSigners(sandbox), changeFeed: feed });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}/graphql`;
  return {
    gateway,
    store,
    feed,
    url,
    async gql<T>(query: string, variables: Record<string, unknown>) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: BEARER }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: T; errors?: unknown[] };
    },
    async close() {
      await gateway.close();
      await feed.close();
      await store.close();
    },
  };
}

type AllocateAnswer = { allocate: { allocation: { id: string; status: string } } };

describe('live: two replicas on one PostgreSQL (LISTEN/NOTIFY)', { timeout: 120_000 }, () => {
  let db: TestPostgres;
  let sandbox: StartedSandbox;
  const schema = `live_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let a: Replica;
  let b: Replica;
  const clients: LiveClient[] = [];

  before(async () => {
    db = await testPostgres();
    await adminQuery(db.url, `CREATE SCHEMA "${schema}"`);
    const migrator = await openStore({ databaseUrl: db.url, dataDir: '', schema });
    await migrateStore(migrator);
    await migrator.close();
    sandbox = await startSandbox();
    // A's watcher would re-read only after a minute: what A learns within the tests comes from the feed (or a wake-up).
    a = await startReplica(db, schema, sandbox, { SUBSCRIPTION_POLL_MIN_MS: '60000', SUBSCRIPTION_POLL_MAX_MS: '60000' });
    b = await startReplica(db, schema, sandbox);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await a?.close();
    await b?.close();
    await sandbox?.close();
    if (db) {
      await adminQuery(db.url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.stop();
    }
  });

  const subscribeOn = (replica: Replica, variables: Record<string, unknown>) => {
    const c = liveClient(replica.url, { authorization: BEARER });
    clients.push(c);
    return c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, variables);
  };

  it('subscribed on A, caused on B: RESERVED then CLEARED arrive on A, once each; NOTIFY carries only a sequence number', async () => {
    const payloads: string[] = [];
    const spy = new pg.Client({ connectionString: db.url });
    await spy.connect();
    spy.on('notification', (m) => payloads.push(m.payload ?? ''));
    await spy.query(`LISTEN ${pg.escapeIdentifier(`live_changes:${schema}`)}`);

    const key = `replicas-${randomUUID()}`;
    const sink = subscribeOn(a, { clientExternalIds: [key] });
    await waitForSubscriptions(a.gateway, 1);
    const allocated = await b.gql<AllocateAnswer>(ALLOCATE, { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '77' }, clientExternalId: key } });
    const id = allocated.data!.allocate.allocation.id;
    const reserved = (await sink.nth(1)).data!.allocationChanged;
    assert.deepEqual([reserved.source, reserved.allocation.id, reserved.allocation.status], ['MUTATION', id, 'RESERVED']);

    const cleared = await b.gql(UPDATE, {
      input: {
        enterpriseId: sandbox.partnerEnterpriseId,
        allocationId: id,
        status: 'CLEARED',
        amount: { currency: 'ofctbtc', quantity: '77' },
        clientId: sandbox.enterpriseId,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: 'replica-1',
      },
    });
    assert.equal(cleared.errors, undefined);
    const second = (await sink.nth(2)).data!.allocationChanged;
    assert.deepEqual([second.source, second.previousStatus, second.allocation.status], ['PARTNER_UPDATE', 'RESERVED', 'CLEARED']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(sink.events.length, 2);

    assert.ok(payloads.length >= 2);
    for (const payload of payloads) assert.match(payload, /^\d{1,19}$/, 'NOTIFY carries the change\'s sequence number only');
    // The rows hold BitGo's record as answered: no token, no signed payload, no signature.
    const bodies = (await sql<{ body: string }>`SELECT body FROM live_changes`.execute(a.store.db)).rows.map((r) => r.body).join('\n');
    assert.ok(bodies.includes(id));
    for (const secret of [SANDBOX_TOKEN, sandbox.signingXprv, sandbox.partnerSigningXprv, '"signature"', '"payload"']) assert.equal(bodies.includes(secret), false, secret);
    await spy.end();
    sink.stop();
    await waitForSubscriptions(a.gateway, 0);
  });

  it('200 concurrent changes of one allocation published on B: A hears each once, its subscriber sees them only ever newer, ending on the newest', async () => {
    const seen: FeedChange[] = [];
    const unsubscribe = a.feed.subscribe({ change: (c) => seen.push(c) });
    const sink = subscribeOn(a, { connectionIds: [nimbus.id] });
    await waitForSubscriptions(a.gateway, 1);
    const base = Date.parse('2030-01-01T00:00:00.000Z');
    const allocationId = randomUUID();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        b.feed.publish({
          kind: 'allocation',
          enterpriseId: sandbox.enterpriseId,
          view: 'client',
          source: 'MUTATION',
          allocation: { id: allocationId, amount: { currency: 'ofctbtc', quantity: String(2n ** 70n + BigInt(i)) }, connectionId: nimbus.id, clientExternalId: `order-${i}`, initiatedBy: 'x', createdAt: new Date(base).toISOString(), updatedAt: new Date(base + i).toISOString(), retriable: false, reason: null, status: 'reserved', type: 'allocation' },
        }),
      ),
    );
    await eventually(() => seen.filter((c) => c.kind === 'allocation' && c.allocation.id === allocationId).length >= 200, '200 changes on A');
    unsubscribe();
    const mine = seen.filter((c) => c.kind === 'allocation' && c.allocation.id === allocationId);
    assert.equal(mine.length, 200);
    assert.equal(new Set(mine.map((c) => c.seq)).size, 200, 'none twice');
    // Quantities above 2^53 travel as the decimal strings they are.
    const quantities = new Set(mine.map((c) => (c.kind === 'allocation' ? c.allocation.amount.quantity : '')));
    for (let i = 0; i < 200; i++) assert.ok(quantities.has(String(2n ** 70n + BigInt(i))));

    // Concurrent publishers commit in any order; the subscription delivers a record only when newer than the last.
    await eventually(() => sink.events.at(-1)?.data?.allocationChanged.allocation.updatedAt === new Date(base + 199).toISOString(), 'the newest change');
    const times = sink.events.map((e) => Date.parse(e.data!.allocationChanged.allocation.updatedAt));
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! > times[i - 1]!, `event ${i} is not newer than the one before`);
    sink.stop();
    await waitForSubscriptions(a.gateway, 0);
  });

  it('A\'s LISTEN connection is killed: A reconnects, replays what it missed from the table, and re-reads what it watches', async () => {
    // Reserved before A's subscription: A watches it (and, with its one-minute backoff, would not re-read it soon).
    const heardOnA = new Set<string>();
    const unsubscribe = a.feed.subscribe({ change: (c) => c.kind === 'allocation' && heardOnA.add(c.allocation.id) });
    const watched = await b.gql<AllocateAnswer>(ALLOCATE, { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '12' } } });
    const watchedId = watched.data!.allocate.allocation.id;
    // B's NOTIFY of it reaches A after the answer: subscribing before it lands would (rightly) deliver it as a change.
    await eventually(() => heardOnA.has(watchedId), 'A to hear of the allocation made on B');
    unsubscribe();
    const key = `outage-${randomUUID()}`;
    const byKey = subscribeOn(a, { clientExternalIds: [key] });
    const byId = subscribeOn(a, { ids: [watchedId] });
    await waitForSubscriptions(a.gateway, 2);
    assert.equal(a.gateway.workflows.live.stats().watched, 1);
    const reconnects = a.feed.reconnects;

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [a.feed.listenerPid]);
    await admin.end();
    // While A is away: a change through B (its NOTIFY is lost to A), and one behind every gateway's back.
    const during = await b.gql<AllocateAnswer>(ALLOCATE, { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '13' }, clientExternalId: key } });
    const body = partnerBody(sandbox, {
      status: 'cleared',
      allocationId: watchedId,
      amount: { currency: 'ofctbtc', quantity: '12' },
      clientId: sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: 'outage-direct',
    });
    assert.equal((await call(sandbox, 'PUT', `${API}/${sandbox.partnerEnterpriseId}/partners/allocations`, { body })).status, 200);

    const missed = (await byKey.nth(1, 15_000)).data!.allocationChanged;
    assert.equal(missed.allocation.id, during.data!.allocate.allocation.id);
    assert.equal(missed.source, 'MUTATION');
    const woke = (await byId.nth(1, 15_000)).data!.allocationChanged;
    assert.deepEqual([woke.allocation.id, woke.allocation.status, woke.source], [watchedId, 'CLEARED', 'POLL']);
    assert.ok(a.feed.reconnects > reconnects);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(byKey.events.length, 1, 'replayed once');
    byKey.stop();
    byId.stop();
    await waitForSubscriptions(a.gateway, 0);
  });

  it('a gateway given only its PostgreSQL store (as main.ts gives it) and DATABASE_URL joins the fan-out by itself', async () => {
    const store = await openStore({ databaseUrl: db.url, dataDir: '', schema });
    const config = { ...loadConfig({ LOG_LEVEL: 'warn', READ_CACHE: 'false' }), bitgoBaseUrl: sandbox.url, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId, databaseUrl: db.url } as Config & { bitgoBaseUrl: string };
    const c = await createGateway({ config, logger: createLogger('warn'), signers: demoSigners(sandbox), store });
    try {
      await c.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(c.app.server.address() as AddressInfo).port}/graphql`;
      const client = liveClient(url, { authorization: BEARER });
      clients.push(client);
      const key = `store-only-${randomUUID()}`;
      const sink = client.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
      await waitForSubscriptions(c, 1);
      await b.gql<AllocateAnswer>(ALLOCATE, { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '14' }, clientExternalId: key } });
      assert.equal((await sink.nth(1)).data!.allocationChanged.allocation.status, 'RESERVED');
      sink.stop();
      await waitForSubscriptions(c, 0);
    } finally {
      await c.close();
      await store.close();
    }
  });

  it('prunes changes older than the retention', async () => {
    const store = await openStore({ databaseUrl: db.url, dataDir: '', schema });
    const feed = new PgChangeFeed({ db: store.db, databaseUrl: db.url, schema, retentionMs: 50 });
    try {
      const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM live_changes`.execute(store.db)).rows[0]!.n);
      assert.ok((await count()) > 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await feed.publish({ kind: 'partner_request', enterpriseId: sandbox.partnerEnterpriseId, source: 'WEBHOOK', request: { id: randomUUID(), type: 'allocation', status: 'reserved', enterpriseId: sandbox.partnerEnterpriseId, rejectReason: null, amount: { currency: 'ofctbtc', quantity: '1' }, clientId: sandbox.enterpriseId, connectionId: nimbus.id, partnersConnectionId: nimbus.partnersConnectionId, partnersClientId: null, partnersAllocationId: null, receivedAt: new Date().toISOString(), clearedAt: null, updatedAt: new Date().toISOString() } });
      await eventually(async () => (await count()) <= 1, 'old rows to go');
    } finally {
      await feed.close();
      await store.close();
    }
  });
});
