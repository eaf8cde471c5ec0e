import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { eventually } from '../helpers/live.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { startStandInRouter, type CallbackMessage, type StandInRouter } from '../helpers/standin-router.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

const SUBSCRIBE = `subscription Follow($keys: [String!]) {
  allocationChanged(clientExternalIds: $keys) { source previousStatus allocation { id status } }
}`;

/** What the router POSTs to a subgraph to open a subscription in callback mode. */
async function subscribeViaCallback(url: string, callbackUrl: string, id: string, variables: Record<string, unknown>, authorization = BEARER, heartbeatIntervalMs = 200) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json;callbackSpec=1.0', authorization },
    body: JSON.stringify({ query: SUBSCRIBE, variables, extensions: { subscription: { callbackUrl, subscriptionId: id, verifier: `verifier-${id}`, heartbeatIntervalMs } } }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
}

const of = (router: StandInRouter, id: string, action?: CallbackMessage['action']) => router.messages.filter((m) => m.id === id && (!action || m.action === action));

describe('live: Apollo subscription callback protocol, against a stand-in router on loopback', () => {
  let router: StandInRouter;
  let stack: Stack;
  let closed = false;
  let trapHits = 0;
  const trap = createServer((_req, res) => {
    trapHits += 1;
    res.writeHead(204).end();
  });
  let trapOrigin = '';
  before(async () => {
    router = await startStandInRouter();
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    stack = await startStack({ listen: true, env: { SUBSCRIPTION_CALLBACK_ORIGIN: router.origin } });
  });
  after(async () => {
    if (!closed) await stack?.close();
    await router?.close();
    trap.close();
  });

  it('checks the callback, sends heartbeats, then RESERVED and CLEARED as `next`, with the verifier', async () => {
    const id = randomUUID();
    const key = `cb-${id}`;
    const opened = await subscribeViaCallback(stack.url, router.callbackUrl(id), id, { keys: [key] });
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.body, { data: null });
    const first = of(router, id)[0]!;
    assert.equal(first.action, 'check', 'the check is sent before the subscribe request is answered');
    assert.equal(first.protocolHeader, 'callback/1.0');
    assert.equal(first.verifier, `verifier-${id}`);
    await eventually(() => stack.gateway.workflows.live.stats().subscriptions === 1 && stack.gateway.workflows.live.stats().opening === 0, 'the subscription to open');

    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '44' }, clientExternalId: key });
    const allocationId = payload!.allocation!.id;
    await eventually(() => of(router, id, 'next').length === 1, 'RESERVED to reach the router');
    const reserved = of(router, id, 'next')[0]!;
    assert.deepEqual(reserved.payload?.data, { allocationChanged: { source: 'MUTATION', previousStatus: null, allocation: { id: allocationId, status: 'RESERVED' } } });
    assert.equal(reserved.verifier, `verifier-${id}`);

    const cleared = await stack.gql(UPDATE, {
      input: {
        enterpriseId: stack.sandbox.partnerEnterpriseId,
        allocationId,
        status: 'CLEARED',
        amount: { currency: 'ofctbtc', quantity: '44' },
        clientId: stack.sandbox.enterpriseId,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: 'cb-1',
      },
    });
    assert.equal(cleared.errors, undefined);
    await eventually(() => of(router, id, 'next').length === 2, 'CLEARED to reach the router');
    assert.deepEqual(of(router, id, 'next')[1]!.payload?.data, { allocationChanged: { source: 'PARTNER_UPDATE', previousStatus: 'RESERVED', allocation: { id: allocationId, status: 'CLEARED' } } });
    await eventually(() => of(router, id, 'check').length >= 3, 'heartbeats (checks every 200 ms)');
    assert.ok(of(router, id, 'check').every((m) => m.protocolHeader === 'callback/1.0'));

    // The router says the subscription is gone (404 on a heartbeat): the gateway forgets it.
    router.answer = (m) => (m.id === id ? 404 : m.action === 'check' ? 204 : 200);
    await eventually(() => stack.gateway.workflows.live.stats().subscriptions === 0, 'the subscription to end after the router forgot it');
    router.answer = (m) => (m.action === 'check' ? 204 : 200);
  });

  it('never calls another origin: a callbackUrl elsewhere is dropped and the subscription refused (400)', async () => {
    const before = router.messages.length;
    for (const callbackUrl of [`${trapOrigin}/callback/x`, `${router.origin.replace('127.0.0.1', 'localhost')}/callback/x`, 'file:///etc/passwd', 'not a url']) {
      const res = await subscribeViaCallback(stack.url, callbackUrl, randomUUID(), { keys: ['ssrf'] });
      assert.equal(res.status, 400, callbackUrl);
      assert.equal(res.body.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(trapHits, 0);
    assert.equal(router.messages.length, before);
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
  });

  it('refuses a callback subscription without heartbeats (0): nothing would ever end it once the router forgot it', async () => {
    const before = router.messages.length;
    const res = await subscribeViaCallback(stack.url, `${router.origin}/callback/no-beat`, randomUUID(), { keys: ['no-beat'] }, BEARER, 0);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(router.messages.length, before, 'the router was not called');
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
  });

  it('a token BitGo refuses: the check passes, then `complete` carries UNAUTHENTICATED', async () => {
    const id = randomUUID();
    const res = await subscribeViaCallback(stack.url, router.callbackUrl(id), id, { keys: ['nope'] }, 'Bearer not-a-known-token');
    assert.equal(res.status, 200);
    await eventually(() => of(router, id, 'complete').length === 1, 'the complete');
    const complete = of(router, id, 'complete')[0]!;
    assert.equal(complete.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
  });

  it('on shutdown every open callback subscription gets `complete` before close() returns', async () => {
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) assert.equal((await subscribeViaCallback(stack.url, router.callbackUrl(id), id, { keys: [`bye-${id}`] })).status, 200);
    await eventually(() => stack.gateway.workflows.live.stats().subscriptions === 2 && stack.gateway.workflows.live.stats().opening === 0, 'both to open');
    closed = true;
    await stack.close();
    for (const id of ids) assert.equal(of(router, id, 'complete').length, 1, `complete for ${id}`);
    const checks = ids.map((id) => of(router, id, 'check').length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(
      ids.map((id) => of(router, id, 'check').length),
      checks,
      'no heartbeat after close',
    );
  });
});

describe('live: callback protocol off (no SUBSCRIPTION_CALLBACK_ORIGIN)', () => {
  it('refuses a subscription request carrying a callback extension, and calls nobody', async () => {
    const router = await startStandInRouter();
    const stack = await startStack({ listen: true });
    try {
      const id = randomUUID();
      const res = await subscribeViaCallback(stack.url, router.callbackUrl(id), id, { keys: ['off'] });
      assert.equal(res.status, 400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(router.messages.length, 0);
    } finally {
      await stack.close();
      await router.close();
    }
  });
});
