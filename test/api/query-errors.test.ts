import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { NO_LICENCE_ENTERPRISE_ID, OTHER_CLIENT_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { useStack, type GraphQLResponse } from '../helpers/stack.js';

const LIST = `query($first: Int, $last: Int, $after: String, $before: String, $filter: AllocationFilter, $orderBy: AllocationOrder, $enterpriseId: ID, $view: AllocationView) {
  allocations(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy, enterpriseId: $enterpriseId, view: $view) {
    nodes { id } pageInfo { endCursor }
  }
}`;

describe('query errors: stable codes, clear messages, nothing leaked', () => {
  const stack = useStack({ env: { BITGO_TIMEOUT_MS: '300' } });
  beforeEach(() => {
    stack.sandbox.faults.clear();
    stack.sandbox.requests.reset();
  });

  function expectError(res: GraphQLResponse, code: string, message?: RegExp, field?: string[]) {
    assert.ok(res.errors?.length, `expected an error, got ${JSON.stringify(res.data)}`);
    const err = res.errors[0]!;
    assert.equal(err.extensions?.code, code, JSON.stringify(err));
    if (message) assert.match(err.message, message);
    if (field) assert.deepEqual(err.extensions?.field, field);
    const text = JSON.stringify(res);
    assert.doesNotMatch(text, new RegExp(stack.sandbox.token));
    assert.doesNotMatch(text, /127\.0\.0\.1|\/api\/network/);
    assert.equal(err.extensions?.stacktrace, undefined);
  }

  it('first or last above 100 is BAD_USER_INPUT before any upstream call', async () => {
    expectError(await stack.gql(LIST, { first: 101 }), 'BAD_USER_INPUT', /first/, ['first']);
    expectError(await stack.gql(LIST, { last: 500 }), 'BAD_USER_INPUT', /last/, ['last']);
    expectError(await stack.gql(LIST, { first: -1 }), 'BAD_USER_INPUT', /first/);
    expectError(await stack.gql(LIST, { first: 1, last: 1 }), 'BAD_USER_INPUT', /either/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('validates filters (UUIDs, list sizes, currencies) naming the field, with no upstream call', async () => {
    expectError(await stack.gql(LIST, { filter: { ids: ['not-a-uuid'] } }), 'BAD_USER_INPUT', /ids.*UUID/, ['filter', 'ids']);
    expectError(await stack.gql(LIST, { filter: { connectionIds: ['x'] } }), 'BAD_USER_INPUT', /connectionIds/, ['filter', 'connectionIds']);
    const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectError(await stack.gql(LIST, { filter: { ids: many } }), 'BAD_USER_INPUT', /ids/, ['filter', 'ids']);
    expectError(await stack.gql(LIST, { filter: { currencies: ['BTC; DROP'] } }), 'BAD_USER_INPUT', /currencies/);
    expectError(await stack.gql(LIST, { filter: { statuses: [] } }), 'BAD_USER_INPUT', /statuses/);
    expectError(await stack.gql(LIST, { filter: { clientIds: ['00000000-0000-4000-8000-000000000000'] } }), 'BAD_USER_INPUT', /PARTNER view/);
    expectError(await stack.gql(LIST, { view: 'PARTNER', orderBy: { field: 'CURRENCY', direction: 'ASC' } }), 'BAD_USER_INPUT', /CURRENCY/);
    expectError(await stack.gql(`{ allocation(id: "nope") { id } }`), 'BAD_USER_INPUT', /UUID/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('refuses an operation that would fan out into more than 10 list calls, before any call', async () => {
    const query = `{ ${Array.from({ length: 11 }, (_, i) => `l${i}: allocations(last: 100) { nodes { id } }`).join(' ')} }`;
    const res = await stack.gql(query);
    assert.equal(res.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(res.errors![0]!.message, /at most 10/);
    assert.equal(stack.sandbox.requests.count(), 0);
    const ten = await stack.gql(`{ ${Array.from({ length: 10 }, (_, i) => `l${i}: allocations(first: 1) { nodes { id } }`).join(' ')} }`);
    assert.equal(ten.errors, undefined);
  });

  it('bounds the lists an _entities batch can read', async () => {
    const reps = Array.from({ length: 101 }, () => ({ __typename: 'NetworkConnection', id: '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b' }));
    // Calls, not attempts: on a loaded machine a read may time out (300 ms here) and be retried. The client's
    // `response` event is once per call (every call of one request shares its request id, so the sandbox cannot count them).
    let lists = 0;
    const count = (e: { route: string }): void => void (e.route === 'clients/allocations' && (lists += 1));
    stack.gateway.client.on('response', count);
    const res = await stack.gql<{ _entities: Array<{ allocations: { nodes: unknown[] } } | null> }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on NetworkConnection { allocations(first: 1) { nodes { id } } } } }`,
      { r: reps },
    );
    const budget = res.errors?.filter((e) => /at most 100 BitGo lists/.test(e.message)) ?? [];
    assert.equal(budget.length, 1, JSON.stringify(res.errors?.slice(0, 2)));
    assert.equal(budget[0]!.extensions?.code, 'BAD_USER_INPUT');
    // The answer may leave before every list already started has reached the sandbox: let them land.
    for (let seen = -1; seen !== stack.sandbox.requests.count(); ) {
      seen = stack.sandbox.requests.count();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stack.gateway.client.off('response', count);
    // The references themselves are one batched lookup, not a list.
    assert.equal(stack.sandbox.requests.count({ path: /\/clients\/connections$/ }), 1);
    assert.ok(lists > 0 && lists <= 100, `${lists} lists read`);
  });

  it('refuses a cursor reused with another filter or order, and a forged one', async () => {
    const res = await stack.gql<{ allocations: { pageInfo: { endCursor: string } } }>(LIST, { first: 5, filter: { types: ['ALLOCATION'] } });
    const cursor = res.data!.allocations.pageInfo.endCursor;
    stack.sandbox.requests.reset();
    expectError(await stack.gql(LIST, { first: 5, after: cursor, filter: { types: ['DEALLOCATION'] } }), 'BAD_USER_INPUT', /different filter/, ['after']);
    expectError(await stack.gql(LIST, { first: 5, after: cursor, filter: { types: ['ALLOCATION'] }, orderBy: { field: 'ID', direction: 'ASC' } }), 'BAD_USER_INPUT', /different filter/);
    expectError(await stack.gql(LIST, { last: 5, before: cursor }), 'BAD_USER_INPUT', /different filter/, ['before']);
    expectError(await stack.gql(LIST, { first: 5, after: 'YWJj' }), 'BAD_USER_INPUT', /not a cursor/);
    const forged = Buffer.from(Buffer.from(cursor, 'base64url').toString().replace(/^c1\.\w+\./, 'c1.zz.')).toString('base64url');
    expectError(await stack.gql(LIST, { first: 5, after: forged, filter: { types: ['ALLOCATION'] } }), 'BAD_USER_INPUT', /not a cursor/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('maps BitGo 401, 403 and 404 to UNAUTHENTICATED, FORBIDDEN and NOT_FOUND', async () => {
    expectError(await stack.gql(LIST, {}, { authorization: 'Bearer definitely-wrong' }), 'UNAUTHENTICATED');
    expectError(await stack.gql(LIST, { enterpriseId: NO_LICENCE_ENTERPRISE_ID }), 'FORBIDDEN');
    expectError(await stack.gql(LIST, { enterpriseId: OTHER_CLIENT_ENTERPRISE_ID }), 'NOT_FOUND');
  });

  it('forwards the caller\'s own bearer token instead of the service token', async () => {
    const res = await stack.gql(LIST, { first: 1 }, { authorization: `Bearer ${stack.sandbox.token.replace('read-write', 'read-only')}` });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  });

  it('answers null for an allocation BitGo does not have', async () => {
    const res = await stack.gql<{ allocation: null }>(`{ allocation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    assert.equal(res.errors, undefined);
    assert.equal(res.data!.allocation, null);
  });

  it('retries a failing GET, then reports UPSTREAM_UNAVAILABLE with the request id', async () => {
    stack.sandbox.faults.add({ method: 'GET', status: 500, body: { error: 'db down' }, times: 1 });
    const ok = await stack.gql(LIST, { first: 1 });
    assert.equal(ok.errors, undefined, 'one 500 is retried away');
    stack.sandbox.requests.reset();
    stack.sandbox.faults.add({ method: 'GET', status: 503, times: Infinity });
    const res = await stack.gql(LIST, { first: 1 });
    expectError(res, 'UPSTREAM_UNAVAILABLE', /try again/);
    assert.match(String(res.errors![0]!.extensions!.requestId), /^[0-9a-f-]{36}$/);
    assert.equal(stack.sandbox.requests.count(), 3, 'the first attempt and two retries');
  });

  it('reports timeouts and dropped connections as UPSTREAM_UNAVAILABLE', async () => {
    stack.sandbox.faults.add({ method: 'GET', latencyMs: 1000, times: Infinity });
    expectError(await stack.gql(LIST, { first: 1 }), 'UPSTREAM_UNAVAILABLE', /in time/);
    stack.sandbox.faults.clear();
    stack.sandbox.faults.add({ method: 'GET', dropBeforeCommit: true, times: Infinity });
    expectError(await stack.gql(LIST, { first: 1 }), 'UPSTREAM_UNAVAILABLE', /reached/);
  });
});
