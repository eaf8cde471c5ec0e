import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/database.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { migrateStore } from '../../src/store/migrate.js';
import { gqlOver } from '../helpers/processes.js';
import { testPostgres, type TestPostgres } from '../helpers/postgres.js';
import { DISPUTE_SETTLEMENT, SETTLE, settlementAmounts, type DisputeAnswer, type SettleAnswer } from '../helpers/settle.js';
import { demoSigners } from '../helpers/stack.js';

/**
 * Issue 19's replicas test for settle's signed kinds: two in-process gateways, each with its own pool on one
 * PostgreSQL schema, in front of one sandbox. The same settle (same externalId) sent to both at once: the journal's
 * unique key decides, one signed body per key reaches BitGo, one settlement per externalId, both callers answer it.
 * The same dispute (same clientRequestId) on both at once: one dispute per key, sent once; a replica that could not
 * send it says OUTCOME_UNKNOWN and a repeat finds the one dispute. PostgreSQL only: the embedded engine has no
 * replicas (one process owns DATA_DIR), so the notion does not apply there. Runs on TEST_DATABASE_URL or a
 * throwaway cluster (testPostgres), never skipped.
 */
const KEYS = 8;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V2 = /\/api\/network\/v2\/enterprises\/[^/]+\/partners\/settlements$/;
const CREATE = /\/clients\/settlements\/[^/]+\/disputes$/;
const AMOUNTS = settlementAmounts({ [DEMO_CONNECTION_IDS.nimbusMain]: { ofctbtc: '-120' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '50' } });
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Replica {
  gateway: Gateway;
  store: Store;
  url: string;
}

async function startReplica(pg: TestPostgres, schema: string, sandbox: StartedSandbox): Promise<Replica> {
  const store = await openStore({ databaseUrl: pg.url, dataDir: '', schema });
  const config = { ...loadConfig({ LOG_LEVEL: 'warn', READ_CACHE: 'false', RECONCILE_INTERVAL_MS: '86400000' }), bitgoBaseUrl: sandbox.url, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId } as Config & {
    bitgoBaseUrl: string;
  };
  const gateway = await createGateway({ config, logger: createLogger('warn'), signers: demoSigners(sandbox), journal: new SqlJournalStore(store.db) });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  return { gateway, store, url: `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}/graphql` };
}

