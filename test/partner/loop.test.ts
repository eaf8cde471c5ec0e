import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { startGatewayProcess } from '../helpers/processes.js';
import { engines, freshDataDir } from '../store/engines.js';
import { startPartnerStack, type PartnerStack } from './helpers.js';

type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T | null; errors?: unknown[] }>;

const ALLOCATE = `mutation($input: AllocateInput!) { allocate(input: $input) { allocation { id status } userErrors { code message } } }`;
const LEDGER = `{ partnerAllocationRequests(first: 10) { nodes { id type status amount { quantity } clearedAt allocation { status } } } }`;
const CLEAR = `mutation($input: UpdateAllocationInput!) { updateAllocation(input: $input) { allocation { id status } userErrors { code message } } }`;
const CLIENT_VIEW = `query($id: ID!) { allocation(id: $id, view: CLIENT) { id status } }`;

interface LedgerNode {
  id: string;
  status: string;
  amount: { quantity: string };
  clearedAt: string | null;
  allocation: { status: string } | null;
}

/** Polls until `check` holds (the sandbox's calls are asynchronous, as BitGo's are). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/**
 * The whole loop as the issue tells it: a client allocates to Nimbus → RESERVED → the request appears in the
 * partner's ledger → the partner clears it with three fields → the client's allocation is CLEARED and the
 * ledger shows it cleared.
 */
async function theLoop(gql: Gql, quantity: string): Promise<void> {
  const allocated = await gql<{ allocate: { allocation: { id: string; status: string } } }>(ALLOCATE, {
    input: { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofctbtc', quantity } },
  });
  const { id, status } = allocated.data!.allocate.allocation;
  assert.equal(status, 'RESERVED');
  const nodes = async () => (await gql<{ partnerAllocationRequests: { nodes: LedgerNode[] } }>(LEDGER)).data!.partnerAllocationRequests.nodes;
  const listed = await until(nodes, (list) => list.some((n) => n.id === id), 'the reservation in the ledger');
  const node = listed.find((n) => n.id === id)!;
  assert.equal(node.status, 'RESERVED');
  assert.equal(node.amount.quantity, quantity);
  assert.equal(node.allocation?.status, 'RESERVED', 'BitGo\'s record, seen from the partner');

  const cleared = await gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(CLEAR, {
    input: { enterpriseId: DEMO_PARTNER_ENTERPRISE_ID, allocationId: id, status: 'CLEARED' },
  });
  assert.deepEqual(cleared.data!.updateAllocation.userErrors, []);
  assert.equal(cleared.data!.updateAllocation.allocation.status, 'CLEARED');

  const client = await gql<{ allocation: { status: string } }>(CLIENT_VIEW, { id });
  assert.equal(client.data!.allocation.status, 'CLEARED', 'the client sees it cleared');
  const settled = await until(nodes, (list) => list.find((n) => n.id === id)?.status === 'CLEARED', 'the ledger cleared');
  assert.ok(settled.find((n) => n.id === id)!.clearedAt);
}

for (const engine of engines) {
  describe(`the offline loop, in process, on ${engine.name}`, () => {
    let s: PartnerStack;
    before(async () => {
      s = await startPartnerStack(engine, { loop: true });
    });
    after(async () => {
      await s?.close();
    });

    it('client allocates to Nimbus → reserved at the partner → the partner clears with three fields → cleared on both sides', async () => {
      await theLoop((query, variables) => s.gql(query, variables), '4242');
      await s.sandbox.partnerWebhooks.idle();
      const calls = s.sandbox.partnerWebhooks.deliveries();
      assert.deepEqual(calls.map((d) => [d.call, d.outcome, d.status]), [['reserve', 'delivered', 200], ['clear', 'delivered', 200]]);
    });
  });
}

describe('the sandbox retries BitGo\'s calls with backoff when the partner fails', () => {
  let s: PartnerStack;
  let proxy: Server;
  let failures = 0;
  const arrivals: number[] = [];
  before(async () => {
    s = await startPartnerStack(engines[0]!);
    // In front of the gateway: the first `failures` calls answer 503, the rest are passed through.
    proxy = createServer((req, res) => {
      arrivals.push(Date.now());
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          res.writeHead(503).end('{"error":"partner down"}');
          return;
        }
        void fetch(`${s.webhookUrl}${req.url}`, {
          method: req.method!,
          headers: { 'x-bitgo-signature': String(req.headers['x-bitgo-signature'] ?? ''), 'content-type': 'application/json' },
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        }).then(async (r) => res.writeHead(r.status).end(await r.text()));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    s.sandbox.partnerWebhooks.setUrl(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
  });
  after(async () => {
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await s?.close();
  });

  it('three failures, then the fourth attempt (a fresh token each time) reserves; delays grow', async () => {
    failures = 3;
    arrivals.length = 0;
    const res = await s.gql<{ allocate: { allocation: { id: string } } }>(ALLOCATE, {
      input: { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofctbtc', quantity: '77' } },
    });
    const id = res.data!.allocate.allocation.id;
    await s.sandbox.partnerWebhooks.idle();
    const delivery = s.sandbox.partnerWebhooks.deliveries().find((d) => d.recordId === id)!;
    assert.deepEqual([delivery.attempts, delivery.outcome, delivery.status], [4, 'delivered', 200]);
    assert.equal((await s.gateway.partnerLedger!.find(id))?.status, 'reserved');
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    assert.ok(gaps[2]! > gaps[0]!, `backoff grows: ${gaps.join(', ')} ms`);
  });

  it('a partner that refuses (4xx) is not retried', async () => {
    s.sandbox.partnerWebhooks.setUrl(`${s.webhookUrl}/not-the-partner`);
    const res = await s.gql<{ allocate: { allocation: { id: string } } }>(ALLOCATE, {
      input: { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofctbtc', quantity: '78' } },
    });
    await s.sandbox.partnerWebhooks.idle();
    const delivery = s.sandbox.partnerWebhooks.deliveries().find((d) => d.recordId === res.data!.allocate.allocation.id)!;
    assert.deepEqual([delivery.attempts, delivery.outcome, delivery.status], [1, 'refused', 404]);
  });
});

describe('the offline loop on `npm start` (src/main.ts, embedded sandbox, embedded store)', () => {
  it('runs the whole loop against the started process', async () => {
    // A copy of a cleanly closed embedded store: the process starts without running initdb.
    const dataDir = await freshDataDir();
    const main = await startGatewayProcess({ DATA_DIR: dataDir }, 60_000);
    try {
      assert.match(main.output(), /"partnerWebhooks":"http:\/\/127\.0\.0\.1:\d+\/bitgo\/v1"/);
      const gql: Gql = async (query, variables) =>
        (await (await fetch(main.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as never;
      await theLoop(gql, '31337');
      assert.doesNotMatch(main.output(), /eyJ[A-Za-z0-9_-]+\.eyJ/, 'no JWT in the logs');
    } finally {
      const { code } = await main.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      assert.equal(code, 0);
    }
  });
});
