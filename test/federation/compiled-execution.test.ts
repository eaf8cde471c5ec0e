import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

const TRACE = { 'apollo-federation-include-trace': 'ftv1' };

/**
 * Operations are executed as compiled (graphql-jit) functions, except those
 * that ask for a federated trace, which run on graphql-js. Both must answer
 * the same: data, errors with their paths and codes, nulls, aliases,
 * fragments, directives, abstract types and mutations.
 */
const OPERATIONS: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
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
  },
  {
    name: 'a variable of the wrong type',
    query: `query($n: Int) { allocations(first: $n) { nodes { id } } }`,
    variables: { n: 'seven' },
  },
  {
    name: 'entities through the abstract _Entity union, with an unknown id',
    query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Allocation { id status } ... on Connection { id } } }`,
    variables: {
      r: [
        { __typename: 'Allocation', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Connection', id: 'c-1' },
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
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => stack.close());

  for (const op of OPERATIONS) {
    it(`answers exactly as graphql-js does: ${op.name}`, async () => {
      type Answer = GraphQLResponse & { extensions?: Record<string, unknown> };
      const runs = stack.gateway.executor.runs;
      const before = { ...runs };
      // The first run of a document is interpreted; from the second on it runs compiled.
      const first = (await stack.gql(op.query, op.variables)) as Answer;
      const compiled = (await stack.gql(op.query, op.variables)) as Answer;
      const traced = (await stack.gql(op.query, op.variables, TRACE)) as Answer;
      assert.ok(runs.compiled > before.compiled, 'the second run went to the compiled query');
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

  it('keeps error codes, paths and locations on compiled errors', async () => {
    const res = await stack.gql(`{ a: allocations(first: 1) { nodes { id } } b: allocations(first: 101) { nodes { id } } }`);
    assert.deepEqual(res.data, null);
    assert.equal(res.errors?.length, 1);
    assert.equal(res.errors![0]!.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(res.errors![0]!.path, ['b']);
    assert.deepEqual((res.errors![0] as { locations?: unknown }).locations, [{ line: 1, column: 45 }]);
  });
});