describe('settle and disputeSettlement on two replicas on one PostgreSQL', () => {
  let pg: TestPostgres;
  let sandbox: StartedSandbox;
  let admin: Store;
  const schema = `settle_replicas_${process.pid}_${randomBytes(3).toString('hex')}`;
  const replicas: Replica[] = [];
  const run = randomBytes(4).toString('hex');
  const externalIds = Array.from({ length: KEYS }, (_, i) => `${run}-${i}`);
  const settlementIds = new Map<string, string>();

  before(async () => {
    pg = await testPostgres();
    admin = await openStore({ databaseUrl: pg.url, dataDir: '', schema });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
    await migrateStore(admin);
    sandbox = await startSandbox();
    replicas.push(...(await Promise.all([startReplica(pg, schema, sandbox), startReplica(pg, schema, sandbox)])));
  });
  after(async () => {
    for (const replica of replicas) {
      await replica.gateway.close();
      await replica.store.close();
    }
    if (admin) {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(admin.db).catch(() => undefined);
      await admin.close();
    }
    await sandbox?.close();
    await pg?.stop();
  });

  it(`the same settle sent to both at once, for ${KEYS} externalIds: one settlement and one signed body per key, both callers answer it`, async (t) => {
    // Pending (v2, cut off now): inside its dispute window for the next test.
    const cutoffAt = new Date(sandbox.books.settlements.now()).toISOString();
    sandbox.requests.reset();
    const answers = await Promise.all(
      externalIds.map((externalId) =>
        Promise.all(replicas.map((r) => gqlOver<{ settle: SettleAnswer }>(r.url, SETTLE, { input: { enterpriseId: NIMBUS, externalId, settlementAmounts: AMOUNTS, cutoffAt } }))),
      ),
    );
    for (const [i, pair] of answers.entries()) {
      for (const res of pair) {
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.deepEqual(res.data!.settle.userErrors, [], `${externalIds[i]}: ${JSON.stringify(res.data!.settle.userErrors)}`);
        assert.equal(res.data!.settle.externalId, externalIds[i]);
      }
      const [a, b] = pair.map((res) => res.data!.settle.settlement!.id);
      assert.equal(a, b, 'both replicas answer the one settlement');
      settlementIds.set(externalIds[i]!, a!);
    }
    const made = sandbox.books.settlements.all().filter((s) => s.wire.externalId.startsWith(`${run}-`));
    assert.equal(made.length, KEYS, 'one settlement per externalId at the sandbox');
    assert.deepEqual(new Set(made.map((s) => s.wire.id)), new Set(settlementIds.values()));

    const rows = await admin.db.selectFrom('signed_requests').select(['idempotency_key', 'body', 'state']).where('kind', '=', 'settle').where('idempotency_key', 'like', `${run}-%`).execute();
    assert.equal(rows.length, KEYS, 'one journal row per externalId');
    for (const row of rows) assert.equal(row.state, 'settled');
    const sent = sandbox.requests.entries({ method: 'POST', path: V2 });
    assert.deepEqual(new Set(sent.map((e) => e.bodySha256)), new Set(rows.map((row) => sha256(row.body))), 'one signed body per key, the journal\'s');
    const signed = sandbox.requests.count({ method: 'POST', path: /\/partners\/settlements-signing$/ });
    t.diagnostic(`PostgreSQL from ${pg.origin}; ${KEYS} externalIds × 2 replicas: ${sent.length} v2 POSTs carrying ${KEYS} bodies; ${signed} signing payloads fetched`);
  });

  it(`the same dispute sent to both at once, for ${KEYS} clientRequestIds: one dispute per key, sent once; a repeat finds it`, async (t) => {
    assert.equal(settlementIds.size, KEYS, 'the settlements of the test before');
    sandbox.requests.reset();
    const input = (externalId: string) => ({
      settlementId: settlementIds.get(externalId)!,
      connectionId: DEMO_CONNECTION_IDS.nimbusMain,
      expectedTransfers: [{ currency: 'ofctbtc', quantity: '-100' }],
      clientRequestId: `${externalId}-dispute`,
    });
    const answers = await Promise.all(
      externalIds.map((id) => Promise.all(replicas.map((r) => gqlOver<{ disputeSettlement: DisputeAnswer }>(r.url, DISPUTE_SETTLEMENT, { input: input(id) })))),
    );
    let unknownFirst = 0;
    for (const [i, pair] of answers.entries()) {
      const ids = new Set<string>();
      for (const res of pair) {
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        const answer = res.data!.disputeSettlement;
        assert.equal(answer.clientRequestId, `${externalIds[i]}-dispute`);
        if (answer.dispute) ids.add(answer.dispute.id);
        else {
          // The replica that lost the row found it fresh and did not send it again: under way, repeat.
          assert.deepEqual(answer.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], JSON.stringify(answer.userErrors));
          unknownFirst += 1;
        }
      }
      assert.equal(ids.size, 1, `${externalIds[i]}: one dispute answered`);
      const again = await gqlOver<{ disputeSettlement: DisputeAnswer }>(replicas[i % 2]!.url, DISPUTE_SETTLEMENT, { input: input(externalIds[i]!) });
      assert.deepEqual(again.data?.disputeSettlement.userErrors, [], JSON.stringify(again));
      assert.deepEqual([...ids], [again.data!.disputeSettlement.dispute!.id], 'the repeat answers the one dispute');
    }
    const mine = new Set(settlementIds.values());
    const disputes = sandbox.books.settlements.disputes().filter((d) => mine.has(d.wire.disputedSettlementId));
    assert.equal(disputes.length, KEYS, 'one dispute per settlement at the sandbox');
    assert.equal(sandbox.requests.count({ method: 'POST', path: CREATE }), KEYS, 'each dispute was sent once, by one replica');
    t.diagnostic(`${KEYS} disputes × 2 replicas: ${KEYS} creates sent; ${unknownFirst} answers said OUTCOME_UNKNOWN before a repeat found the dispute`);
  });
});
