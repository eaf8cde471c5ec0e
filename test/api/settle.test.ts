import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { settle, settlementAmounts } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V1 = /\/api\/network\/v1\/enterprises\/[^/]+\/partners\/settlements$/;
const V2 = /\/api\/network\/v2\/enterprises\/[^/]+\/partners\/settlements$/;
const SIGNING = /\/partners\/settlements-signing$/;
const AMOUNTS = { [C.nimbusMain]: { ofctbtc: '-1500', ofcteth: '2000000' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '700' } };

describe('settle: the partner\'s signed settlement, v1 or v2, idempotent on externalId', () => {
  const stack = useStack({ config: { writeDeadlineMs: 1_000 } });
  const posts = (path: RegExp) => stack.sandbox.requests.count({ method: 'POST', path });
  const base = (externalId = `day-${randomUUID()}`) => ({ enterpriseId: NIMBUS, externalId, notes: 'the day\'s trades', settlementAmounts: settlementAmounts(AMOUNTS) });

  it('a dry run checks the connections and BitGo\'s payload and shows the net flow per currency; nothing is posted', async () => {
    const before = posts(V2) + posts(V1);
    const res = await settle(stack, { ...base(), cutoffAt: '2026-12-01T00:00:00.000Z', dryRun: true });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.payload!.userErrors, []);
    assert.equal(res.payload!.dryRun!.version, 'V2');
    assert.deepEqual(res.payload!.dryRun!.netFlow, [
      { currency: 'ofctbtc', quantity: '800', direction: 'PAY', signedQuantity: '-800' },
      { currency: 'ofcteth', quantity: '2000000', direction: 'RECEIVE', signedQuantity: '2000000' },
    ]);
    assert.equal(JSON.parse(res.payload!.dryRun!.payload).enterpriseId, NIMBUS);
    assert.equal(posts(V2) + posts(V1) - before, 0);
  });

  it('v1 on a disputes-enabled partner is SETTLEMENT_VERSION_REFUSED and frees the externalId; v2 (cutoffAt) then settles, pending; a repeat re-sends the same bytes', async () => {
    const externalId = `day-${randomUUID()}`;
    const v1 = await settle(stack, base(externalId));
    assert.equal(v1.errors, undefined, JSON.stringify(v1.errors));
    assert.deepEqual(v1.payload!.userErrors.map((e) => e.code), ['SETTLEMENT_VERSION_REFUSED']);
    assert.equal(v1.payload!.version, 'V1');
    const cutoffAt = '2026-12-01T00:00:00.000Z';
    const v2 = await settle(stack, { ...base(externalId), cutoffAt });
    assert.deepEqual(v2.payload!.userErrors, []);
    const s = v2.payload!.settlement!;
    assert.deepEqual([s.externalId, s.status, s.partnerId, s.cutoffAt], [externalId, 'PENDING', NIMBUS, cutoffAt]);
    const sent = posts(V2);
    const again = await settle(stack, { ...base(externalId), cutoffAt });
    assert.equal(again.payload!.settlement!.id, s.id);
    assert.equal(posts(V2) - sent, 1, 'the repeat re-sent the journal\'s bytes');
    assert.equal(stack.sandbox.books.settlements.all().filter((x) => x.wire.externalId === externalId).length, 1);
    // Another settlement under the same externalId: CONFLICT, with the one it made.
    const other = await settle(stack, { ...base(externalId), cutoffAt, notes: 'something else' });
    assert.deepEqual(other.payload!.userErrors.map((e) => e.code), ['CONFLICT']);
    assert.equal(other.payload!.settlement!.id, s.id);
    const audit = await stack.gql<{ signedRequests: { nodes: Array<{ kind: string; state: string; clientExternalId: string }> } }>(
      `query($x: String!) { signedRequests(enterpriseId: "${NIMBUS}", filter: { clientExternalId: $x }) { nodes { kind state clientExternalId } } }`,
      { x: externalId },
    );
    assert.equal(audit.errors, undefined, JSON.stringify(audit.errors));
    // The refused v1 request stays in the audit trail beside the v2 one that settled.
    assert.deepEqual(audit.data!.signedRequests.nodes.map((r) => [r.kind, r.state]), [['SETTLE', 'SETTLED'], ['SETTLE', 'SETTLED']]);
  });

  it('v1 on a partner without disputes settles at once; an answer lost on the way back is found by reading the partner\'s settlements', async () => {
    stack.sandbox.books.settlements.setDisputesEnabled(NIMBUS, false);
    try {
      const done = await settle(stack, base());
      assert.deepEqual(done.payload!.userErrors, []);
      assert.equal(done.payload!.settlement!.status, 'COMPLETED');
      const externalId = `day-${randomUUID()}`;
      stack.sandbox.faults.add({ method: 'POST', path: V1, dropAfterCommit: true, times: 100 });
      const lost = await settle(stack, base(externalId));
      stack.sandbox.faults.clear();
      assert.equal(lost.errors, undefined, JSON.stringify(lost.errors));
      assert.deepEqual(lost.payload!.userErrors, []);
      assert.equal(lost.payload!.settlement!.externalId, externalId);
      assert.equal(stack.sandbox.books.settlements.all().filter((x) => x.wire.externalId === externalId).length, 1);
    } finally {
      stack.sandbox.faults.clear();
      stack.sandbox.books.settlements.setDisputesEnabled(NIMBUS, true);
    }
  });

  it('refuses before anything is signed: a quantity that is not a signed integer, a connection named twice, one that is not the partner\'s', async () => {
    const before = posts(SIGNING);
    const cases: Array<[unknown[], string, string[]]> = [
      [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '0' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
      [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '1.5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
      [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '+5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
      [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '-05' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '0', 'amounts', '0', 'quantity']],
      [[{ connectionId: C.nimbusMain, amounts: [{ currency: 'ofctbtc', quantity: '5' }] }, { connectionId: C.nimbusMain, amounts: [{ currency: 'ofcteth', quantity: '5' }] }], 'INVALID_INPUT', ['input', 'settlementAmounts', '1', 'connectionId']],
      [[], 'INVALID_INPUT', ['input', 'settlementAmounts']],
    ];
    for (const [amounts, code, field] of cases) {
      const res = await settle(stack, { ...base(), settlementAmounts: amounts, cutoffAt: '2026-12-01T00:00:00.000Z' });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.payload!.userErrors.map((e) => [e.code, e.field]), [[code, field]], JSON.stringify(amounts));
    }
    const helios = await settle(stack, { ...base(), settlementAmounts: settlementAmounts({ [C.helios]: { ofctbtc: '5' } }), cutoffAt: '2026-12-01T00:00:00.000Z' });
    assert.deepEqual(helios.payload!.userErrors.map((e) => [e.code, e.field]), [['NOT_FOUND', ['input', 'settlementAmounts', '0', 'connectionId']]]);
    assert.equal(posts(SIGNING) - before, 0, 'nothing was asked of BitGo\'s signing route');
  });
});
