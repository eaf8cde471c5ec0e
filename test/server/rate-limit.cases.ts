import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEMO_CONNECTION_IDS, SANDBOX_READONLY_TOKEN } from '../../src/sandbox/index.js';
import type { Stack } from '../helpers/stack.js';

export const READS = 5;
export const WRITES = 2;
/** The budgets the suites configure, small enough to exhaust quickly. */
export const RATE_ENV = { RATE_LIMIT_READS_PER_MINUTE: String(READS), RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES) };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const LIST = '{ allocations(first: 1) { nodes { id } } }';
const allocate = (key: string) =>
  `mutation { allocate(input: { connectionId: "${DEMO_CONNECTION_IDS.helios}", amount: { currency: "ofctbtc", quantity: "1" }, clientExternalId: "${key}" }) { clientExternalId userErrors { code } } }`;

async function post(gateway: Stack['gateway'], query: string, headers: Record<string, string>, remoteAddress = '127.0.0.1'): Promise<Answer> {
  const res = await gateway.app.inject({ method: 'POST', url: '/graphql', remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query }) });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Answer['body'] };
}

function overBudget(answer: Answer): number {
  assert.equal(answer.status, 429, JSON.stringify(answer.body));
  const retryAfter = Number(answer.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${String(answer.headers['retry-after'])}`);
  const [error] = answer.body.errors!;
  assert.equal(error!.extensions?.code, 'RATE_LIMITED');
  assert.equal(error!.extensions?.retryAfter, retryAfter, 'the same wait in the body as in the header');
  return retryAfter;
}

/**
 * The rate-limit cases, run once per store. `stacks()` gives two gateways that share the store: with Redis
 * they are two replicas sharing counts; in memory each has its own.
 */
export function rateLimitCases(stacks: () => readonly [Stack, Stack], shared: boolean): void {
  it('counts reads per caller: the budget, then 429 RATE_LIMITED with Retry-After, and no BitGo call for the refused', async () => {
    const [a] = stacks();
    const token = { authorization: `Bearer ${a.sandbox.token}` };
    for (let i = 0; i < READS; i++) {
      const ok = await post(a.gateway, LIST, token);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.headers['x-ratelimit-remaining'], String(READS - 1 - i));
    }
    a.sandbox.requests.reset();
    overBudget(await post(a.gateway, LIST, token));
    assert.equal(a.sandbox.requests.count(), 0);
  });

  it('keeps another caller\'s budget apart (another token; no token: the client address)', async () => {
    const [a] = stacks();
    const other = await post(a.gateway, LIST, { authorization: `Bearer ${SANDBOX_READONLY_TOKEN}` });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    const anonymous = await post(a.gateway, LIST, {}, '10.0.0.7');
    assert.equal(anonymous.status, 200, JSON.stringify(anonymous.body));
  });

  it('keeps signed writes on a budget of their own, untouched by the reads', async () => {
    const [a] = stacks();
    const token = { authorization: `Bearer ${a.sandbox.token}` };
    for (let i = 0; i < WRITES; i++) {
      const ok = await post(a.gateway, allocate(`rate-limit-${shared ? 'redis' : 'memory'}-${i}`), token);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body));
    }
    a.sandbox.requests.reset();
    overBudget(await post(a.gateway, allocate(`rate-limit-${shared ? 'redis' : 'memory'}-over`), token));
    assert.equal(a.sandbox.requests.count(), 0, 'nothing fetched, signed or sent');
  });

  it(shared ? 'replicas share the counts: the second gateway refuses the caller the first used up' : 'each process counts on its own', async () => {
    const [a, b] = stacks();
    const token = { authorization: `Bearer ${a.sandbox.token}` };
    const answer = await post(b.gateway, LIST, token);
    if (shared) overBudget(answer);
    else assert.equal(answer.status, 200, JSON.stringify(answer.body));
  });
}
