import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { InProcessChangeFeed } from '../../src/store/memory/in-process-change-feed.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate } from '../helpers/mutations.js';
import { startStack, useStack } from '../helpers/stack.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;
const PROTOCOL = 'graphql-transport-ws';

/** A bare graphql-transport-ws socket: the test decides what it answers. */
async function rawSocket(url: string, options: { autoPong?: boolean } = {}): Promise<WebSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), PROTOCOL, { autoPong: options.autoPong ?? true });
  await once(socket, 'open');
  return socket;
}

async function initialised(socket: WebSocket): Promise<void> {
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: BEARER } }));
  const [data] = (await once(socket, 'message')) as [Buffer];
  assert.equal(JSON.parse(String(data)).type, 'connection_ack');
}

describe('live: keep-alive, disconnects and nothing left behind', () => {
  const feed = new InProcessChangeFeed();
  const stack = useStack({ listen: true, gateway: { changeFeed: feed }, env: { SUBSCRIPTION_KEEPALIVE_MS: '200' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await feed.close();
  });

  it('pings idle connections, keeps the ones that answer and cuts the ones that do not', async () => {
    const alive = await rawSocket(stack.url);
    await initialised(alive);
    let pings = 0;
    alive.on('ping', () => (pings += 1));
    const silent = await rawSocket(stack.url, { autoPong: false });
    await initialised(silent);
    const cut = once(silent, 'close');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // The silent one was terminated (no close frame: 1006) within a ping and a wait.
    const [code] = (await cut) as [number];
    assert.equal(code, 1006);
    assert.equal(alive.readyState, WebSocket.OPEN);
    assert.ok(pings >= 4, `${pings} pings in 1.2 s at 200 ms`);

    // The live one still carries a subscription afterwards.
    const key = `kept-${randomUUID()}`;
    alive.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ALLOCATION_CHANGED, variables: { clientExternalIds: [key] } } }));
    await waitForSubscriptions(stack.gateway, 1);
    const next = once(alive, 'message');
    await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '7' }, clientExternalId: key });
    const message = JSON.parse(String(((await next) as [Buffer])[0])) as { type: string; payload: ChangeEvent };
    assert.equal(message.type, 'next');
    assert.equal(message.payload.data?.allocationChanged.allocation.status, 'RESERVED');
    alive.close();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('upgrades only the GraphQL path: a WebSocket anywhere else gets 404', async () => {
    const socket = new WebSocket(stack.url.replace(/^http/, 'ws').replace(/\/graphql$/, '/elsewhere'), PROTOCOL);
    const [error] = (await once(socket, 'error')) as [Error];
    assert.match(error.message, /404/);
  });

  it('closes a connection that never sends connection_init (4408)', async () => {
    const socket = await rawSocket(stack.url);
    const [code] = (await once(socket, 'close')) as [number];
    assert.equal(code, 4408);
  });

  it('a subscriber that disconnects abruptly leaves nothing: subscriptions, watched allocations, groups, indexes, the feed listener count', async () => {
    const listeners = feed.listenerCount;
    assert.equal(listeners, 1, 'one feed listener per gateway, whatever the subscriptions');
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '8' } });
    const id = payload!.allocation!.id;
    const socket = await rawSocket(stack.url);
    await initialised(socket);
    socket.send(JSON.stringify({ id: 'a', type: 'subscribe', payload: { query: ALLOCATION_CHANGED, variables: { ids: [id] } } }));
    socket.send(JSON.stringify({ id: 'b', type: 'subscribe', payload: { query: ALLOCATION_CHANGED, variables: { connectionIds: [nimbus.id], clientExternalIds: ['x', 'y'] } } }));
    await waitForSubscriptions(stack.gateway, 2);
    const live = stack.gateway.workflows.live;
    assert.ok(live.stats().watched >= 1, 'the reserved allocation is watched');
    assert.equal(feed.listenerCount, listeners);

    socket.terminate();
    await eventually(() => live.stats().subscriptions === 0, 'the subscriptions to end');
    assert.deepEqual({ ...live.stats() }, { subscriptions: 0, opening: 0, callers: 0, watchGroups: 0, watched: 0, indexed: 0 });
    assert.equal(feed.listenerCount, listeners);
  });
});

describe('live: shutdown with open subscriptions', () => {
  it('gateway.close() closes every socket with 1001 (clients resubscribe elsewhere), ends everything and returns promptly', async () => {
    const feed = new InProcessChangeFeed();
    const stack = await startStack({ listen: true, gateway: { changeFeed: feed } });
    const c = liveClient(stack.url, { authorization: BEARER });
    const sinks = [1, 2, 3].map((i) => c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [`bye-${i}`] }));
    await waitForSubscriptions(stack.gateway, 3);
    const started = Date.now();
    await stack.close();
    assert.ok(Date.now() - started < 3_000, `close took ${Date.now() - started} ms`);
    assert.deepEqual(
      c.closes.map((x) => x.code),
      [1001],
    );
    for (const sink of sinks) await sink.ended();
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
    // The gateway's listener left the feed it was given; the feed is the caller's to close.
    assert.equal(feed.listenerCount, 0);
    await feed.close();
    await c.dispose();
  });
});
