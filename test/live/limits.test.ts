import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, OTHER_CLIENT_ENTERPRISE_ID, OTHER_CONNECTION_IDS, SANDBOX_READONLY_TOKEN, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

type Failure = { message: string; extensions?: { code?: string; field?: string[] } };

/**
 * The error a subscription ended with: a refused subscribe step is one result with errors, then complete (as
 * graphql-js answers it); a protocol-level refusal arrives as graphql-ws's error message.
 */
function failureOf(sink: { events: ChangeEvent[]; errors: unknown[] }): Failure {
  const fromEvent = sink.events.find((e) => e.errors?.length)?.errors?.[0];
  if (fromEvent) return fromEvent as Failure;
  const first = sink.errors[0] as Failure[] | Failure | undefined;
  return (Array.isArray(first) ? first[0] : first) as Failure;
}

describe('live: limits and authorization', () => {
  const stack = useStack({ listen: true, env: { SUBSCRIPTIONS_PER_CALLER: '3' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  /** `null`: no Authorization in connection_init at all. */
  const client = (authorization: string | null = BEARER) => {
    const c = liveClient(stack.url, { authorization: authorization ?? undefined });
    clients.push(c);
    return c;
  };

  async function refused(variables: Record<string, unknown>, authorization: string | null = BEARER): Promise<Failure> {
    const sink = client(authorization).subscribe<ChangeEvent>(ALLOCATION_CHANGED, variables);
    await sink.ended();
    assert.ok(sink.events.every((e) => !e.data), JSON.stringify(sink.events));
    return failureOf(sink);
  }

  it('needs at least one of ids, connectionIds, clientExternalIds, each at most 100 well-formed values; nothing asked of BitGo', async () => {
    stack.sandbox.requests.reset();
    assert.equal((await refused({})).extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await refused({ ids: [], connectionIds: [] })).extensions?.code, 'BAD_USER_INPUT');
    const many = Array.from({ length: 101 }, () => randomUUID());
    const tooMany = await refused({ ids: many });
    assert.equal(tooMany.extensions?.code, 'BAD_USER_INPUT');
    assert.match(tooMany.message, /at most 100/);
    assert.equal((await refused({ connectionIds: ['not-a-uuid'] })).extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await refused({ clientExternalIds: Array.from({ length: 101 }, (_, i) => `k${i}`) })).extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await refused({ clientExternalIds: [' padded '] })).extensions?.code, 'BAD_USER_INPUT');
    assert.equal(stack.sandbox.requests.count(), 0);
    await waitForSubscriptions(stack.gateway, 0);
  });

  it(`holds a caller to SUBSCRIPTIONS_PER_CALLER (3 here) on this replica; ending one frees a place`, async () => {
    const c = client();
    const open = [1, 2, 3].map((i) => c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [`limit-${i}`] }));
    await waitForSubscriptions(stack.gateway, 3);
    const fourth = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['limit-4'] });
    await fourth.ended();
    assert.equal(failureOf(fourth).extensions?.code, 'LIMIT_EXCEEDED');
    // Another caller is not affected.
    const other = client(`Bearer ${SANDBOX_READONLY_TOKEN}`).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['limit-other'] });
    await waitForSubscriptions(stack.gateway, 4);
    open[0]!.stop();
    await waitForSubscriptions(stack.gateway, 3);
    const again = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['limit-5'] });
    await waitForSubscriptions(stack.gateway, 4);
    assert.equal(again.completed, false);
    for (const sink of [...open, other, again]) sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
    assert.equal(stack.gateway.workflows.live.stats().callers, 0);
  });

  it('asks BitGo as reads do: an unknown token, a foreign enterprise and ids the caller cannot see are refused', async () => {
    assert.equal((await refused({ clientExternalIds: ['x'] }, 'Bearer not-a-known-token')).extensions?.code, 'UNAUTHENTICATED');
    // The demo token does not belong to Beacon Capital: BitGo answers 404 for an enterprise that is not yours.
    assert.equal((await refused({ enterpriseId: OTHER_CLIENT_ENTERPRISE_ID, connectionIds: [OTHER_CONNECTION_IDS.beaconNimbus] })).extensions?.code, 'NOT_FOUND');
    const missing = randomUUID();
    const notVisible = await refused({ ids: [missing] });
    assert.equal(notVisible.extensions?.code, 'NOT_FOUND');
    assert.match(notVisible.message, new RegExp(missing));
    // The read-only token may read, so it may subscribe.
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '5' } });
    const sink = client(`Bearer ${SANDBOX_READONLY_TOKEN}`).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { ids: [payload!.allocation!.id] });
    await waitForSubscriptions(stack.gateway, 1);
    assert.equal(sink.completed, false);
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('closes a connection whose connection_init carries a malformed Authorization with 4403, before any subscription', async () => {
    const c = client('Basic dXNlcjpwYXNz');
    const sink = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['x'] });
    await sink.ended();
    assert.equal(c.closes[0]?.code, 4403);
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
  });

  it('without a token of its own a connection acts with the service token, as HTTP requests do', async () => {
    const sink = client(null).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['service-side'] });
    await waitForSubscriptions(stack.gateway, 1);
    assert.equal(sink.completed, false);
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('serves only subscriptions over WebSocket, and refuses a subscription over plain HTTP (400)', async () => {
    const sink = client().subscribe<ChangeEvent>(`{ allocations(first: 1) { nodes { id } } }`);
    await sink.ended();
    assert.equal(failureOf(sink).extensions?.code, 'BAD_REQUEST');
    const res = await stack.gql(`subscription { allocationChanged(clientExternalIds: ["x"]) { source } }`, undefined, { authorization: BEARER });
    assert.equal(res.status, 400);
    assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
  });
});

