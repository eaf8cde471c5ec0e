import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../helpers/fault-proxy.js';
import { allocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

// BitGo's connection reset after the request was delivered, its answer stalled mid-body, and a black hole: the fault
// proxy sits between the gateway and the sandbox, and is switched while the signed submits are at the sandbox.
// (Faults BitGo answers itself, 5xx and dropped sockets, are in test/api/fault-suite.test.ts.)
const TIMEOUT_MS = 400;
const DEADLINE_MS = 800;
const WRITE = /\/connections\/[^/]+\/allocations$/;
const CURRENCY = 'ofctusdt';
const PER_FAULT = 6;
const LIST = '{ allocations(first: 5) { nodes { id } } }';

const FAULTS: Array<[string, FaultMode]> = [
  ['connection reset after the request was delivered', { kind: 'resetAfterRequest' }],
  // Past the status line and headers (about 250 bytes from the sandbox), into the JSON body.
  ['answer stalled mid-body', { kind: 'stall', afterBytes: 300 }],
  ['black hole', { kind: 'blackhole' }],
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('faults at the edge: BitGo resets, stalls and black holes are bounded; the books hold', () => {
  let proxy: FaultProxy | undefined;
  const stack = useStack({
    env: { BITGO_TIMEOUT_MS: String(TIMEOUT_MS), BITGO_WRITE_DEADLINE_MS: String(DEADLINE_MS) },
    upstream: async (sandboxUrl) => (proxy = await startFaultProxy(sandboxUrl)).url,
  });
  after(async () => proxy?.close());
  const keys: string[] = [];
  // A cold stack's first calls (signing payload, currencies) can outlast the short attempt timeout on a busy machine.
  before(async () => {
    stack.sandbox.books.setBalance(stack.sandbox.enterpriseId, CURRENCY, { available: 10n ** 30n, held: 0n });
    const warm = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.helios, clientExternalId: `edge-warm-${randomUUID()}`, amount: { currency: CURRENCY, quantity: '1' } });
    assert.deepEqual(warm.payload?.userErrors, [], JSON.stringify(warm));
    keys.push(warm.payload!.clientExternalId);
  });
  const settledBefore = (): number => stack.logs.filter((l) => l.includes('reconciler settled a signed request')).length;

  for (const [name, mode] of FAULTS) {
    it(`${name}: each signed write answers within the deadline (its outcome or OUTCOME_UNKNOWN with its key), reads UPSTREAM_UNAVAILABLE`, async () => {
      const { books, enterpriseId, faults, requests } = stack.sandbox;
      books.setBalance(enterpriseId, CURRENCY, { available: 10n ** 30n, held: 0n });
      faults.clear();
      // The submits wait at the sandbox, delivered, while the proxy is switched under them.
      faults.add({ method: 'POST', path: WRITE, latencyMs: 300, times: PER_FAULT });
      const before = requests.count({ method: 'POST', path: WRITE });
      const asked = Array.from({ length: PER_FAULT }, (_, i) => ({ connectionId: DEMO_CONNECTION_IDS.helios, clientExternalId: `edge-${randomUUID()}`, amount: { currency: CURRENCY, quantity: String(1_000 + i) } }));
      keys.push(...asked.map((a) => a.clientExternalId));
      let switched = 0;
      let pending = PER_FAULT;
      const writes = asked.map((input) => allocate(stack, input).then((answer) => ((pending -= 1), { answer, ms: performance.now() - switched })));
      // Every submit at the sandbox, or (one refused before it was signed) every other one.
      for (const end = Date.now() + 5_000; requests.count({ method: 'POST', path: WRITE }) - before < pending; ) {
        assert.ok(Date.now() < end, 'the submits reached the sandbox');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      proxy!.set(mode);
      switched = performance.now();
      const reads = await Promise.all(
        Array.from({ length: 3 }, async () => {
          const t0 = performance.now();
          const res = await stack.gql(LIST, {}, { authorization: `Bearer ${stack.sandbox.token}` });
          return { res, ms: performance.now() - t0 };
        }),
      );
      const answered = await Promise.all(writes);
      proxy!.set({ kind: 'pass' });

      for (const { res, ms } of reads) {
        assert.equal(res.errors?.[0]?.extensions?.code, 'UPSTREAM_UNAVAILABLE', JSON.stringify(res));
        // Three attempts of one timeout each, and the backoff between them.
        assert.ok(ms < 3 * TIMEOUT_MS + 1_000, `a read answered after ${ms.toFixed(0)} ms`);
      }
      let unknown = 0;
      answered.forEach(({ answer, ms }, i) => {
        // Its deadline began when it was sent, before the switch.
        assert.ok(ms < DEADLINE_MS + 500, `a write answered ${ms.toFixed(0)} ms after the fault began`);
        if (answer.errors) {
          // Refused before anything was signed (a read it needed failed): a plain, retryable error.
          assert.equal(answer.errors[0]!.extensions?.code, 'UPSTREAM_UNAVAILABLE', JSON.stringify(answer.errors));
          return;
        }
        assert.equal(answer.payload!.clientExternalId, asked[i]!.clientExternalId);
        const code = answer.payload!.userErrors[0]?.code;
        if (code === 'OUTCOME_UNKNOWN') unknown += 1;
        else assert.ok(code === undefined ? answer.payload!.allocation !== null : code === 'UPSTREAM_UNAVAILABLE', JSON.stringify(answer.payload));
      });
      assert.ok(unknown > 0, 'some signed writes were caught by the fault after they were sent');
    });
  }

  it('afterwards the reconciler settles every unknown outcome: one allocation per key, one signed body per key', async () => {
    const { books, requests } = stack.sandbox;
    // The journal keys enterprises as BitGo spells its ids: lowercase.
    const enterpriseId = stack.sandbox.enterpriseId.toLowerCase();
    stack.sandbox.faults.clear();
    // Rows are the reconciler's once idle past the write deadline and its margin (2 s).
    const rowOf = (key: string) => stack.journal.find({ enterpriseId, kind: 'allocate', idempotencyKey: key });
    const pending = async () => (await Promise.all(keys.map(rowOf))).filter((r) => r !== undefined && r.state !== 'settled');
    const settled = settledBefore();
    for (const end = Date.now() + 8_000; (await pending()).length > 0; ) {
      assert.ok(Date.now() < end, `unsettled: ${(await pending()).map((r) => r!.state).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await stack.gateway.reconciler.runOnce();
    }
    assert.ok(settledBefore() > settled, 'the reconciler settled some');
    const sent = new Map<string, number>();
    for (const e of requests.entries({ method: 'POST', path: WRITE })) sent.set(e.bodySha256!, (sent.get(e.bodySha256!) ?? 0) + 1);
    const journaled = new Set<string>();
    for (const key of keys) {
      const row = await rowOf(key);
      const onBooks = books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === key).length;
      // A key refused before it was signed has no row, and BitGo has nothing under it.
      assert.equal(onBooks, row ? 1 : 0, `allocations on the books for ${key}`);
      if (!row) continue;
      journaled.add(sha256(row.body));
      assert.ok(sent.has(sha256(row.body)), 'the journal\'s bytes are what was sent');
    }
    assert.equal([...sent.keys()].filter((h) => !journaled.has(h)).length, 0, 'no signed body but the one per key');
    const metrics = await stack.gateway.metrics!.text();
    assert.match(metrics, /gateway_dependency_unavailable_total\{dependency="bitgo"\} [1-9]/);
    assert.equal(stack.logs.filter((l) => l.includes('bitgo unavailable')).length, FAULTS.length, 'one warning per episode');
  });
});
