// The abuse suite. Unknown and untrusted documents are refused in trusted-documents.test.ts, the rate limits in rate-limit*.test.ts.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { OPERATION_DEFAULTS } from '../../src/config/operations.config.js';
import { useStack, type Stack } from '../helpers/stack.js';

/** Every refusal here happens before any BitGo call: the sandbox's request log stays empty. */
interface Refusal {
  status: number;
  code: string;
  message?: RegExp;
}

interface Raw {
  status: number;
  body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown };
  headers: Record<string, unknown>;
}

const ROW = 'id type status amount { currency quantity } connectionId clientExternalId partnerExternalId initiatedBy notes createdAt updatedAt retriable evaluationId pendingApprovalId policyResult reason';

const page = (alias: string): string => `${alias}: allocations(first: 100) { edges { cursor node { ${ROW} } } pageInfo { endCursor } }`;
const THREE_FULL_PAGES = `${page('a')} ${page('b')} ${page('c')}`;

/** `levels` nested inline fragments around one field: a query as deep as anyone likes, every level valid. */
const nested = (levels: number): string => `${'... on Allocation { '.repeat(levels)}id${' }'.repeat(levels)}`;

function send(stack: Stack, init: { method?: 'GET' | 'POST'; url?: string; headers?: Record<string, string>; payload?: string }): Promise<Raw> {
  return stack.gateway.app
    .inject({ method: init.method ?? 'POST', url: init.url ?? '/graphql', headers: { 'content-type': 'application/json', ...init.headers }, ...(init.payload !== undefined ? { payload: init.payload } : {}) })
    .then((res) => ({ status: res.statusCode, body: res.json() as Raw['body'], headers: res.headers }));
}

function refusedUpstreamFree(stack: Stack, res: Raw, expected: Refusal): void {
  assert.equal(res.status, expected.status, JSON.stringify(res.body).slice(0, 400));
  const errors = res.body.errors ?? [];
  assert.ok(errors.length > 0, 'a GraphQL-shaped error');
  for (const error of errors) assert.equal(error.extensions?.code, expected.code, error.message);
  // Several limits may be over at once (deep is costly too): the one under test is among them.
  if (expected.message) assert.ok(errors.some((e) => expected.message!.test(e.message)), `${expected.message} in ${JSON.stringify(errors.map((e) => e.message))}`);
  assert.equal(res.body.data ?? null, null, 'nothing ran');
  assert.equal(stack.sandbox.requests.count(), 0, 'no BitGo call');
}

