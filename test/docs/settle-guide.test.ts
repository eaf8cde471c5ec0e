import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { playgroundExamples } from '../../src/gateway.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { useStack } from '../helpers/stack.js';

const GUIDE = readFileSync(fileURLToPath(new URL('../../../docs/guides/settle.md', import.meta.url)), 'utf8');

/** The guide's GraphQL blocks, by operation name. */
function operations(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, block] of markdown.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const op = parse(block!).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    assert.ok(op?.name, 'every block is one named operation');
    out.set(op.name.value, block!);
  }
  return out;
}

/**
 * docs/guides/settle.md, run as written against a gateway on the embedded sandbox (in this process: the guide needs
 * no partner endpoints, only the demo client's and Nimbus's signing keys): the partner settles, the client sees it and
 * disputes it, in the guide's order.
 */
describe('docs/guides/settle.md, as written', () => {
  const stack = useStack();
  const ops = operations(GUIDE);
  const run = async <T>(name: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const text = ops.get(name);
    assert.ok(text, `the guide has ${name}`);
    const res = await stack.gql<T>(text, variables);
    assert.equal(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };

  it('every block parses and validates against the schema', async () => {
    const schema = await buildGatewaySchema();
    assert.equal(ops.size, 10, [...ops.keys()].join(', '));
    for (const [name, text] of ops) assert.deepEqual(validate(schema, parse(text)).map((e) => e.message), [], name);
  });

  it('the partner previews and settles (v1 refused, v2 pending), reconciles by externalId; the client sees it, disputes it, retracts and closes', async () => {
    const externalId = `guide-${randomUUID()}`;
    const cutoffAt = new Date(stack.sandbox.books.settlements.now()).toISOString();
    const { settle: preview } = await run<{ settle: { dryRun: { netFlow: Array<{ currency: string; direction: string; quantity: string }> }; userErrors: unknown[] } }>('SettlePreview', { externalId, cutoffAt });
    assert.deepEqual(preview.userErrors, []);
    assert.deepEqual(preview.dryRun.netFlow.map((f) => [f.currency, f.direction, f.quantity]), [['ofctbtc', 'PAY', '800'], ['ofcteth', 'RECEIVE', '2000000']]);
    const { settle: v1 } = await run<{ settle: { userErrors: Array<{ code: string }> } }>('Settle', { externalId });
    assert.deepEqual(v1.userErrors.map((e) => e.code), ['SETTLEMENT_VERSION_REFUSED'], 'Nimbus has disputes enabled');
    const { settle } = await run<{ settle: { version: string; settlement: { id: string; status: string }; userErrors: unknown[] } }>('Settle', { externalId, cutoffAt });
    assert.deepEqual(settle.userErrors, []);
    assert.deepEqual([settle.version, settle.settlement.status], ['V2', 'PENDING']);
    const settlementId = settle.settlement.id;
    const { partnerSettlements } = await run<{ partnerSettlements: { nodes: Array<{ id: string }> } }>('PartnerSettlement', { externalId });
    assert.deepEqual(partnerSettlements.nodes.map((s) => s.id), [settlementId]);

    const { networkConnections } = await run<{ networkConnections: { nodes: Array<{ id: string; settlements: Array<{ id: string }> }> } }>('MyConnections');
    const main = networkConnections.nodes.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    assert.equal(main.settlements[0]!.id, settlementId, 'the newest settlement that moved Nimbus main is today\'s');
    const { settlements } = await run<{ settlements: { nodes: Array<{ id: string }> } }>('Settlements');
    assert.ok(settlements.nodes.length > 0);
    const { settlement } = await run<{ settlement: { amounts: Array<{ currency: string; quantity: string; direction: string }> } }>('Settlement', { id: settlementId });
    assert.deepEqual(settlement.amounts.map((a) => [a.currency, a.direction, a.quantity]), [['ofctbtc', 'PAY', '1500'], ['ofcteth', 'RECEIVE', '2000000']], 'the client\'s side of Nimbus main');

    const vars = { settlementId, connectionId: DEMO_CONNECTION_IDS.nimbusMain };
    const { disputeSettlement: dry } = await run<{ disputeSettlement: { dryRun: { payload: string }; userErrors: unknown[] } }>('DisputeSettlement', { ...vars, dryRun: true });
    assert.deepEqual(dry.userErrors, []);
    const { disputeSettlement } = await run<{ disputeSettlement: { clientRequestId: string; dispute: { id: string; retracted: boolean }; userErrors: unknown[] } }>('DisputeSettlement', vars);
    assert.deepEqual(disputeSettlement.userErrors, []);
    const disputeId = disputeSettlement.dispute.id;
    const again = await run<{ disputeSettlement: { dispute: { id: string } } }>('DisputeSettlement', { ...vars, clientRequestId: disputeSettlement.clientRequestId });
    assert.equal(again.disputeSettlement.dispute.id, disputeId, 'a repeat answers the one dispute');
    const { updateSettlementDispute } = await run<{ updateSettlementDispute: { dispute: { retracted: boolean }; userErrors: unknown[] } }>('RetractDispute', { disputeId });
    assert.equal(updateSettlementDispute.dispute.retracted, true);
    const { closeSettlementDispute } = await run<{ closeSettlementDispute: { disputeClosure: { id: string }; userErrors: unknown[] } }>('CloseDispute', { disputeId });
    assert.deepEqual(closeSettlementDispute.userErrors, []);
  });

  it('the playground\'s Settle tab runs the same way: preview, settle, the client\'s view, a dispute', async () => {
    const tab = playgroundExamples().find((op) => op.name === 'Settle')!;
    const vars = JSON.parse(tab.variables!) as Record<string, string>;
    const runOp = async <T>(operationName: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: tab.query, operationName, variables }) });
      const body = res.json() as { data?: T; errors?: unknown[] };
      assert.equal(body.errors, undefined, `${operationName}: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    const externalId = `${vars.externalId}-${Date.now()}`;
    const { settle: preview } = await runOp<{ settle: { userErrors: unknown[] } }>('SettlePreview', { externalId, cutoffAt: vars.cutoffAt });
    assert.deepEqual(preview.userErrors, []);
    const { settle } = await runOp<{ settle: { settlement: { id: string }; userErrors: unknown[] } }>('Settle', { externalId, cutoffAt: vars.cutoffAt });
    assert.deepEqual(settle.userErrors, []);
    const { networkConnection } = await runOp<{ networkConnection: { settlements: Array<{ id: string }> } }>('MySettlements', { connectionId: vars.connectionId });
    assert.equal(networkConnection.settlements[0]!.id, settle.settlement.id);
    const { disputeSettlement } = await runOp<{ disputeSettlement: { userErrors: unknown[] } }>('Dispute', { settlementId: settle.settlement.id, connectionId: vars.connectionId });
    assert.deepEqual(disputeSettlement.userErrors, []);
  });
});