describe('live: the HTTP path\'s protections hold over WebSocket too', () => {
  const MANIFEST = fileURLToPath(new URL('../../../test/generated/persisted-documents.json', import.meta.url));
  const documents = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
  const trustedId = Object.entries(documents).find(([, doc]) => doc.includes('subscription AllocationChanged'))![0];
  const stack = useStack({
    listen: true,
    env: { PERSISTED_DOCUMENTS: MANIFEST, NODE_ENV: 'production', BITGO_BASE_URL: 'http://127.0.0.1:9' },
  });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  /** `null`: no Authorization in connection_init at all. */
  const client = (authorization: string | null = BEARER) => {
    const c = liveClient(stack.url, { authorization: authorization ?? undefined });
    clients.push(c);
    return c;
  };
  const codeOf = async (sink: ReturnType<LiveClient['subscribe']>) => {
    await sink.ended();
    return failureOf(sink as never).extensions?.code;
  };

  it('trusted documents: a listed one runs by id, anything else is refused before it is parsed', async () => {
    const c = client();
    const listed = c.client;
    const events: unknown[] = [];
    const stop = listed.subscribe(
      { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: trustedId } }, variables: { clientExternalIds: ['trusted'] } },
      { next: (v) => events.push(v), error: (e) => events.push(e), complete: () => undefined },
    );
    await waitForSubscriptions(stack.gateway, 1);
    assert.deepEqual(events, []);
    stop();
    await waitForSubscriptions(stack.gateway, 0);
    assert.equal(await codeOf(c.subscribe(ALLOCATION_CHANGED, { clientExternalIds: ['x'] })), 'QUERY_NOT_IN_SAFELIST');
    const unknown = c.client;
    const refusals: unknown[] = [];
    await new Promise<void>((resolve) => {
      unknown.subscribe(
        { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
        { next: () => undefined, error: (e) => (refusals.push(e), resolve()), complete: () => resolve() },
      );
    });
    assert.equal((refusals[0] as Failure[])[0]?.extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
  });

  it('production refuses a connection without a token to act as the gateway (no service token fallback)', async () => {
    const sink = client(null).subscribe<ChangeEvent>(documents[`${trustedId}`]!, { clientExternalIds: ['anonymous'] });
    assert.equal(await codeOf(sink), 'UNAUTHENTICATED');
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
  });
});

describe('live: armor\'s limits and the token limit over WebSocket', () => {
  const stack = useStack({ listen: true, env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_TOKENS: '60' } });
  let c: LiveClient | undefined;
  after(async () => {
    await c?.dispose();
  });

  it('refuses a subscription nested too deeply, or too long, before BitGo is asked', async () => {
    c = liveClient(stack.url, { authorization: BEARER });
    stack.sandbox.requests.reset();
    const deep = c.subscribe<ChangeEvent>('subscription { allocationChanged(clientExternalIds: ["d"]) { allocation { amount { currency } } } }');
    await deep.ended();
    assert.equal(failureOf(deep).extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    const long = c.subscribe<ChangeEvent>(`subscription { allocationChanged(clientExternalIds: [${Array.from({ length: 70 }, (_, i) => `"k${i}"`).join(', ')}]) { source } }`);
    await long.ended();
    assert.match(failureOf(long).message, /token/i);
    assert.equal(stack.sandbox.requests.count(), 0);
  });
});
