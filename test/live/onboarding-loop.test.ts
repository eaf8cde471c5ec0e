import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { connect, updateConnection } from '../helpers/connect.js';
import { liveClient, waitForSubscriptions, type LiveClient } from '../helpers/live.js';
import { ALLOCATE } from '../helpers/mutations.js';
import { startPartnerStack, type PartnerStack } from '../partner/helpers.js';
import { engines } from '../store/engines.js';

const CHANGED = `subscription($ids: [ID!]!) {
  connectionChanged(connectionIds: $ids) { source changes previous { name active initialized } connection { id name active initialized partnersClientId partnersConnectionId } }
}`;

interface Changed {
  data?: { connectionChanged: { source: string; changes: string[]; previous: { name: string; active: boolean; initialized: boolean }; connection: { id: string; name: string; active: boolean; initialized: boolean; partnersClientId: string | null; partnersConnectionId: string | null } } };
  errors?: unknown[];
}

/** A loopback gate in front of the partner's endpoints: BitGo's calls wait until the test opens it. */
async function gate(target: string): Promise<{ url: string; open(): void; close(): Promise<void> }> {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    void opened.then(() => {
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, open, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

/**
 * The issue's onboarding loop, offline: the partner's platform issues a token; the client lists partners, connects to
 * Nimbus with it; the sandbox, playing BitGo, asks the partner's gateway to initialize the connection; the partner
 * answers from the token; the client sees it initialized (live), renames it, allocates over it (the partner's ledger
 * receives the reservation under the account the token named), and deactivates it.
 */
describe('the onboarding loop, offline: partner token → connect → initialized → rename → allocate → deactivate', () => {
  let s: PartnerStack;
  let live: LiveClient;
  let partnerGate: Awaited<ReturnType<typeof gate>>;
  before(async () => {
    s = await startPartnerStack(engines[0]!, { loop: true, config: { subscriptionPollMinMs: 200, subscriptionPollMaxMs: 1_000 } });
    partnerGate = await gate(s.webhookUrl);
    s.sandbox.partnerWebhooks.setUrl(partnerGate.url);
    live = liveClient(`${s.url}/graphql`, { authorization: `Bearer ${SANDBOX_TOKEN}` });
  });
  after(async () => {
    await live?.dispose();
    await partnerGate?.close();
    await s?.close();
  });

  it('runs end to end', async () => {
    const account = `nimbus-acct-${randomUUID().slice(0, 8)}`;
    const issued = await s.gql<{ issueConnectionToken: { connectionToken: string; partnersConnectionId: string } }>(
      `mutation($a: String!) { issueConnectionToken(input: { partnersClientId: $a }) { connectionToken partnersConnectionId } }`,
      { a: account },
    );
    const { connectionToken, partnersConnectionId } = issued.data!.issueConnectionToken;

    const directory = await s.gql<{ partners: { nodes: Array<{ id: string; connectionKeySchema: string; active: boolean }> } }>(`{ partners(filter: { names: ["Nimbus Exchange"] }) { nodes { id connectionKeySchema active } } }`);
    const nimbus = directory.data!.partners.nodes[0]!;
    assert.deepEqual([nimbus.id, nimbus.connectionKeySchema, nimbus.active], [DEMO_PARTNER_ENTERPRISE_ID, 'TOKEN', true]);

    const made = await connect(s, { partnerId: nimbus.id, name: 'Nimbus onboarding', connectionKey: { token: { connectionToken } } });
    assert.deepEqual(made.payload!.userErrors, []);
    const connection = made.payload!.connection!;
    assert.deepEqual([connection.initialized, connection.partnersClientId], [false, null]);

    const changes = live.subscribe<Changed>(CHANGED, { ids: [connection.id] });
    await waitForSubscriptions(s.gateway, 1);
    partnerGate.open();
    const initialized = (await changes.nth(1, 15_000)).data!.connectionChanged;
    assert.deepEqual(initialized.changes, ['INITIALIZED']);
    assert.deepEqual([initialized.connection.partnersClientId, initialized.connection.partnersConnectionId], [account, partnersConnectionId]);
    assert.equal(initialized.previous.initialized, false);
    const partnerSide = await s.gql<{ partnerConnections: { nodes: Array<{ connectionId: string; partnersClientId: string; networkConnection: { initialized: boolean } | null }> } }>(
      `{ partnerConnections(first: 5) { nodes { connectionId partnersClientId networkConnection { initialized } } } }`,
    );
    assert.deepEqual(partnerSide.data!.partnerConnections.nodes[0], { connectionId: connection.id, partnersClientId: account, networkConnection: { initialized: true } });

    const renamed = await updateConnection(s, { connectionId: connection.id, name: 'Nimbus onboarded' });
    assert.equal(renamed.payload!.connection!.name, 'Nimbus onboarded');
    const rename = (await changes.nth(2)).data!.connectionChanged;
    assert.deepEqual([rename.changes, rename.source, rename.previous.name], [['RENAMED'], 'MUTATION', 'Nimbus onboarding']);

    const allocated = await s.gql<{ allocate: { allocation: { id: string; status: string }; userErrors: unknown[] } }>(ALLOCATE, {
      input: { connectionId: connection.id, amount: { currency: 'ofctbtc', quantity: '2500' } },
    });
    assert.deepEqual(allocated.data!.allocate.userErrors, []);
    assert.equal(allocated.data!.allocate.allocation.status, 'RESERVED');
    const id = allocated.data!.allocate.allocation.id;
    for (let i = 0; ; i++) {
      const ledger = await s.gql<{ partnerAllocationRequests: { nodes: Array<{ id: string; partnersClientId: string; partnersConnectionId: string }> } }>(
        `{ partnerAllocationRequests(first: 5) { nodes { id partnersClientId partnersConnectionId } } }`,
      );
      const row = ledger.data!.partnerAllocationRequests.nodes.find((n) => n.id === id);
      if (row) {
        assert.deepEqual([row.partnersClientId, row.partnersConnectionId], [account, partnersConnectionId], 'the reservation names the account the token stood for');
        break;
      }
      assert.ok(i < 300, 'the reservation never reached the partner ledger');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const off = await updateConnection(s, { connectionId: connection.id, active: false });
    assert.equal(off.payload!.connection!.active, false);
    assert.deepEqual((await changes.nth(3)).data!.connectionChanged.changes, ['DEACTIVATED']);
    assert.equal(s.sandbox.books.record(id)!.wire.status, 'released', 'deactivating released what was in flight');
    changes.stop();
  });
});
