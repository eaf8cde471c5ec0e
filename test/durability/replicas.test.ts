import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DEMO_CONNECTION_IDS, HELIOS_PARTNER_ID, sandboxKey, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/database.js';
import { CONNECT, KEYS as CONNECTION_KEYS, type ConnectAnswer } from '../helpers/connect.js';
import { ALLOCATE, type AllocateResult } from '../helpers/mutations.js';
import { gqlOver, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';

/**
 * Issue 10's replicas test: two gateway processes on one PostgreSQL, the same mutation sent to both at once for
 * 50 keys. The journal's unique key decides: one signed body per key reaches BitGo (the sandbox's request log),
 * one allocation per key (its books), both replicas answer the same allocation. Runs whatever the environment:
 * on TEST_DATABASE_URL, or on a PostgreSQL it starts itself (testPostgres), never skipped.
 */
const KEYS = 50;
const helios = DEMO_CONNECTION_IDS.helios;
const WRITE = /\/clients\/connections\/[^/]+\/allocations$/;
const amount = { currency: 'ofctbtc', quantity: '2500' };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('two replicas on one PostgreSQL', () => {
  let pg: TestPostgres;
  let sandbox: StartedSandbox;
  let store: Store;
  const schema = `replicas_${process.pid}_${randomBytes(3).toString('hex')}`;
  const replicas: GatewayProcess[] = [];
  before(async () => {
    pg = await testPostgres();
    sandbox = await startSandbox();
    const env = {
      BITGO_BASE_URL: sandbox.url,
      BITGO_ACCESS_TOKEN: sandbox.token,
      BITGO_ENTERPRISE_ID: sandbox.enterpriseId,
      SIGNING_XPRV: sandboxKey(sandbox.enterpriseId).xprv,
      DATABASE_URL: pg.url,
      DATABASE_SCHEMA: schema,
      // One key for both: either replica opens the other's sealed connect.
      JOURNAL_SECRET_KEY: randomBytes(32).toString('base64'),
    };
    // Started together: their start-up migrations meet on Kysely's migration lock.
    replicas.push(...(await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])));
    store = await openStore({ databaseUrl: pg.url, dataDir: '', schema });
  });
  after(async () => {
    for (const replica of replicas) await replica.kill('SIGTERM');
    if (store) {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db).catch(() => undefined);
      await store.close();
    }
    await sandbox?.close();
    await pg?.stop();
  });

  it(`the same allocate sent to both at once, for ${KEYS} keys: one signed body and one allocation per key`, async (t) => {
    const run = `replica-${randomBytes(4).toString('hex')}`;
    const keys = Array.from({ length: KEYS }, (_, i) => `${run}-${i}`);
    sandbox.requests.reset();
    const answers = await Promise.all(
      keys.map((clientExternalId) =>
        Promise.all(replicas.map((replica) => gqlOver<{ allocate: AllocateResult }>(replica.url, ALLOCATE, { input: { connectionId: helios, amount, clientExternalId } }))),
      ),
    );
    for (const [i, pair] of answers.entries()) {
      for (const res of pair) {
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.deepEqual(res.data!.allocate.userErrors, [], `${keys[i]}: ${JSON.stringify(res.data!.allocate.userErrors)}`);
      }
      assert.equal(pair[0]!.data!.allocate.allocation!.id, pair[1]!.data!.allocate.allocation!.id, 'both replicas answer the one allocation');
    }

    const books = sandbox.books.allRecords(sandbox.enterpriseId).filter((r) => r.clientExternalId.startsWith(`${run}-`));
    assert.equal(books.length, KEYS, 'one allocation per key');
    assert.equal(new Set(books.map((r) => r.clientExternalId)).size, KEYS);

    const rows = await store.db.selectFrom('signed_requests').select(['idempotency_key', 'body', 'state', 'attempts']).where('idempotency_key', 'like', `${run}-%`).execute();
    assert.equal(rows.length, KEYS, 'one journal row per key');
    const journalBodies = new Set(rows.map((row) => sha256(row.body)));
    const sent = sandbox.requests.entries({ method: 'POST', path: WRITE });
    const sentBodies = new Set(sent.map((entry) => entry.bodySha256));
    assert.equal(sentBodies.size, KEYS, 'one signed body per key in the sandbox\'s request log');
    assert.deepEqual(sentBodies, journalBodies, 'and it is the journal\'s');
    for (const row of rows) {
      assert.equal(row.state, 'settled');
      assert.equal(row.attempts, 2, 'both replicas sent the row\'s bytes, and counted it');
    }
    const signed = sandbox.requests.count({ method: 'POST', path: /\/allocations\/signing$/ });
    t.diagnostic(
      `PostgreSQL from ${pg.origin}; ${KEYS} keys × 2 replicas: ${sent.length} signed POSTs carrying ${sentBodies.size} distinct bodies; ` +
        `${signed} signing payloads fetched (${signed - KEYS} keys where both replicas signed before one claimed: the loser sent the winner's bytes)`,
    );
  });

  it('the same connect sent to both at once, for 10 clientRequestIds: one connection per key, sent once; a replica that could not send reads it', async (t) => {
    const run = `replica-connect-${randomBytes(4).toString('hex')}`;
    const keys = Array.from({ length: 10 }, (_, i) => `${run}-${i}`);
    const input = (clientRequestId: string) => ({ partnerId: HELIOS_PARTNER_ID, name: clientRequestId, connectionKey: CONNECTION_KEYS.helios, clientRequestId });
    sandbox.requests.reset();
    const answers = await Promise.all(keys.map((key) => Promise.all(replicas.map((replica) => gqlOver<{ connect: ConnectAnswer }>(replica.url, CONNECT, { input: input(key) })))));
    let unknownFirst = 0;
    for (const [i, pair] of answers.entries()) {
      // One replica sent it; the other, finding the row fresh, read BitGo instead: it answers the connection, or says it is under way.
      const ids = new Set<string>();
      for (const res of pair) {
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const answer = res.data!.connect;
        if (answer.connection) ids.add(answer.connection.id);
        else {
          assert.deepEqual(answer.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], keys[i]);
          unknownFirst += 1;
        }
      }
      assert.equal(ids.size, 1, `${keys[i]}: one connection answered`);
      // Repeated on either replica: the same connection.
      const again = await gqlOver<{ connect: ConnectAnswer }>(replicas[i % 2]!.url, CONNECT, { input: input(keys[i]!) });
      assert.deepEqual([...ids], [again.data!.connect.connection!.id]);
    }
    const made = sandbox.books.connections(sandbox.enterpriseId).filter((c) => c.name.startsWith(`${run}-`));
    assert.equal(made.length, keys.length, 'one connection per key');
    assert.equal(sandbox.requests.count({ method: 'POST', path: /\/clients\/connections$/ }), keys.length, 'each connect was sent once, by one replica');
    t.diagnostic(`${keys.length} connects × 2 replicas: ${keys.length} creates sent; ${unknownFirst} answers said "under way" before a repeat found the connection`);
  });
});
