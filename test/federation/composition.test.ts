import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { composeServices } from '@apollo/composition';
import { parse, validate, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { CONNECTIONS_SDL } from './connections-subgraph.js';
import { allocationsSdl, composeSupergraph, SUBGRAPHS } from './supergraph.js';

/**
 * Hints that do not indicate breakage. INCONSISTENT_DESCRIPTION only means two subgraphs document
 * a shared element differently and the supergraph keeps one text: documentation, not behaviour.
 * Every other hint (a value type or enum diverging, an entity keyed inconsistently, a federation
 * version upgraded implicitly, …) changes what the gateway can plan, so it fails this test.
 */
const ACCEPTABLE_HINTS = new Set(['INCONSISTENT_DESCRIPTION']);
/**
 * `@fresh` (the read cache's, an executable directive of this subgraph alone) is left out of the supergraph: a
 * client behind a router asks for fresh data with `Cache-Control: no-cache`, propagated to this subgraph.
 */
const acceptable = (h: { code: string; message: string }): boolean =>
  ACCEPTABLE_HINTS.has(h.code) || (h.code === 'INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE' && h.message.startsWith('Executable directive "@fresh"'));

function composed(): { supergraphSdl: string; api: GraphQLSchema; hints: Array<{ code: string; message: string }> } {
  const result = composeSupergraph();
  assert.equal(result.errors, undefined, `composition failed:\n${(result.errors ?? []).map((e) => `  ${e.message}`).join('\n')}`);
  const hints = result.hints!.map((h) => ({ code: h.definition.code, message: h.message }));
  return { supergraphSdl: result.supergraphSdl!, api: result.schema!.toAPISchema().toGraphQLJSSchema(), hints };
}

const fieldsOf = (schema: GraphQLSchema, type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).sort();

describe('supergraph composition with a connections subgraph', () => {
  it('composes with no errors and only acceptable hints', () => {
    const { hints } = composed();
    const breaking = hints.filter((h) => !acceptable(h));
    assert.deepEqual(breaking, [], `composition hints:\n${hints.map((h) => `  ${h.code}: ${h.message}`).join('\n')}`);
  });

  it('merges NetworkConnection across subgraphs and keeps our roots whole', () => {
    const { api, supergraphSdl } = composed();
    assert.deepEqual(fieldsOf(api, 'NetworkConnection'), [
      'active', 'allocations', 'balances', 'clientId', 'createdAt', 'evaluationId', 'id', 'initialized', 'name', 'networkAccountId', 'nonce',
      'partnerId', 'partnerName', 'partnersClientId', 'partnersConnectionId', 'pendingApprovalId', 'policyResult', 'proof', 'settlements', 'supportedCurrencies', 'updatedAt',
    ]);
    assert.equal(api.getType('Connection'), undefined, 'the entity was renamed: no type is called Connection any more');
    assert.deepEqual(fieldsOf(api, 'Query'), [
      'allocation', 'allocations', 'balances', 'connections', 'connectionsPage', 'enterprise', 'networkConnection', 'networkConnections',
      'partnerAllocationRequests', 'partnerConnectionRequests', 'partnerConnections', 'partnerSettlement', 'partnerSettlementDisputes', 'partnerSettlements', 'partners',
      'settlement', 'settlementDisputes', 'settlementTransfers', 'settlements', 'signedRequests',
    ]);
    // Both subgraphs resolve NetworkConnection by key: ours for what BitGo holds, the other for its own field.
    assert.match(supergraphSdl, /type NetworkConnection\s+@join__type\(graph: ALLOCATIONS, key: "id"\)\s+@join__type\(graph: CONNECTIONS, key: "id"\)/);
    assert.deepEqual(fieldsOf(api, 'Mutation'), [
      'allocate', 'closeSettlementDispute', 'connect', 'deallocate', 'disputeSettlement', 'issueConnectionToken', 'settle', 'updateAllocation', 'updateConnection', 'updateSettlementDispute',
    ]);
    assert.deepEqual(fieldsOf(api, 'PageInfo'), ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
    // Only our subgraph resolves Allocation; the other one merely references it.
    assert.match(supergraphSdl, /type Allocation\s+@join__type\(graph: ALLOCATIONS, key: "id"\)\s+@join__type\(graph: CONNECTIONS, key: "id", resolvable: false\)/);
    // Federation plumbing stays out of the API schema clients see.
    assert.equal(api.getType('_Any'), undefined);
    assert.equal(api.getQueryType()?.getFields()._entities, undefined);
  });

  it('validates every shipped frontend operation against the supergraph API too', () => {
    const { api } = composed();
    const dir = new URL('../../../test/operations/', import.meta.url);
    // The same set codegen.yml reads: test/operations/**/*.graphql.
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
    const sources = files.map((f) => readFileSync(new URL(f, dir), 'utf8'));
    assert.ok(sources.length > 0);
    const errors = validate(api, parse(sources.join('\n')));
    assert.deepEqual(errors.map((e) => e.message), []);
  });

  it('fails when PageInfo is not shareable: the check above can see breakage', () => {
    const unshared = allocationsSdl().replace(/type PageInfo\s+@shareable/, 'type PageInfo');
    assert.notEqual(unshared, allocationsSdl());
    const result = composeServices([
      { name: SUBGRAPHS.allocations, typeDefs: parse(unshared) },
      { name: SUBGRAPHS.connections, typeDefs: parse(CONNECTIONS_SDL) },
    ]);
    assert.ok(result.errors?.some((e) => e.extensions.code === 'INVALID_FIELD_SHARING'), result.errors?.map((e) => e.message).join('\n'));
  });
});
