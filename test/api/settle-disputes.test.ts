import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { finalizeDue } from '../../src/sandbox/settlement-engine.js';
import { closeSettlementDispute, disputeSettlement, settle, settlementAmounts, updateSettlementDispute } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const CREATE = /\/clients\/settlements\/[^/]+\/disputes$/;

describe('disputes: inside the window signed, journaled and idempotent; outside it refused before signing', () => {
  const stack = useStack({ config: { writeDeadlineMs: 1_000 } });
  const pending = async (): Promise<string> => {
    const res = await settle(stack, {
      enterpriseId: NIMBUS,
      externalId: `day-${randomUUID()}`,
      settlementAmounts: settlementAmounts({ [C.nimbusMain]: { ofctbtc: '-300' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '100' } }),
      cutoffAt: new Date(stack.sandbox.books.settlements.now()).toISOString(),
    });
    assert.deepEqual(res.payload!.userErrors, [], JSON.stringify(res));
    return res.payload!.settlement!.id;
  };
  const creates = () => stack.sandbox.requests.count({ method: 'POST', path: CREATE });

  it('disputeSettlement: a dry run, then the dispute; a repeat under the key reads BitGo and sends nothing; retract, un-retract, close', async () => {
    const settlementId = await pending();
    const input = { settlementId, connectionId: C.nimbusMain, reason: 'we traded less', expectedTransfers: [{ currency: 'ofctbtc', quantity: '-200' }] };
    const before = creates();
    const dry = await disputeSettlement(stack, { ...input, dryRun: true });
    assert.equal(dry.errors, undefined, JSON.stringify(dry.errors));
    assert.deepEqual(dry.payload!.userErrors, []);
    assert.deepEqual(JSON.parse(dry.payload!.dryRun!.payload), { connectionId: C.nimbusMain, reason: 'we traded less', expectedTransfers: { ofctbtc: '-200' }, nonce: JSON.parse(dry.payload!.dryRun!.payload).nonce, settlementId, enterpriseId: stack.sandbox.enterpriseId });
    assert.equal(dry.payload!.dryRun!.settlement.status, 'PENDING');
    assert.equal(creates() - before, 0, 'a dry run sends nothing');

    const clientRequestId = randomUUID();
    const made = await disputeSettlement(stack, { ...input, clientRequestId });
    assert.deepEqual(made.payload!.userErrors, [], JSON.stringify(made));
    const d = made.payload!.dispute!;
    assert.deepEqual([d.disputedSettlementId, d.connectionId, d.retracted], [settlementId, C.nimbusMain, false]);
    assert.deepEqual(d.expectedTransfers, [{ currency: 'ofctbtc', quantity: '200', direction: 'PAY', signedQuantity: '-200' }]);
    const again = await disputeSettlement(stack, { ...input, clientRequestId });
    assert.equal(again.payload!.dispute!.id, d.id);
    assert.equal(creates() - before, 1, 'the repeat found the dispute; nothing was re-sent');
    const seen = await stack.gql<{ settlementDisputes: { nodes: Array<{ id: string }> }; settlement: { disputed: boolean; disputes: Array<{ id: string }> } }>(
      `query($s: ID!) { settlementDisputes(filter: { settlementIds: [$s] }) { nodes { id } } settlement(id: $s) { disputed disputes { id } } }`,
      { s: settlementId },
    );
    assert.deepEqual(seen.data!.settlementDisputes.nodes.map((x) => x.id), [d.id]);
    assert.deepEqual(seen.data!.settlement.disputes.map((x) => x.id), [d.id]);

    const retracted = await updateSettlementDispute(stack, { disputeId: d.id, retracted: true, reason: 'checked again' });
    assert.deepEqual(retracted.payload!.userErrors, [], JSON.stringify(retracted));
    assert.equal(retracted.payload!.dispute!.retracted, true);
    const back = await updateSettlementDispute(stack, { disputeId: d.id, retracted: false, reason: 'no, really' });
    assert.equal(back.payload!.dispute!.retracted, false);

    const closed = await closeSettlementDispute(stack, { disputeId: d.id, notes: 'our mistake' });
    assert.deepEqual(closed.payload!.userErrors, [], JSON.stringify(closed));
    assert.ok(closed.payload!.disputeClosure!.id);
    const twice = await closeSettlementDispute(stack, { disputeId: d.id, notes: 'our mistake' });
    assert.deepEqual(twice.payload!.userErrors.map((e) => e.code), ['CONFLICT'], 'a closed dispute is closed already');

    const audit = await stack.gql<{ signedRequests: { nodes: Array<{ kind: string; state: string }> } }>(`{ signedRequests(filter: { kinds: [DISPUTE_SETTLEMENT, UPDATE_SETTLEMENT_DISPUTE, CLOSE_SETTLEMENT_DISPUTE] }) { nodes { kind state } } }`);
    assert.equal(audit.errors, undefined, JSON.stringify(audit.errors));
    assert.deepEqual(audit.data!.signedRequests.nodes.map((r) => r.kind).sort(), ['CLOSE_SETTLEMENT_DISPUTE', 'DISPUTE_SETTLEMENT', 'UPDATE_SETTLEMENT_DISPUTE', 'UPDATE_SETTLEMENT_DISPUTE']);
    assert.ok(audit.data!.signedRequests.nodes.every((r) => r.state === 'SETTLED'));
  });

  it('refuses before signing: an unknown settlement, a completed one, and one whose window has passed (DISPUTE_WINDOW_CLOSED)', async () => {
    const settlementId = await pending();
    const before = creates();
    const unknown = await disputeSettlement(stack, { settlementId: randomUUID(), connectionId: C.nimbusMain, expectedTransfers: [] });
    assert.deepEqual(unknown.payload!.userErrors.map((e) => e.code), ['NOT_FOUND']);
    const completed = await stack.gql<{ settlements: { nodes: Array<{ id: string }> } }>(`{ settlements(first: 1, filter: { statuses: [COMPLETED] }) { nodes { id } } }`);
    const done = await disputeSettlement(stack, { settlementId: completed.data!.settlements.nodes[0]!.id, connectionId: C.nimbusMain, expectedTransfers: [] });
    assert.deepEqual(done.payload!.userErrors.map((e) => [e.code, e.field]), [['DISPUTE_WINDOW_CLOSED', ['input', 'settlementId']]]);
    // The window passes (the sandbox's clock, not a sleep): the settlement is processed, and a dispute comes too late.
    stack.sandbox.books.settlements.advance(stack.sandbox.books.settlements.disputeWindowMs + 60_000);
    finalizeDue(stack.sandbox.books);
    const late = await disputeSettlement(stack, { settlementId, connectionId: C.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-1' }] });
    assert.deepEqual(late.payload!.userErrors.map((e) => e.code), ['DISPUTE_WINDOW_CLOSED'], JSON.stringify(late));
    assert.equal(creates() - before, 0, 'nothing was signed or sent');
  });
});
