import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CLIENT_ENTERPRISE_ID, HELIOS_PARTNER_ID } from '../../src/sandbox/index.js';
import { CONNECT, KEYS, SECRETS, type ConnectAnswer } from '../helpers/connect.js';
import { crashRig, crashStores } from '../helpers/crash-stores.js';
import { gqlOver, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';

/**
 * kill -9 in the middle of connect. BitGo keeps no idempotency key for a connect, and the sandbox makes a connection
 * for every valid request it receives, so only the gateway's journal and its reads stand between a repeat and a
 * second connection. Three connects: A and B reach BitGo (held there by latency) when the gateway is killed, so
 * BitGo makes them while nobody hears its answer; C never reached BitGo (its socket was dropped) before the kill.
 * After a restart on the same store, A is repeated by its caller, B and C are left to the reconciler: each has
 * exactly one connection, A and B found by reading BitGo (never re-sent), C re-sent once with the journal's bytes.
 */
const CREATE = /\/clients\/connections$/;

const stores = crashStores('connect_crash');

for (const makeStore of stores) {
  describe('kill -9 of the gateway mid-connect, restart on the same store', () => {
    const cleanup: Array<() => Promise<unknown>> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step().catch(() => undefined);
    });

    it('one connection per clientRequestId: found by reading when BitGo made it, re-sent once with the journal\'s bytes when it did not', async (t) => {
      const store = await makeStore();
      cleanup.push(() => store.dispose());
      const { sandbox, token, env } = await crashRig(store, cleanup);
      const run = randomBytes(4).toString('hex');
      const input = (label: string) => ({ partnerId: HELIOS_PARTNER_ID, name: `crash ${run} ${label}`, connectionKey: KEYS.helios, clientRequestId: `${run}-${label}` });
      const connectVia = (gateway: GatewayProcess, label: string) => gqlOver<{ connect: ConnectAnswer }>(gateway.url, CONNECT, { input: input(label) });

      const first = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '86400000' });
      cleanup.push(() => first.kill('SIGKILL'));
      t.diagnostic(`store: ${store.name}; gateway pid ${first.pid}`);

      // C: its create never reaches BitGo; the gateway reads, finds nothing, and leaves the row unknown.
      await sandbox.control.addFault({ method: 'POST', path: CREATE, dropBeforeCommit: true });
      const c = await connectVia(first, 'C');
      assert.deepEqual(c.data?.connect.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], JSON.stringify(c));
      // A and B: held at BitGo long enough for the kill to land while they are in flight.
      await sandbox.control.addFault({ method: 'POST', path: CREATE, latencyMs: 1_500, times: 2 });
      const inFlight = [connectVia(first, 'A'), connectVia(first, 'B')].map((p) => p.catch(() => undefined));
      for (let i = 0; (await sandbox.control.requests({ method: 'POST', path: CREATE })).length < 3; i++) {
        assert.ok(i < 400, 'the creates never reached the sandbox');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
      await Promise.all(inFlight);
      await sandbox.control.clearFaults();
      // BitGo finishes what it received: A and B exist, nobody heard about them.
      await new Promise((resolve) => setTimeout(resolve, 1_800));

      const second = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '300' });
      cleanup.push(() => second.kill('SIGKILL'));
      // A's caller repeats: answered from BitGo's connections (a repeat too soon after the restart says so, and sends nothing).
      let a: ConnectAnswer | undefined;
      for (let i = 0; !a?.connection; i++) {
        assert.ok(i < 60, `A was never answered: ${JSON.stringify(a)}`);
        a = (await connectVia(second, 'A')).data?.connect;
        if (!a?.connection) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(a.connection.name, `crash ${run} A`);
      // B and C settle through the reconciler alone (its passes every 300 ms, once their rows are idle).
      const rowsOf = async () => {
        const db = await store.open();
        try {
          return await db.db.selectFrom('signed_requests').select(['idempotency_key', 'state', 'body', 'answer_allocation_id']).where('idempotency_key', 'like', `${run}-%`).execute();
        } finally {
          await db.close();
        }
      };
      let connections: Array<{ name: string; id: string }> = [];
      for (let i = 0; ; i++) {
        const res = await fetch(`${sandbox.url}/api/network/v1/enterprises/${DEMO_CLIENT_ENTERPRISE_ID}/clients/connections?partnerIds=${HELIOS_PARTNER_ID}`, { headers: { authorization: `Bearer ${token}` } });
        connections = ((await res.json()) as { connections: Array<{ name: string; id: string }> }).connections.filter((x) => x.name.startsWith(`crash ${run} `));
        if (connections.length >= 3) break;
        assert.ok(i < 120, `C was never re-sent: ${JSON.stringify(connections)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // The reconciler's passes settle B (found) and C (sent): the audit trail of the running gateway says when.
      const audit = `{ signedRequests(filter: { kinds: [CONNECT] }, first: 50) { nodes { clientExternalId state outcome { recordId } } } }`;
      for (let i = 0; ; i++) {
        const res = await gqlOver<{ signedRequests: { nodes: Array<{ clientExternalId: string; state: string }> } }>(second.url, audit, {});
        const mine = res.data?.signedRequests.nodes.filter((n) => n.clientExternalId.startsWith(`${run}-`)) ?? [];
        if (mine.length === 3 && mine.every((n) => n.state === 'SETTLED')) break;
        assert.ok(i < 80, `rows never settled: ${JSON.stringify(mine)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal((await second.kill('SIGTERM')).code, 0);
      const rows = await rowsOf();
      assert.deepEqual(connections.map((x) => x.name).sort(), ['A', 'B', 'C'].map((l) => `crash ${run} ${l}`), 'exactly one connection per clientRequestId');
      const byName = new Map(connections.map((x) => [x.name, x.id]));
      for (const row of rows) {
        assert.equal(row.state, 'settled', row.idempotency_key);
        assert.equal(row.answer_allocation_id, byName.get(`crash ${run} ${row.idempotency_key.slice(run.length + 1)}`), `${row.idempotency_key} names its connection`);
        for (const secret of SECRETS) assert.ok(!row.body.includes(secret), 'the body is kept sealed');
      }
      // Four creates reached BitGo: C (dropped), A, B, and C once more; A and B were never re-sent.
      assert.equal((await sandbox.control.requests({ method: 'POST', path: CREATE })).length, 4);
      for (const output of [first.output(), second.output()]) for (const secret of SECRETS) assert.ok(!output.includes(secret), 'no secret in the logs');
    });
  });
}
