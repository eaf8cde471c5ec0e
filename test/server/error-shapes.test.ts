import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, NO_LICENCE_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { useStack, type Stack } from '../helpers/stack.js';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function raw(stack: Stack, payload: string, headers: Record<string, string> = {}, url = '/graphql'): Promise<Answer> {
  const res = await stack.gateway.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Answer['body'] };
}

/** GraphQL's error shape and nothing of Fastify's: `{ errors: [{ message, extensions: { code } }] }`. */
function graphqlShaped(answer: Answer, status: number, code: string): string {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.deepEqual(Object.keys(answer.body), ['errors']);
  const [error] = answer.body.errors!;
  assert.equal(error!.extensions?.code, code);
  assert.doesNotMatch(JSON.stringify(answer.body), /FST_ERR|statusCode/);
  return error!.message;
}

const LIST = '{ allocations(first: 1) { nodes { id } } }';
const ALLOCATE = (enterpriseId?: string) =>
  `mutation { allocate(input: { ${enterpriseId ? `enterpriseId: "${enterpriseId}", ` : ''}connectionId: "${DEMO_CONNECTION_IDS.helios}", amount: { currency: "ofctbtc", quantity: "1" } }) { clientExternalId userErrors { code } } }`;

describe('error shapes: what the HTTP layer refuses looks like any GraphQL error', () => {
  const stack = useStack();
  beforeEach(() => stack.sandbox.requests.reset());

  it('malformed JSON → 400 BAD_REQUEST', async () => {
    assert.match(graphqlShaped(await raw(stack, '{"query": '), 400, 'BAD_REQUEST'), /not valid JSON/);
  });

  it('an empty JSON body → 400 BAD_REQUEST', async () => {
    assert.match(graphqlShaped(await raw(stack, ''), 400, 'BAD_REQUEST'), /empty/);
  });

  it('an unsupported content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    assert.match(graphqlShaped(await raw(stack, '<query/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE'), /application\/json/);
  });

  it('an unknown route → 404 NOT_FOUND', async () => {
    assert.match(graphqlShaped(await raw(stack, '{}', {}, '/graphq'), 404, 'NOT_FOUND'), /\/graphql/);
  });

  it('one rule for authentication (GraphQL over HTTP): `Basic abc` and `Bearer wrong-token` both answer 401 UNAUTHENTICATED with WWW-Authenticate', async () => {
    const basic = await raw(stack, JSON.stringify({ query: LIST }), { authorization: 'Basic abc' });
    assert.equal(basic.status, 401);
    assert.equal(basic.headers['www-authenticate'], 'Bearer');
    assert.equal(basic.body.errors![0]!.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(stack.sandbox.requests.count(), 0, 'refused before any BitGo call');

    const wrong = await raw(stack, JSON.stringify({ query: LIST }), { authorization: 'Bearer wrong-token' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['www-authenticate'], 'Bearer');
    assert.equal(wrong.body.errors![0]!.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(wrong.body.data, null);

    const wrongWrite = await raw(stack, JSON.stringify({ query: ALLOCATE() }), { authorization: 'Bearer wrong-token' });
    assert.equal(wrongWrite.status, 401);
    assert.equal(wrongWrite.body.errors![0]!.extensions?.code, 'UNAUTHENTICATED');
  });

  it('a response that carries data keeps 200, as the specification requires, with UNAUTHENTICATED on the field', async () => {
    const res = await raw(stack, JSON.stringify({ query: '{ allocation(id: "00000000-0000-4000-8000-000000000000") { id } }' }), { authorization: 'Bearer wrong-token' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, { allocation: null });
    assert.equal(res.body.errors![0]!.extensions?.code, 'UNAUTHENTICATED');
  });

  it('development keeps field suggestions in variable errors', async () => {
    const res = await stack.gql('query($f: AllocationFilter) { allocations(filter: $f) { nodes { id } } }', { f: { status: ['CLEARED'] } });
    assert.match(res.errors![0]!.message, /Did you mean "statuses"\?/);
  });

  it('allocate for an enterprise without a key, in sandbox mode: SIGNER_UNAVAILABLE naming the enterprise, nothing sent', async () => {
    const res = await stack.gql<{ allocate: unknown }>(ALLOCATE(NO_LICENCE_ENTERPRISE_ID));
    const error = res.errors![0]!;
    assert.equal(error.extensions?.code, 'SIGNER_UNAVAILABLE');
    assert.equal(error.message, `Signing is not configured for enterprise ${NO_LICENCE_ENTERPRISE_ID} on this gateway: set SIGNING_XPRV(_FILE) or SIGNER=express`);
    assert.equal(stack.sandbox.requests.count(), 0);
  });
});

describe('"Validation aborted." says why', () => {
  // Tokens opened up, so a thousand fields reach graphql-js's validation, which gives up comparing them.
  const stack = useStack({ env: { GRAPHQL_MAX_TOKENS: '100000' } });

  it('a thousand identical fields: GRAPHQL_VALIDATION_FAILED with a reason, and no BitGo call', async () => {
    stack.sandbox.requests.reset();
    const res = await raw(stack, JSON.stringify({ query: `{ allocations(first: 1) { nodes { ${'id '.repeat(1_000)}} } }` }));
    assert.equal(res.status, 400);
    assert.equal(res.body.errors![0]!.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(res.body.errors![0]!.message, 'Validation aborted: the operation has too many fields to compare; select fewer fields or split it.');
    assert.equal(stack.sandbox.requests.count(), 0);
  });
});

describe('production: no suggestions, no anonymous acting', () => {
  const stack = useStack({ env: { NODE_ENV: 'production', BITGO_BASE_URL: 'http://127.0.0.1:9' } });
  const bearer = () => ({ authorization: `Bearer ${stack.sandbox.token}` });
  beforeEach(() => stack.sandbox.requests.reset());

  it('variable errors no longer say "Did you mean"', async () => {
    const res = await stack.gql('query($f: AllocationFilter) { allocations(filter: $f) { nodes { id } } }', { f: { status: ['CLEARED'] } }, bearer());
    assert.equal(res.errors![0]!.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(res.errors![0]!.message, 'Variable "$f" got invalid value { status: ["CLEARED"] }; Field "status" is not defined by type "AllocationFilter".');
  });

  it('validation errors no longer say "Did you mean" either', async () => {
    const res = await stack.gql('{ allocations(first: 1) { nodes { idd } } }', {}, bearer());
    assert.doesNotMatch(res.errors![0]!.message, /Did you mean/);
  });

  it('a request without Authorization is refused 401 UNAUTHENTICATED before any BitGo call, reads and writes alike', async () => {
    for (const query of [LIST, ALLOCATE()]) {
      const res = await raw(stack, JSON.stringify({ query }));
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.errors![0]!.extensions?.code, 'UNAUTHENTICATED');
      assert.match(res.body.errors![0]!.message, /send `Authorization: Bearer <token>`$/);
    }
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('a router composing without a token still gets `_service { sdl }`', async () => {
    const res = await raw(stack, JSON.stringify({ query: '{ _service { sdl } }' }));
    assert.equal(res.status, 200);
    assert.match(JSON.stringify(res.body.data), /type Allocation/);
  });

  it('with a token, the same read runs', async () => {
    const res = await raw(stack, JSON.stringify({ query: LIST }), bearer());
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});

describe('production with ALLOW_SERVICE_TOKEN=true: anonymous callers act with the service token, on purpose', () => {
  const stack = useStack({ env: { NODE_ENV: 'production', BITGO_BASE_URL: 'http://127.0.0.1:9', BITGO_ACCESS_TOKEN: 'set-by-the-operator', ALLOW_SERVICE_TOKEN: 'true' } });

  it('reads without Authorization', async () => {
    const res = await raw(stack, JSON.stringify({ query: LIST }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});
