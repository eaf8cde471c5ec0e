import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, getOperationAST, parse, printSchema, type DocumentNode } from 'graphql';
import { JitExecutor } from '../../src/server/execution/jit.executor.js';

const schema = buildSchema('type Query { n(of: Int!): Int! }');
schema.getQueryType()!.getFields().n!.resolve = (_source, { of }: { of: number }) => of;

/** What Apollo hands the executor, reduced to the fields it reads. */
function requestOf(document: DocumentNode, source: string): GatewayGraphQLRequestContext {
  return {
    document,
    source,
    operation: getOperationAST(document),
    operationName: null,
    request: { query: source },
    context: {},
  } as unknown as GatewayGraphQLRequestContext;
}

/** graphql-js answers with null-prototype objects; compare plain data. */
const dataOf = async (answer: Promise<{ data?: unknown }>): Promise<unknown> => JSON.parse(JSON.stringify((await answer).data));

describe('JitExecutor', () => {
  it('tracks at most 1,000 documents: the least recently used is forgotten and starts again on graphql-js', async () => {
    const executor = new JitExecutor({ schema, executionSchema: schema, sdl: printSchema(schema) });
    const { executor: run } = await executor.load();
    const requests = Array.from({ length: 1_001 }, (_, i) => {
      const source = `{ n(of: ${i}) }`;
      return requestOf(parse(source), source);
    });
    for (const request of requests) assert.deepEqual(await dataOf(run(request)), { n: requests.indexOf(request) });
    assert.deepEqual(executor.runs, { compiled: 0, interpreted: 1_001 });

    // The newest is still known: its second run is compiled.
    assert.deepEqual(await dataOf(run(requests[1_000]!)), { n: 1_000 });
    assert.deepEqual(executor.runs, { compiled: 1, interpreted: 1_001 });
    // The first went out when the 1,001st came in: this is its first run again.
    assert.deepEqual(await dataOf(run(requests[0]!)), { n: 0 });
    assert.deepEqual(executor.runs, { compiled: 1, interpreted: 1_002 });
    assert.deepEqual(await dataOf(run(requests[0]!)), { n: 0 });
    assert.deepEqual(executor.runs, { compiled: 2, interpreted: 1_002 });
  });
});
