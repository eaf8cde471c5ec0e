import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../helpers/fault-proxy.js';
import { disputeSettlement, settle, settlementAmounts } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

// Issue 19's fault test for settle's signed kinds, as edge-bitgo.test.ts does it for allocate: the fault proxy sits
// between the gateway and the sandbox and is switched while the signed v2 POSTs are held (delivered) at the sandbox.
// Every settle answers within the write deadline, its settlement or OUTCOME_UNKNOWN under its externalId; afterwards a
// repeat of each unknown one settles it, and BitGo's own list (…/partners/settlements?externalIds=) holds one
// settlement per externalId, none lost. Then a dispute whose answer is lost to a reset: a repeat finds BitGo's dispute.
const TIMEOUT_MS = 400;
const DEADLINE_MS = 800;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V2 = /\/api\/network\/v2\/enterprises\/[^/]+\/partners\/settlements$/;
const CREATE = /\/clients\/settlements\/[^/]+\/disputes$/;
const PER_FAULT = 3;
const AMOUNTS = settlementAmounts({ [DEMO_CONNECTION_IDS.nimbusMain]: { ofctbtc: '-90' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '30' } });

const FAULTS: Array<[string, FaultMode]> = [
  ['connection reset after the request was delivered', { kind: 'resetAfterRequest' }],
  // Past the status line and headers, into the JSON body.
  ['answer stalled mid-body', { kind: 'stall', afterBytes: 300 }],
  ['black hole', { kind: 'blackhole' }],
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('faults at the edge under settle: resets, stalls and black holes are bounded; one settlement per externalId', () => {
  let proxy: FaultProxy | undefined;
  const stack = useStack({
    env: { BITGO_TIMEOUT_MS: String(TIMEOUT_MS), BITGO_WRITE_DEADLINE_MS: String(DEADLINE_MS) },
    upstream: async (sandboxUrl) => (proxy = await startFaultProxy(sandboxUrl)).url,
  });
  after(async () => proxy?.close());
  const externalIds: string[] = [];
  // What each unknown settle asked: its repeat must ask the same (cutoffAt included), or it is a different request.
  const unknown = new Map<string, ReturnType<typeof input>>();
  let warmSettlementId = '';
  // Pending v2 settlements, cut off now: the warm one stays inside its dispute window for the dispute test.
  const input = (externalId: string) => ({ enterpriseId: NIMBUS, externalId, settlementAmounts: AMOUNTS, cutoffAt: new Date(stack.sandbox.books.settlements.now()).toISOString() });
  // A cold stack's first calls (connections, signing payload) can outlast the short attempt timeout on a busy machine.
  before(async () => {
    const warm = await settle(stack, input(`settle-warm-${randomUUID()}`));
    assert.deepEqual(warm.payload?.userErrors, [], JSON.stringify(warm));
    externalIds.push(warm.payload!.externalId);
    warmSettlementId = warm.payload!.settlement!.id;
  });

  for (const [name, mode] of FAULTS) {
    it(`${name}: each settle answers within the deadline, its settlement or OUTCOME_UNKNOWN with its externalId`, async () => {
      const { faults, requests } = stack.sandbox;
      faults.clear();
      // The submits wait at the sandbox, delivered, while the proxy is switched under them.
      faults.add({ method: 'POST', path: V2, latencyMs: 300, times: PER_FAULT });
      const before = requests.count({ method: 'POST', path: V2 });
      const asked = Array.from({ length: PER_FAULT }, () => input(`settle-edge-${randomUUID()}`));
      externalIds.push(...asked.map((a) => a.externalId));
      let switched = 0;
      let pending = PER_FAULT;
      const writes = asked.map((one) => settle(stack, one).then((answer) => ((pending -= 1), { answer, ms: performance.now() - switched })));
      // Every submit at the sandbox (or, one refused before it was signed, every other one).
      for (const end = Date.now() + 5_000; requests.count({ method: 'POST', path: V2 }) - before < pending; ) {
        assert.ok(Date.now() < end, 'the submits reached the sandbox');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      proxy!.set(mode);
      switched = performance.now();
      const answered = await Promise.all(writes);
      proxy!.set({ kind: 'pass' });

      let unknownHere = 0;
      answered.forEach(({ answer, ms }, i) => {
        // Its deadline began when it was sent, before the switch.
        assert.ok(ms < DEADLINE_MS + 500, `a settle answered ${ms.toFixed(0)} ms after the fault began`);
        if (answer.errors) {
          // Refused before anything was signed (a read it needed failed): a plain, retryable error.
          assert.equal((answer.errors as Array<{ extensions?: { code?: string } }>)[0]!.extensions?.code, 'UPSTREAM_UNAVAILABLE', JSON.stringify(answer.errors));
          return;
        }
        assert.equal(answer.payload!.externalId, asked[i]!.externalId);
        const code = answer.payload!.userErrors[0]?.code;
        if (code === 'OUTCOME_UNKNOWN') {
          unknownHere += 1;
          unknown.set(asked[i]!.externalId, asked[i]!);
          assert.match(answer.payload!.userErrors[0]!.message, new RegExp(asked[i]!.externalId), 'the answer names the externalId to repeat');
        } else assert.ok(code === undefined ? answer.payload!.settlement !== null : code === 'UPSTREAM_UNAVAILABLE', JSON.stringify(answer.payload));
      });
      assert.ok(unknownHere > 0, 'some signed settles were caught by the fault after they were sent');
    });
  }

  it('afterwards a repeat settles every unknown one: BitGo lists one settlement per externalId, none lost, one signed body each', async (t) => {
    const { requests } = stack.sandbox;
    stack.sandbox.faults.clear();
    for (const [externalId, asked] of unknown) {
      const again = await settle(stack, asked);
      assert.deepEqual(again.payload?.userErrors, [], `${externalId}: ${JSON.stringify(again)}`);
      assert.equal(again.payload!.settlement!.externalId, externalId);
    }
    // BitGo's own answer, as the gateway resolves an unknown outcome: the partner's settlements by externalId.
    const res = await fetch(`${stack.sandbox.url}/api/network/v1/enterprises/${NIMBUS}/partners/settlements?externalIds=${externalIds.join(',')}&pageSize=100`, {
      headers: { authorization: `Bearer ${stack.sandbox.token}` },
    });
    const listed = ((await res.json()) as { settlements: Array<{ id: string; externalId: string }> }).settlements;
    const enterpriseId = NIMBUS.toLowerCase();
    const sent = new Set(requests.entries({ method: 'POST', path: V2 }).map((e) => e.bodySha256));
    const journaled = new Set<string>();
    for (const externalId of externalIds) {
      const row = await stack.journal.find({ enterpriseId, kind: 'settle', idempotencyKey: externalId });
      // An externalId refused before it was signed has no row, and BitGo has nothing under it.
      assert.equal(listed.filter((s) => s.externalId === externalId).length, row ? 1 : 0, `settlements BitGo lists under ${externalId}`);
      if (!row) continue;
      assert.equal(row.state, 'settled', `${externalId}'s journal row`);
      journaled.add(sha256(row.body));
      assert.ok(sent.has(sha256(row.body)), 'the journal\'s bytes are what was sent');
    }
    assert.deepEqual([...sent].filter((h) => !journaled.has(h!)), [], 'no signed body but the one per externalId');
    t.diagnostic(`${externalIds.length} externalIds, ${unknown.size} left unknown by a fault and settled by a repeat; ${listed.length} settlements at BitGo`);
  });

  it('a dispute whose answer is lost to a reset after delivery: OUTCOME_UNKNOWN; a repeat finds BitGo\'s dispute, no second one', async () => {
    const { faults, requests } = stack.sandbox;
    faults.clear();
    faults.add({ method: 'POST', path: CREATE, latencyMs: 300, times: 1 });
    const asked = { settlementId: warmSettlementId, connectionId: DEMO_CONNECTION_IDS.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-80' }], clientRequestId: `dispute-edge-${randomUUID()}` };
    const first = disputeSettlement(stack, asked);
    for (const end = Date.now() + 5_000; requests.count({ method: 'POST', path: CREATE }) === 0; ) {
      assert.ok(Date.now() < end, 'the dispute reached the sandbox');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    proxy!.set({ kind: 'resetAfterRequest' });
    const lost = await first;
    proxy!.set({ kind: 'pass' });
    faults.clear();
    assert.equal(lost.errors, undefined, JSON.stringify(lost.errors));
    assert.deepEqual(lost.payload!.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], JSON.stringify(lost.payload));
    assert.equal(lost.payload!.clientRequestId, asked.clientRequestId);

    const again = await disputeSettlement(stack, asked);
    assert.deepEqual(again.payload?.userErrors, [], JSON.stringify(again));
    const disputes = stack.sandbox.books.settlements.disputes().filter((d) => d.wire.disputedSettlementId === warmSettlementId);
    assert.deepEqual(disputes.map((d) => d.wire.id), [again.payload!.dispute!.id], 'the repeat answered BitGo\'s one dispute');
    assert.equal(requests.count({ method: 'POST', path: CREATE }), 1, 'nothing was re-sent');
  });
});
