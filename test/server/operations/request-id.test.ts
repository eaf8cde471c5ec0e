import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../../src/sandbox/index.js';
import { ALLOCATE } from '../../helpers/mutations.js';
import { useStack } from '../../helpers/stack.js';

const LIST = '{ allocations(first: 2) { nodes { id } } }';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  const stack = useStack({ listen: true, env: { BITGO_WRITE_DEADLINE_MS: '800' } });
  beforeEach(() => {
    stack.sandbox.requests.reset();
    stack.sandbox.faults.clear();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('takes x-request-id from the caller, answers it, and sends it to BitGo with every call made for the request', async () => {
    const res = await post({ query: `{ a: ${LIST.slice(2, -2)} b: allocations(first: 3, filter: { types: [ALLOCATION] }) { nodes { id } } }` }, { 'x-request-id': 'caller-7f3a.1' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'caller-7f3a.1');
    const calls = stack.sandbox.requests.entries();
    assert.equal(calls.length, 2);
    assert.deepEqual(calls.map((c) => c.requestId), ['caller-7f3a.1', 'caller-7f3a.1']);
  });

  it('makes one when none or a malformed one is sent', async () => {
    for (const given of [undefined, 'has spaces in it', 'x'.repeat(129), 'quote"and\\back']) {
      stack.sandbox.requests.reset();
      const res = await post({ query: LIST }, given === undefined ? {} : { 'x-request-id': given });
      const id = res.headers.get('x-request-id')!;
      assert.match(id, UUID, `for ${given}`);
      assert.deepEqual(stack.sandbox.requests.entries().map((c) => c.requestId), [id]);
    }
  });

  it('is on every log line the request causes, the workflows\' included', async () => {
    stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true, times: Infinity });
    const before = stack.logs.length;
    const res = await post(
      { query: ALLOCATE, variables: { input: { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '5' } } } },
      { 'x-request-id': 'logged-1' },
    );
    const body = (await res.json()) as { data: { allocate: { userErrors: Array<{ code: string }> } } };
    assert.equal(body.data.allocate.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
    const lines = stack.logs.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((l) => l.msg === 'allocation outcome unknown'), 'the workflow logged');
    for (const line of lines) assert.equal(line.requestId, 'logged-1', JSON.stringify(line));
    // Fastify's own lines for a request carry it under the same name.
    const notFound = stack.logs.length;
    await fetch(new URL('/nowhere', stack.url), { headers: { 'x-request-id': 'logged-2' } });
    const fastifyLines = stack.logs.slice(notFound).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(fastifyLines.length > 0);
    for (const line of fastifyLines) assert.equal(line.requestId, 'logged-2');
  });
});
