import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const TRACE = { 'apollo-federation-include-trace': 'ftv1' };

/**
 * Operations are executed as compiled (graphql-jit) functions, except those
 * that ask for a federated trace, which run on graphql-js. Both must answer
 * the same: data, errors with their paths and codes, nulls, aliases,
 * fragments, directives, abstract types and mutations.
 */
const OPERATIONS: Array<{ name: string; query: string; variables?: Record<string, unknown>; interpreted?: true }> = [
  {
    name: 'a page with aliases, fragments, variables and directives',
    query: `query Page($n: Int!, $withCursor: Boolean!, $skipNodes: Boolean!) {
      first: allocations(first: $n, orderBy: { field: QUANTITY, direction: DESC }) {
        edges { cursor @include(if: $withCursor) node { ...Row } }
        nodes @skip(if: $skipNodes) { id }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
      last: allocations(last: 3, filter: { types: [DEALLOCATION] }) { nodes { __typename ...Row } pageInfo { hasPreviousPage } }
    }
    fragment Row on Allocation { id type status amount { currency quantity } connectionId createdAt updatedAt retriable reason policyResult }`,
    variables: { n: 7, withCursor: true, skipNodes: true },
  },
  {
    name: 'errors: a forged cursor next to a good field',
    query: `{ ok: allocations(first: 1) { nodes { id } } bad: allocations(first: 2, after: "bm90LWEtY3Vyc29y") { nodes { id } } }`,
  },
  {
    name: 'errors: an argument class-validator refuses',
    query: `{ allocations(first: 5, filter: { connectionIds: ["not-a-uuid"] }) { nodes { id } } }`,
  },
  {
    name: 'input coercion from variables: enums, DateTime, and one value for a list',
    query: `query($f: AllocationFilter, $o: AllocationOrder) { allocations(first: 4, filter: $f, orderBy: $o) { nodes { id status createdAt amount { currency } } } }`,
    variables: { f: { statuses: 'CLEARED', createdOnOrAfter: '2026-01-01T00:00:00+02:00', currencies: ['ofctbtc', 'ofctusdt'] }, o: { field: 'UPDATED_AT', direction: 'ASC' } },
  },
  {
    name: 'an enum variable with a value the enum does not have',
    query: `query($o: AllocationOrder) { allocations(first: 1, orderBy: $o) { nodes { id } } }`,
    variables: { o: { field: 'COLOUR', direction: 'ASC' } },
    interpreted: true,
  },
  {
    name: 'a DateTime variable default',
    query: `query($d: DateTime = "2026-03-01T00:00:00Z") { allocations(first: 2, filter: { createdBefore: $d }) { nodes { id createdAt } } }`,
    interpreted: true,
  },
  {
    name: 'an input object variable default',
    query: `query($f: AllocationFilter = { createdOnOrAfter: "2026-02-01T00:00:00Z", statuses: [CLEARED] }) { allocations(first: 2, filter: $f) { nodes { id createdAt status } } }`,
    interpreted: true,
  },
  {
    name: 'a list where an input object is expected',
    query: `query($f: AllocationFilter) { allocations(first: 2, filter: $f) { nodes { id } } }`,
    variables: { f: [] },
    interpreted: true,
  },
  {
    name: 'null for a non-null field through a variable with a default',
    query: `query($d: OrderDirection = ASC) { allocations(first: 1, orderBy: { field: ID, direction: $d }) { nodes { id } } }`,
    variables: { d: null },
    interpreted: true,
  },
  {
    name: 'null for @include through a variable with a default',
    query: `query($i: Boolean = true) { allocations(first: 1) { nodes { id @include(if: $i) } } }`,
    variables: { i: null },
    interpreted: true,
  },
  {
    name: 'a variable of the wrong type',
    query: `query($n: Int) { allocations(first: $n) { nodes { id } } }`,
    variables: { n: 'seven' },
    interpreted: true,
  },
  {
    name: 'entities through the abstract _Entity union, with an unknown id',
    query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Allocation { id status } ... on NetworkConnection { id name } } }`,
    variables: {
      r: [
        { __typename: 'Allocation', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'NetworkConnection', id: '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b' },
        { __typename: 'NetworkConnection', id: 'c-1' },
      ],
    },
  },
  {
    name: 'a mutation answered with userErrors',
    query: `mutation { allocate(input: { connectionId: "not-a-uuid", amount: { currency: "ofctbtc", quantity: "-1" }, clientExternalId: "" }) { allocation { id } userErrors { code field message } } }`,
  },
];

function withoutTrace(response: GraphQLResponse & { extensions?: Record<string, unknown> }): unknown {
  const { extensions, ...rest } = response;
  const { ftv1: _ftv1, ...other } = extensions ?? {};
  return Object.keys(other).length > 0 ? { ...rest, extensions: other } : rest;
}

describe('compiled execution', () => {
  const stack = useStack({ listen: true });

  for (const op of OPERATIONS) {
    it(`answers exactly as graphql-js does: ${op.name}`, async () => {
      type Answer = GraphQLResponse & { extensions?: Record<string, unknown> };
      const runs = stack.gateway.executor.runs;
      const before = { ...runs };
      // The first run of a document is interpreted; from the second on it runs compiled.
      const first = (await stack.gql(op.query, op.variables)) as Answer;
      const compiled = (await stack.gql(op.query, op.variables)) as Answer;
      const traced = (await stack.gql(op.query, op.variables, TRACE)) as Answer;
      // Variable defaults and variables graphql-js refuses stay on graphql-js; everything else runs compiled from the second run.
      if (op.interpreted) assert.equal(runs.compiled, before.compiled, 'stayed on graphql-js');
      else assert.ok(runs.compiled > before.compiled, 'the second run went to the compiled query');
      assert.equal(typeof traced.extensions?.ftv1, 'string', 'the traced run carries a federated trace');
      assert.equal(compiled.extensions?.ftv1, undefined);
      assert.deepEqual(withoutTrace(compiled), withoutTrace(traced));
      assert.deepEqual(withoutTrace(first), withoutTrace(traced));
      // And again once the trace hooks have wrapped the schema's resolvers.
      assert.deepEqual(withoutTrace((await stack.gql(op.query, op.variables)) as Answer), withoutTrace(compiled));
    });
  }

  it('compiles a document only once it repeats, and then runs it compiled', async () => {
    const runs = stack.gateway.executor.runs;
    const query = `{ allocations(first: 3) { nodes { id status } } } # ${Math.random()}`;
    const start = { ...runs };
    await stack.gql(query);
    assert.deepEqual({ compiled: runs.compiled - start.compiled, interpreted: runs.interpreted - start.interpreted }, { compiled: 0, interpreted: 1 });
    await stack.gql(query);
    await stack.gql(query);
    assert.deepEqual({ compiled: runs.compiled - start.compiled, interpreted: runs.interpreted - start.interpreted }, { compiled: 2, interpreted: 1 });
  });

  it('runs nothing for an operation name the document does not have, by POST or by GET', async () => {
    const upstreamBefore = stack.sandbox.requests.count();
    for (let i = 0; i < 2; i++) {
      const post = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Page { allocations(first: 1) { nodes { id } } }', operationName: 'Nope' }),
      });
      const body = (await post.json()) as GraphQLResponse;
      assert.equal(post.status, 400);
      assert.equal(body.errors?.[0]?.extensions?.code, 'OPERATION_RESOLUTION_FAILURE');
      const mutation = 'mutation Allocate { allocate(input: { connectionId: "00000000-0000-4000-8000-000000000000", amount: { currency: "ofctbtc", quantity: "1" }, clientExternalId: "by-get" }) { allocation { id } } }';
      const get = await fetch(`${stack.url}?${new URLSearchParams({ query: mutation, operationName: 'Nope' })}`, { headers: { 'apollo-require-preflight': 'true' } });
      assert.equal(get.status, 400);
      assert.equal(((await get.json()) as GraphQLResponse).errors?.[0]?.extensions?.code, 'OPERATION_RESOLUTION_FAILURE');
    }
    assert.equal(stack.sandbox.requests.count(), upstreamBefore, 'nothing reached BitGo');
  });

  it('keeps large documents on graphql-js', async () => {
    const runs = stack.gateway.executor.runs;
    const query = `{ allocations(first: 1) { nodes { id } } } # ${'x'.repeat(9 * 1024)}`;
    const start = { ...runs };
    for (let i = 0; i < 3; i++) assert.equal((await stack.gql(query)).errors, undefined);
    assert.deepEqual({ compiled: runs.compiled - start.compiled, interpreted: runs.interpreted - start.interpreted }, { compiled: 0, interpreted: 3 });
  });

  it('a traced request leaves the schema operations run on untouched', async () => {
    await stack.gql('{ allocations(first: 1) { nodes { id } } }', undefined, TRACE);
    const idOf = (schema: GraphQLSchema) => (schema.getType('Allocation') as GraphQLObjectType).getFields().id!;
    // Apollo wraps every field of the schema it serves for the trace hooks; execution never sees those wrappers.
    assert.notEqual(idOf(stack.gateway.schema).resolve, undefined);
    assert.equal(idOf(stack.gateway.executor.executionSchema).resolve, undefined);
  });

  it('keeps error codes, paths and locations on compiled errors', async () => {
    const res = await stack.gql(`{ a: allocations(first: 1) { nodes { id } } b: allocations(first: 101) { nodes { id } } }`);
    assert.deepEqual(res.data, null);
    assert.equal(res.errors?.length, 1);
    assert.equal(res.errors![0]!.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(res.errors![0]!.path, ['b']);
    assert.deepEqual((res.errors![0] as { locations?: unknown }).locations, [{ line: 1, column: 45 }]);
  });
});
