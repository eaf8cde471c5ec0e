import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate } from '../helpers/mutations.js';
import { useStack, type Stack } from '../helpers/stack.js';
import { allocate as allocateDirectly, API, call, partnerBody } from '../sandbox/helpers.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

/** The partner clears an allocation straight at the sandbox: the gateway takes no part in it. */
async function clearBehindTheGatewaysBack(stack: Stack, allocationId: string, quantity: string): Promise<void> {
  const body = partnerBody(stack.sandbox, {
    status: 'cleared',
    allocationId,
    amount: { currency: 'ofctbtc', quantity },
    clientId: stack.sandbox.enterpriseId,
    connectionId: nimbus.id,
    partnersClientId: nimbus.partnersClientId,
    partnersConnectionId: nimbus.partnersConnectionId,
    partnersAllocationId: `direct-${allocationId.slice(0, 8)}`,
  });
  const res = await call(stack.sandbox, 'PUT', `${API}/${stack.sandbox.partnerEnterpriseId}/partners/allocations`, { body });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** The watcher's list calls: GETs of the client list with an allocationIds filter. */
function watcherCalls(stack: Stack) {
  return stack.sandbox.requests.entries({ method: 'GET', path: /\/clients\/allocations$/ }).filter((e) => e.query.allocationIds !== undefined);
}

describe('live: the watcher (defaults: first re-read after 1 s, doubling to 30 s)', () => {
  const stack = useStack({ listen: true });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('a partner clearing at BitGo directly reaches the subscriber within the backoff (source POLL), and the allocation is then no longer watched', async () => {
    const c = liveClient(stack.url, { authorization: BEARER });
    clients.push(c);
    const key = `watch-${randomUUID()}`;
    const sink = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    await waitForSubscriptions(stack.gateway, 1);
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '321' }, clientExternalId: key });
    const id = payload!.allocation!.id;
    assert.equal((await sink.nth(1)).data!.allocationChanged.allocation.status, 'RESERVED');
    assert.equal(stack.gateway.workflows.live.stats().watched, 1);

    await clearBehindTheGatewaysBack(stack, id, '321');
    const clearedAt = Date.now();
    const event = (await sink.nth(2, 5_000)).data!.allocationChanged;
    const delay = Date.now() - clearedAt;
    assert.equal(event.allocation.status, 'CLEARED');
    assert.equal(event.source, 'POLL');
    assert.equal(event.previousStatus, 'RESERVED');
    // Watched since the RESERVED answer: the first re-read comes 1 s after it, the next 2 s after that.
    assert.ok(delay < 3_500, `arrived ${delay} ms after the change`);
    await eventually(() => stack.gateway.workflows.live.stats().watched === 0, 'the cleared allocation to be forgotten');
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });
});

describe('live: the watcher batches per enterprise and token', () => {
  // A short tick so that many ticks fit in the test; the property is per tick.
  const TICK_MS = 250;
  const stack = useStack({ listen: true, env: { SUBSCRIPTIONS_PER_CALLER: '1000', SUBSCRIPTION_POLL_MIN_MS: String(TICK_MS), SUBSCRIPTION_POLL_MAX_MS: '2000' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('500 subscribers on 500 reserved allocations: at most one allocationIds list call per tick, each at most 100 ids, every id read', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      const res = await allocateDirectly(stack.sandbox, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '1' } });
      assert.equal(res.body.allocation.status, 'reserved');
      ids.push(res.body.allocation.id);
    }
    const sinks = [];
    for (let n = 0; n < 5; n++) {
      const c = liveClient(stack.url, { authorization: BEARER });
      clients.push(c);
      for (const id of ids.slice(n * 100, n * 100 + 100)) sinks.push(c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { ids: [id] }));
    }
    await waitForSubscriptions(stack.gateway, 500, 30_000);
    const live = stack.gateway.workflows.live;
    assert.equal(live.stats().watched, 500);
    assert.equal(live.stats().watchGroups, 1);

    stack.sandbox.requests.reset();
    const before = { ...live.watcherCounters };
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 12));
    const ticks = live.watcherCounters.ticks - before.ticks;
    const calls = watcherCalls(stack);
    assert.ok(ticks >= 8, `only ${ticks} ticks`);
    assert.ok(calls.length > 0);
    // A call of the tick running when the window opened may land inside it: hence one more than the ticks counted.
    assert.ok(calls.length <= ticks + 1, `${calls.length} list calls in ${ticks} ticks`);
    // At most one call per tick: no two calls closer together than most of a tick.
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= TICK_MS / 2, `two calls ${times[i]! - times[i - 1]!} ms apart`);
    const read = new Set<string>();
    for (const entry of calls) {
      const asked = entry.query.allocationIds!.split(',');
      assert.ok(asked.length <= 100, `${asked.length} ids in one call`);
      for (const id of asked) read.add(id);
    }
    assert.equal(read.size, 500, 'every watched allocation was re-read');
    // Nothing changed at BitGo: nobody was told anything.
    assert.ok(sinks.every((s) => s.events.length === 0));

    for (const client of clients.splice(0)) await client.dispose();
    await eventually(() => live.stats().subscriptions === 0, 'every subscriber gone');
    assert.deepEqual({ ...live.stats() }, { subscriptions: 0, opening: 0, callers: 0, watchGroups: 0, watched: 0, indexed: 0 });
  });
});