const post = (stack: Stack, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  send(stack, { payload: JSON.stringify({ query, variables }), headers: { authorization: `Bearer ${stack.sandbox.token}`, ...headers } });

describe('abuse suite (production): each refused with its code, no BitGo call, no limit revealed', () => {
  const stack = useStack({ env: { NODE_ENV: 'production', BITGO_BASE_URL: 'http://127.0.0.1:9' } });
  beforeEach(() => stack.sandbox.requests.reset());

  it('deep: nested past GRAPHQL_MAX_DEPTH (50 levels) → GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post(stack, `{ allocations(first: 1) { nodes { ${nested(50)} } } }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation is nested too deeply\.$/ });
  });

  it('deep, one level past the limit, is refused; at the limit it runs', async () => {
    // allocations → nodes → fragments…: depth 2 + levels (armor counts each fragment as a level)
    const over = await post(stack, `{ allocations(first: 1) { nodes { ${nested(OPERATION_DEFAULTS.maxDepth - 2)} } } }`);
    refusedUpstreamFree(stack, over, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    const at = await post(stack, `{ allocations(first: 1) { nodes { ${nested(OPERATION_DEFAULTS.maxDepth - 3)} } } }`);
    assert.equal(at.status, 200, JSON.stringify(at.body));
    assert.equal(at.body.errors, undefined);
  });

  it('wide: a thousand fields → GRAPHQL_PARSE_FAILED (token limit), saying why, not "Validation aborted."', async () => {
    const res = await post(stack, `{ allocations(first: 1) { nodes { ${'id '.repeat(1_000)}} } }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /^The operation is too long; split it into several requests\.$/ });
  });

  it('wide in rows: three 100-row pages of every field → over GRAPHQL_MAX_COST', async () => {
    const res = await post(stack, `{ ${THREE_FULL_PAGES} }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation would cost too much to run; select fewer rows or fields\.$/ });
  });

  it('aliased: more aliases than GRAPHQL_MAX_ALIASES → GRAPHQL_VALIDATION_FAILED', async () => {
    const lookups = Array.from({ length: OPERATION_DEFAULTS.maxAliases + 1 }, (_, i) => `a${i}: allocation(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { id }`);
    const res = await post(stack, `{ ${lookups.join(' ')} }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation uses too many aliases\.$/ });
  });

  it('aliased as a new user sent it: 14,500 `allocation(id)` lookups (946 KB) → PAYLOAD_TOO_LARGE', async () => {
    const lookups = Array.from({ length: 14_500 }, (_, i) => `a${i}: allocation(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { id status }`);
    const payload = JSON.stringify({ query: `{ ${lookups.join(' ')} }` });
    assert.ok(payload.length > 900_000);
    refusedUpstreamFree(stack, await send(stack, { payload }), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('directives: more than GRAPHQL_MAX_DIRECTIVES → GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post(stack, `{ allocations(first: 1) { nodes { id ${'@include(if: true) '.repeat(OPERATION_DEFAULTS.maxDirectives + 1)}} } }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^The operation uses too many directives\.$/ });
  });

  it('batched: a JSON array of operations → BAD_REQUEST', async () => {
    const one = { query: '{ allocations(first: 1) { nodes { id } } }' };
    const res = await send(stack, { payload: JSON.stringify([one, one]), headers: { authorization: `Bearer ${stack.sandbox.token}` } });
    refusedUpstreamFree(stack, res, { status: 400, code: 'BAD_REQUEST', message: /batching/ });
  });

  it('oversized: a body over BODY_LIMIT_BYTES (64 KB) → PAYLOAD_TOO_LARGE', async () => {
    const payload = JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }', variables: { pad: 'x'.repeat(OPERATION_DEFAULTS.bodyLimitBytes) } });
    refusedUpstreamFree(stack, await send(stack, { payload }), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('CSRF: a form-style POST (text/plain) and a GET without a preflight header → BAD_REQUEST', async () => {
    const query = '{ allocations(first: 1) { nodes { id } } }';
    const form = await send(stack, { payload: JSON.stringify({ query }), headers: { 'content-type': 'text/plain', authorization: `Bearer ${stack.sandbox.token}` } });
    refusedUpstreamFree(stack, form, { status: 400, code: 'BAD_REQUEST', message: /Cross-Site Request Forgery/ });
    const get = await stack.gateway.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(query)}`, headers: { authorization: `Bearer ${stack.sandbox.token}` } });
    refusedUpstreamFree(stack, { status: get.statusCode, body: get.json(), headers: get.headers }, { status: 400, code: 'BAD_REQUEST', message: /Cross-Site Request Forgery/ });
  });

  it('GET never runs a mutation, even with the preflight header → 405 BAD_REQUEST, nothing signed or sent', async () => {
    const mutation = `mutation { allocate(input: { connectionId: "${DEMO_CONNECTION_IDS.helios}", amount: { currency: "ofctbtc", quantity: "1" } }) { clientExternalId } }`;
    const res = await stack.gateway.app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent(mutation)}`,
      headers: { authorization: `Bearer ${stack.sandbox.token}`, 'apollo-require-preflight': 'true' },
    });
    refusedUpstreamFree(stack, { status: res.statusCode, body: res.json(), headers: res.headers }, { status: 405, code: 'BAD_REQUEST', message: /GET requests only support query operations/ });
  });

  it('the `__schema` bypass: an operation or a fragment named `__schema` is still held to depth and cost', async () => {
    const deepOp = await post(stack, `query __schema { allocations(first: 1) { nodes { ${nested(20)} } } }`);
    refusedUpstreamFree(stack, deepOp, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /nested too deeply/ });
    const deepFragment = await post(stack, `{ allocations(first: 1) { nodes { ...__schema } } } fragment __schema on Allocation { ${nested(20)} }`);
    refusedUpstreamFree(stack, deepFragment, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /nested too deeply/ });
    const costly = await post(stack, `query __schema { ${THREE_FULL_PAGES} }`);
    refusedUpstreamFree(stack, costly, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /cost too much/ });
  });

  it('the largest legitimate operations still run: a 100-row page of every field, ten lists, the codegen page', async () => {
    const full = await post(stack, `{ allocations(first: 100) { edges { cursor node { ${ROW} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);
    assert.equal(full.status, 200, JSON.stringify(full.body.errors));
    const ten = await post(stack, `{ ${Array.from({ length: 10 }, (_, i) => `l${i}: allocations(first: 1) { nodes { id } }`).join(' ')} }`);
    assert.equal(ten.status, 200, JSON.stringify(ten.body.errors));
  });
});

describe('abuse suite (development): the same limits, and the refusals say the numbers', () => {
  const stack = useStack();
  beforeEach(() => stack.sandbox.requests.reset());

  it('names the depth, alias and token limits it applies', async () => {
    const deep = await post(stack, `{ allocations(first: 1) { nodes { ${nested(50)} } } }`);
    refusedUpstreamFree(stack, deep, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: new RegExp(`depth limit of ${OPERATION_DEFAULTS.maxDepth} exceeded, found 53`) });
    const wide = await post(stack, `{ allocations(first: 1) { nodes { ${'id '.repeat(1_000)}} } }`);
    refusedUpstreamFree(stack, wide, { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /more than 1000 tokens/ });
    const lookups = Array.from({ length: 40 }, (_, i) => `a${i}: allocation(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { id }`);
    refusedUpstreamFree(stack, await post(stack, `{ ${lookups.join(' ')} }`), { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Aliases limit of 30 exceeded, found 40/ });
  });
});

describe('lookups by id are bounded like the lists', () => {
  // Limits opened wide, so only the gateway's own bound on ids is left to hold the 14,500 aliases.
  const stack = useStack({ env: { BODY_LIMIT_BYTES: '2000000', GRAPHQL_MAX_ALIASES: '20000', GRAPHQL_MAX_TOKENS: '1000000', GRAPHQL_MAX_COST: '100000000' } });
  beforeEach(() => stack.sandbox.requests.reset());

  it('14,500 aliased `allocation(id)` lookups are refused whole, before any BitGo call (they would have cost 145)', async () => {
    const lookups = Array.from({ length: 14_500 }, (_, i) => `a${i}: allocation(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { id status }`);
    const res = await post(stack, `{ ${lookups.join(' ')} }`);
    refusedUpstreamFree(stack, res, { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /at most 1000 allocations by id/ });
  });

  /** BitGo calls the gateway makes while `run` runs (calls, not attempts: a slow machine may retry one). */
  async function callsDuring(route: string, run: () => Promise<void>): Promise<number> {
    let calls = 0;
    const count = (e: { route: string }): void => void (e.route === route && (calls += 1));
    stack.gateway.client.on('response', count);
    try {
      await run();
    } finally {
      stack.gateway.client.off('response', count);
    }
    return calls;
  }

  it('an `_entities` batch of 1,001 distinct allocations reads 1,000 in ten calls and refuses the rest', async () => {
    const representations = Array.from({ length: 1_001 }, (_, i) => ({ __typename: 'Allocation', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    let res!: Awaited<ReturnType<typeof post>>;
    const calls = await callsDuring('clients/allocations', async () => {
      res = await post(stack, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Allocation { id } } }', { r: representations });
    });
    assert.equal(res.status, 200);
    const refused = res.body.errors?.filter((e) => /at most 1000 allocations by id/.test(e.message)) ?? [];
    assert.equal(refused.length, 1, JSON.stringify(res.body.errors?.slice(0, 2)));
    assert.equal(refused[0]!.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(calls, 10, 'ten calls of 100 ids');
  });

  it('so is a batch of 1,001 distinct connections', async () => {
    const representations = Array.from({ length: 1_001 }, (_, i) => ({ __typename: 'NetworkConnection', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    let res!: Awaited<ReturnType<typeof post>>;
    const calls = await callsDuring('clients/connections', async () => {
      res = await post(stack, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on NetworkConnection { id } } }', { r: representations });
    });
    const refused = res.body.errors?.filter((e) => /at most 1000 connections by id/.test(e.message)) ?? [];
    assert.equal(refused.length, 1, JSON.stringify(res.body.errors?.slice(0, 2)));
    assert.equal(calls, 10, 'ten calls of 100 ids');
  });
});
