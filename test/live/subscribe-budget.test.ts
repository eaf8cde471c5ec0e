import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SANDBOX_READONLY_TOKEN, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { SubscribeBudget } from '../../src/workflows/live/subscribe-budget.js';
import { ALLOCATION_CHANGED, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { useStack } from '../helpers/stack.js';

describe('SubscribeBudget: opens per caller in fixed one-minute windows', () => {
  it('lets `perMinute` opens through per caller and window, then answers the seconds to the next window', () => {
    let now = Date.parse('2026-11-26T10:00:15.000Z');
    const budget = new SubscribeBudget(2, () => now);
    assert.equal(budget.take('a'), undefined);
    assert.equal(budget.take('a'), undefined);
    assert.deepEqual(budget.take('a'), { retryAfter: 45 });
    assert.deepEqual(budget.take('a'), { retryAfter: 45 }, 'a refused open counts nothing');
    assert.equal(budget.take('b'), undefined, 'another caller has a budget of its own');
    now += 45_000;
    assert.equal(budget.take('a'), undefined, 'the next window');
  });

  it('0 turns it off', () => {
    const budget = new SubscribeBudget(0);
    for (let i = 0; i < 1000; i++) assert.equal(budget.take('a'), undefined);
  });
});

describe('live: subscribing counts against RATE_LIMIT_READS_PER_MINUTE (each open asks BitGo once)', () => {
  const stack = useStack({ listen: true, env: { RATE_LIMIT_READS_PER_MINUTE: '2' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  const client = (token: string) => {
    const c = liveClient(stack.url, { authorization: `Bearer ${token}` });
    clients.push(c);
    return c;
  };

  it('the third open in a minute is RATE_LIMITED with retryAfter, on one socket or several; another caller is not affected', async () => {
    const before = stack.sandbox.requests.entries({ method: 'GET' }).length;
    for (const key of ['budget-1', 'budget-2']) {
      const sink = client(SANDBOX_TOKEN).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
      await waitForSubscriptions(stack.gateway, 1);
      sink.stop();
      await waitForSubscriptions(stack.gateway, 0);
    }
    const third = client(SANDBOX_TOKEN).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['budget-3'] });
    await third.ended();
    const failure = third.events.find((e) => e.errors?.length)?.errors?.[0] ?? (third.errors[0] as Array<{ extensions?: Record<string, unknown> }>)[0];
    assert.equal(failure?.extensions?.code, 'RATE_LIMITED', JSON.stringify(third.events));
    assert.ok(Number(failure?.extensions?.retryAfter) >= 1 && Number(failure?.extensions?.retryAfter) <= 60);
    assert.equal(stack.sandbox.requests.entries({ method: 'GET' }).length - before, 2, 'the refused open asked BitGo nothing');

    const other = client(SANDBOX_READONLY_TOKEN).subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: ['budget-other'] });
    await waitForSubscriptions(stack.gateway, 1);
    other.stop();
    await waitForSubscriptions(stack.gateway, 0);
    assert.equal(stack.gateway.workflows.live.stats().callers, 0);
  });
});
