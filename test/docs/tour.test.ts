import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { liveClient, type LiveClient } from '../helpers/live.js';
import { fencesOf, readDoc, sectionOf } from '../helpers/markdown.js';
import { startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { parseMetrics, sumOf } from '../helpers/prometheus.js';
import { freshDataDir } from '../store/engines.js';

const README = readDoc('README.md');

/** The tour's operations, in the README's order, by operation name. */
function tourOperations(): Array<{ name: string; text: string }> {
  return fencesOf(sectionOf(README, 'Five minutes in the playground'))
    .filter((fence) => fence.info === 'graphql')
    .map((fence) => ({ name: /^(?:query|mutation|subscription) (\w+)/m.exec(fence.body)?.[1] ?? '(anonymous)', text: fence.body }));
}

/** The GraphQL request of the quick start: the body its curl line sends. */
function quickStartCurlBody(): { query: string } {
  const curl = fencesOf(sectionOf(README, 'Quick start')).find((fence) => fence.body.startsWith('curl '));
  assert.ok(curl, 'the quick start shows a curl line');
  return JSON.parse(/ -d '(.*)'$/.exec(curl.body)![1]!) as { query: string };
}

interface Answer<T> {
  status: number;
  data?: T;
  errors?: unknown[];
}

/** One graphql-ws `next` payload of WatchNimbus. */
type Change = { data?: { allocationChanged: { source: string; previousStatus: string | null; allocation: { id: string; status: string } } } };

describe('the README\'s quick start and five-minute tour, against a gateway started as npm start starts it', () => {
  const ops = tourOperations();
  const op = (name: string): string => {
    const found = ops.find((o) => o.name === name);
    assert.ok(found, `the tour shows ${name}`);
    return found.text;
  };
  let gateway: GatewayProcess;
  let dataDir: string;
  let live: LiveClient | undefined;
  // As the playground sends it: the header editor holds the demo token.
  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<Answer<T>> => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_TOKEN}` },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  const ok = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const answer = await gql<T>(query, variables);
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.equal(answer.status, 200);
    return answer.data!;
  };
  /** Every BitGo GET the gateway has made, from its own /metrics. */
  const bitgoReads = async (): Promise<number> => {
    const text = await (await fetch(new URL('/metrics', gateway.url))).text();
    return sumOf(parseMetrics(text), 'bitgo_client_request_duration_seconds_count', { method: 'GET' });
  };

  before(async () => {
    // A store of its own, as a first `npm start` has: the sandbox's books are seeded, the journal is empty.
    dataDir = await freshDataDir();
    gateway = await startGatewayProcess({ DATA_DIR: dataDir }, 60_000);
  });
  after(async () => {
    await live?.dispose();
    const { code } = await gateway.kill('SIGTERM');
    const released = !existsSync(join(dataDir, 'store.lock'));
    rmSync(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, 'shuts down cleanly on SIGTERM');
    assert.ok(released, 'and releases DATA_DIR');
  });

  it('npm start: the embedded sandbox and the embedded store, whose DATA_DIR it holds', () => {
    const out = gateway.output();
    assert.match(out, /embedded sandbox/);
    assert.match(out, /"store":"embedded \(/);
    assert.match(out, /"sandboxBooks":"seeded"/);
    assert.ok(existsSync(join(dataDir, 'store.lock')), 'the running gateway holds DATA_DIR');
  });

  it('the quick start\'s curl line: three cleared allocations, the largest first', async () => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(quickStartCurlBody()) });
    assert.equal(res.status, 200);
    const { data } = (await res.json()) as { data: { allocations: { nodes: Array<{ status: string; amount: { quantity: string } }> } } };
    const nodes = data.allocations.nodes;
    assert.equal(nodes.length, 3);
    for (const n of nodes) assert.equal(n.status, 'CLEARED');
    assert.ok(BigInt(nodes[0]!.amount.quantity) >= BigInt(nodes[1]!.amount.quantity));
  });

  it('names the sandbox\'s own enterprises and connections', () => {
    const tour = sectionOf(README, 'Five minutes in the playground').replace(/\s+/g, ' ');
    for (const id of [DEMO_CLIENT_ENTERPRISE_ID, DEMO_PARTNER_ENTERPRISE_ID]) assert.ok(tour.includes(`\`${id}\``), id);
    for (const id of [DEMO_CONNECTION_IDS.helios, DEMO_CONNECTION_IDS.nimbusMain]) {
      const connection = CONNECTIONS.find((c) => c.id === id)!;
      assert.ok(tour.includes(`**${connection.name}** (\`${id}\`)`), connection.name);
    }
  });

  it('shows the steps in order: read, preview, allocate, watch it live, the audit trail', () => {
    assert.deepEqual(
      ops.map((o) => o.name),
      ['AllocateScreen', 'Preview', 'Allocate', 'WatchNimbus', 'AllocateToNimbus', 'ClearAsNimbus', 'AuditTrail'],
    );
  });

  it('1. read: the balances and the active connections, Helios spot and Nimbus main among them', async () => {
    type Balance = { currency: string; available: string; held: string };
    const data = await ok<{ balances: { balances: Balance[] }; networkConnections: { nodes: Array<{ id: string; name: string; initialized: boolean; balances: Balance[] }> } }>(op('AllocateScreen'));
    assert.ok(data.balances.balances.some((b) => b.currency === 'ofctbtc' && /^\d+$/.test(b.available)));
    const names = new Map(data.networkConnections.nodes.map((n) => [n.id, n.name]));
    assert.equal(names.get(DEMO_CONNECTION_IDS.helios), 'Helios spot');
    assert.equal(names.get(DEMO_CONNECTION_IDS.nimbusMain), 'Nimbus main');
  });

  it('2. preview: the payload that would be signed and the balance after, no user errors', async () => {
    const data = await ok<{ allocate: { dryRun: { payload: string; available: string; availableAfter: string }; userErrors: unknown[] } }>(op('Preview'));
    assert.deepEqual(data.allocate.userErrors, []);
    const { payload, available, availableAfter } = data.allocate.dryRun;
    assert.ok(payload.includes(DEMO_CONNECTION_IDS.helios) && payload.includes('100000'), payload);
    assert.equal(BigInt(available) - 100000n, BigInt(availableAfter));
  });

  it('3. allocate: CLEARED at once, and run again, the same allocation', async () => {
    type Allocated = { allocate: { clientExternalId: string; allocation: { id: string; status: string; amount: { quantity: string }; connection: { name: string } }; userErrors: unknown[] } };
    const first = await ok<Allocated>(op('Allocate'));
    assert.deepEqual(first.allocate.userErrors, []);
    assert.equal(first.allocate.clientExternalId, 'tour-1');
    assert.equal(first.allocate.allocation.status, 'CLEARED');
    assert.equal(first.allocate.allocation.connection.name, 'Helios spot');
    const again = await ok<Allocated>(op('Allocate'));
    assert.deepEqual(again.allocate.userErrors, []);
    assert.equal(again.allocate.allocation.id, first.allocate.allocation.id);
  });

  let nimbusAllocationId = '';

  it('4. watch it live: RESERVED arrives from the allocate, CLEARED from the partner\'s update', async () => {
    live = liveClient(gateway.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    const readsBefore = await bitgoReads();
    const sink = live.subscribe<Change>(op('WatchNimbus'));
    // Opening it asks BitGo once; the subscription is registered before that call is made.
    for (let i = 0; (await bitgoReads()) === readsBefore; i++) {
      assert.ok(i < 400, 'the subscription never asked BitGo');
      await sleep(25);
    }

    const allocated = await ok<{ allocate: { clientExternalId: string; allocation: { id: string; status: string }; userErrors: unknown[] } }>(op('AllocateToNimbus'));
    assert.deepEqual(allocated.allocate.userErrors, []);
    assert.match(allocated.allocate.clientExternalId, /^[0-9a-f-]{36}$/, 'a key made for the caller');
    assert.equal(allocated.allocate.allocation.status, 'RESERVED');
    nimbusAllocationId = allocated.allocate.allocation.id;
    // Whichever brings a change first delivers it: the mutation's answer, or BitGo's call to Nimbus (the sandbox makes
    // it while it answers the allocate), or, for the clear, the watcher's re-read of a RESERVED allocation.
    const { source: reservedBy, ...reserved } = (await sink.nth(1, 20_000)).data!.allocationChanged;
    assert.deepEqual(reserved, { previousStatus: null, allocation: { id: nimbusAllocationId, status: 'RESERVED' } });
    assert.ok(['MUTATION', 'WEBHOOK'].includes(reservedBy), reservedBy);

    // The sandbox, as BitGo, delivers the reservation to Nimbus's endpoints on this gateway a moment later.
    for (let i = 0; ; i++) {
      const ledger = await ok<{ partnerAllocationRequests: { nodes: Array<{ id: string }> } }>(`{ partnerAllocationRequests(first: 5, filter: { statuses: [RESERVED] }) { nodes { id } } }`);
      if (ledger.partnerAllocationRequests.nodes.some((n) => n.id === nimbusAllocationId)) break;
      assert.ok(i < 400, 'the reservation never reached the partner ledger');
      await sleep(25);
    }
    const cleared = await ok<{ updateAllocation: { allocation: { id: string; status: string }; userErrors: unknown[] } }>(op('ClearAsNimbus'), { id: nimbusAllocationId });
    assert.deepEqual(cleared.updateAllocation.userErrors, []);
    assert.deepEqual(cleared.updateAllocation.allocation, { id: nimbusAllocationId, status: 'CLEARED' });
    const { source: clearedBy, ...change } = (await sink.nth(2, 20_000)).data!.allocationChanged;
    assert.deepEqual(change, { previousStatus: 'RESERVED', allocation: { id: nimbusAllocationId, status: 'CLEARED' } });
    assert.ok(['PARTNER_UPDATE', 'WEBHOOK', 'POLL'].includes(clearedBy), clearedBy);
    // Each change once: nothing more arrives for it.
    await sleep(300);
    assert.equal(sink.events.length, 2, JSON.stringify(sink.events));
    sink.stop();
  });

  it('5. the audit trail: the two allocations and Nimbus\'s update, settled, with the payload and the signature\'s hash; nothing of the dry run', async () => {
    type Row = { kind: string; state: string; clientExternalId: string | null; allocationId: string | null; attempts: number; payload: string; signatureSha256: string };
    const data = await ok<{ client: { nodes: Row[] }; nimbus: { nodes: Array<{ kind: string; state: string; allocationId: string; outcome: { httpStatus: number; allocationStatus: string } }> } }>(op('AuditTrail'));
    assert.deepEqual(
      data.client.nodes.map((r) => [r.kind, r.state, r.allocationId === nimbusAllocationId ? 'nimbus' : r.clientExternalId]),
      [
        ['ALLOCATE', 'SETTLED', 'nimbus'],
        ['ALLOCATE', 'SETTLED', 'tour-1'],
      ],
    );
    for (const row of data.client.nodes) {
      assert.match(row.signatureSha256, /^[0-9a-f]{64}$/);
      assert.ok(row.payload.length > 0 && row.attempts >= 1);
    }
    assert.deepEqual(data.nimbus.nodes, [{ kind: 'UPDATE_ALLOCATION', state: 'SETTLED', allocationId: nimbusAllocationId, outcome: { httpStatus: 200, allocationStatus: 'CLEARED' } }]);
    assert.ok(!JSON.stringify(data).includes(SANDBOX_TOKEN));
  });
});
