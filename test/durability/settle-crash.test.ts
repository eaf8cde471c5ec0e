import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS, sandboxKey } from '../../src/sandbox/index.js';
import { crashRig, crashStores } from '../helpers/crash-stores.js';
import { gqlOver, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { SETTLE, settlementAmounts, type SettleAnswer } from '../helpers/settle.js';

/**
 * kill -9 in the middle of settle. BitGo keeps one settlement per externalId, so the journal's bytes may be re-sent;
 * what must never happen is a second settlement, or a settlement the gateway forgets. A reaches BitGo (held there by
 * latency) when the gateway is killed; B's socket is dropped before BitGo sees it. After a restart on the same store
 * A's caller repeats (the journal's bytes re-sent: the one settlement answered), B is left to the reconciler (re-sent
 * once, made once). Both engines, one round each.
 */
const V2 = /\/api\/network\/v2\/enterprises\/[^/]+\/partners\/settlements$/;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const AMOUNTS = settlementAmounts({ [DEMO_CONNECTION_IDS.nimbusMain]: { ofctbtc: '-100' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '40' } });

for (const makeStore of crashStores('settle_crash')) {
  describe('kill -9 of the gateway mid-settle, restart on the same store', () => {
    const cleanup: Array<() => Promise<unknown>> = [];
    after(async () => {
      for (const step of cleanup.reverse()) await step().catch(() => undefined);
    });

    it('one settlement per externalId: the caller\'s repeat re-sends the journal\'s bytes, the reconciler sends what never arrived', async (t) => {
      const store = await makeStore();
      cleanup.push(() => store.dispose());
      const { sandbox, token, env: clientEnv } = await crashRig(store, cleanup);
      // The partner's gateway: its enterprise and key.
      const env = { ...clientEnv, BITGO_ENTERPRISE_ID: NIMBUS, SIGNING_XPRV: sandboxKey(NIMBUS).xprv, BITGO_VIEW: 'partner', BITGO_WRITE_DEADLINE_MS: '600' };
      const run = randomBytes(4).toString('hex');
      const input = (label: string) => ({ externalId: `${run}-${label}`, settlementAmounts: AMOUNTS, cutoffAt: '2026-12-01T00:00:00.000Z' });
      const settleVia = (gateway: GatewayProcess, label: string) => gqlOver<{ settle: SettleAnswer }>(gateway.url, SETTLE, { input: input(label) });
      const mine = async () => {
        const res = await fetch(`${sandbox.url}/api/network/v1/enterprises/${NIMBUS}/partners/settlements?externalIds=${run}-A,${run}-B`, { headers: { authorization: `Bearer ${token}` } });
        return ((await res.json()) as { settlements: Array<{ id: string; externalId: string }> }).settlements;
      };

      const first = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '86400000' });
      cleanup.push(() => first.kill('SIGKILL'));
      t.diagnostic(`store: ${store.name}; gateway pid ${first.pid}`);
      // B: its POST never reaches BitGo (every attempt dropped): unknown, and BitGo holds nothing under its externalId.
      await sandbox.control.addFault({ method: 'POST', path: V2, dropBeforeCommit: true, times: 50 });
      const b = await settleVia(first, 'B');
      assert.deepEqual(b.data?.settle.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], JSON.stringify(b));
      await sandbox.control.clearFaults();
      // A: held at BitGo long enough for the kill to land while it is in flight.
      await sandbox.control.addFault({ method: 'POST', path: V2, latencyMs: 500 });
      const inFlight = settleVia(first, 'A').catch(() => undefined);
      const posted = async () => (await sandbox.control.requests({ method: 'POST', path: V2 })).length;
      const before = await posted();
      for (let i = 0; (await posted()) === before; i++) {
        assert.ok(i < 400, 'A never reached the sandbox');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
      await inFlight;
      await sandbox.control.clearFaults();
      for (let i = 0; (await mine()).length < 1; i++) {
        assert.ok(i < 100, 'BitGo never made A');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }

      const second = await startGatewayProcess({ ...env, RECONCILE_INTERVAL_MS: '300' });
      cleanup.push(() => second.kill('SIGKILL'));
      const a = await settleVia(second, 'A');
      assert.deepEqual(a.data?.settle.userErrors, [], JSON.stringify(a));
      const madeA = (await mine()).find((s) => s.externalId === `${run}-A`)!;
      assert.equal(a.data!.settle.settlement!.id, madeA.id, 'the repeat answered the settlement BitGo made before the kill');
      // B settles through the reconciler alone.
      for (let i = 0; (await mine()).length < 2; i++) {
        assert.ok(i < 80, 'the reconciler never re-sent B');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const audit = `{ signedRequests(filter: { kinds: [SETTLE] }, first: 50) { nodes { clientExternalId state } } }`;
      for (let i = 0; ; i++) {
        const res = await gqlOver<{ signedRequests: { nodes: Array<{ clientExternalId: string; state: string }> } }>(second.url, audit, {});
        const rows = res.data?.signedRequests.nodes.filter((n) => n.clientExternalId.startsWith(`${run}-`)) ?? [];
        if (rows.length === 2 && rows.every((n) => n.state === 'SETTLED')) break;
        assert.ok(i < 80, `rows never settled: ${JSON.stringify(rows)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal((await second.kill('SIGTERM')).code, 0);
      assert.deepEqual((await mine()).map((s) => s.externalId).sort(), [`${run}-A`, `${run}-B`], 'exactly one settlement per externalId');
    });
  });
}
