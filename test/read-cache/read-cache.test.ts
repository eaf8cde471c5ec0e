import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, OTHER_CLIENT_ENTERPRISE_ID } from '../../src/sandbox/index.js';
import { restClientBalances } from '../helpers/connections.js';
import { allocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';
import { BALANCES, bearer, maxAgeOf, post, upstreamGets } from './helpers.js';

const PROOF_TTL_MS = 300;

describe('read cache (in memory, one replica)', () => {
  const stack = useStack({ env: { READ_CACHE: 'true', READ_CACHE_PROOF_TTL_MS: String(PROOF_TTL_MS) } });

  beforeEach(async () => {
    // Every test starts with nothing cached (an invalidation of every kind) and an empty request log.
    await stack.gateway.changes.connectionAnswered({ enterpriseId: stack.sandbox.enterpriseId, view: 'client', source: 'MUTATION', connection: { id: randomUUID() } as never });
    await stack.gateway.changes.allocationTouched({ enterpriseId: stack.sandbox.enterpriseId, view: 'client', source: 'MUTATION', allocationId: randomUUID() });
    stack.sandbox.faults.clear();
    stack.sandbox.requests.reset();
  });

  it('makes one BitGo call for 100 concurrent identical misses (counted at the sandbox)', async () => {
    stack.sandbox.faults.setLatency(50);
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(stack, BALANCES)));
    assert.equal(upstreamGets(stack, 'clients/balances'), 1);
    for (const a of answers) {
      assert.equal(a.errors, undefined, JSON.stringify(a.errors));
      assert.deepEqual(a.data, answers[0]!.data);
    }
  });

  it('answers a repeat from the cache with its age, and says so to routers', async () => {
    const first = await post(stack, BALANCES);
    assert.equal(first.extensions?.readCache?.misses, 1);
    assert.equal(first.headers.age, undefined);
    await sleep(20);
    const second = await post(stack, BALANCES);
    assert.deepEqual(second.data, first.data);
    assert.equal(upstreamGets(stack, 'clients/balances'), 1);
    assert.equal(second.extensions?.readCache?.hits, 1);
    assert.ok(second.extensions!.readCache!.ageMs >= 20);
    assert.equal(second.headers.age, '0');
    // A router's cache reads these: private (the answer is the token's), max-age within the balances TTL (5 s).
    assert.match(String(second.headers['cache-control']), /^private, max-age=[0-4]$/);
  });

  it('reads BitGo fresh on Cache-Control: no-cache and on @fresh, and refreshes the entry', async () => {
    await post(stack, BALANCES);
    const noCache = await post(stack, BALANCES, { 'cache-control': 'no-cache' });
    assert.equal(noCache.extensions?.readCache?.fresh, true);
    const directive = await post(stack, `query Dashboard @fresh ${BALANCES}`);
    assert.equal(directive.extensions?.readCache?.misses, 1);
    assert.equal(upstreamGets(stack, 'clients/balances'), 3);
    await post(stack, BALANCES);
    assert.equal(upstreamGets(stack, 'clients/balances'), 3, 'the fresh read refreshed the entry');
  });

  it('shows a mutation at once (read your writes) and marks what carries a payload no-store', async () => {
    const before = await post<{ balances: { balances: unknown[] } }>(stack, BALANCES);
    const input = { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId: `rc-${randomUUID()}` };
    const dry = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: 'mutation($i: AllocateInput!) { allocate(input: $i) { dryRun { payload } } }', variables: { i: { ...input, dryRun: true } } }) });
    assert.equal(dry.headers['cache-control'], 'private, no-store');
    const { payload } = await allocate(stack, input);
    assert.equal(payload?.allocation?.status, 'CLEARED');
    const after = await post<{ balances: { balances: unknown[] } }>(stack, BALANCES);
    assert.notDeepEqual(after.data, before.data);
    const reference = await restClientBalances(stack.sandbox);
    const btc = (after.data!.balances.balances as Array<{ currency: string; available: string }>).find((b) => b.currency === 'ofctbtc');
    assert.equal(btc?.available, reference.balances.ofctbtc?.available);
    const audit = await post(stack, '{ signedRequests(first: 1) { nodes { id } } }');
    assert.equal(audit.headers['cache-control'], 'private, no-store');
  });

  describe('who may see an entry (an attack)', () => {
    it('never serves a made-up token, nor a token of another enterprise, anything cached', async () => {
      const cached = await post(stack, BALANCES);
      assert.ok(cached.data);
      const madeUp = await post(stack, BALANCES, bearer(`made-up-${randomUUID()}`));
      assert.equal(madeUp.data ?? null, null);
      assert.equal(madeUp.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      const outsider = `outsider-${randomUUID()}`;
      stack.sandbox.books.addToken(outsider, { enterprises: [OTHER_CLIENT_ENTERPRISE_ID], scopes: ['settlement_network_read'] });
      const other = await post(stack, `{ balances(enterpriseId: "${stack.sandbox.enterpriseId}") { balances { currency available } } }`, bearer(outsider));
      assert.equal(other.data ?? null, null);
      assert.ok(other.errors?.length);
      assert.equal(upstreamGets(stack, 'clients/balances'), 3, 'each refused token was answered by BitGo itself');
    });

    it('serves another token of the enterprise after one proof, and stops once BitGo revokes it', async () => {
      const first = await post(stack, BALANCES);
      const colleague = `colleague-${randomUUID()}`;
      stack.sandbox.books.addToken(colleague, { enterprises: [stack.sandbox.enterpriseId], scopes: ['settlement_network_read'] });
      const proven = await post(stack, BALANCES, bearer(colleague));
      assert.deepEqual(proven.data, first.data);
      assert.equal(proven.extensions?.readCache?.hits, 1);
      assert.equal(upstreamGets(stack, 'clients/balances'), 1);
      assert.equal(upstreamGets(stack, 'clients/allocations'), 1, 'one pageSize=1 proof');
      stack.sandbox.books.revokeToken(colleague);
      await sleep(PROOF_TTL_MS + 50);
      const revoked = await post(stack, BALANCES, bearer(colleague));
      assert.equal(revoked.data ?? null, null);
      assert.equal(revoked.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      // Nor does a token that fetched an entry itself keep seeing it once revoked (its own call vouches for the proof TTL only).
      const own = `own-${randomUUID()}`;
      stack.sandbox.books.addToken(own, { enterprises: [stack.sandbox.enterpriseId], scopes: ['settlement_network_read'] });
      const query = '{ networkConnections(first: 2) { nodes { id name } } }';
      assert.ok((await post(stack, query, bearer(own))).data);
      stack.sandbox.books.revokeToken(own);
      await sleep(PROOF_TTL_MS + 50);
      const ownRevoked = await post(stack, query, bearer(own));
      assert.equal(ownRevoked.data ?? null, null);
    });
  });

  it('counts hits, misses, coalesced calls, bypasses and invalidations per kind on /metrics', async () => {
    await post(stack, BALANCES);
    await post(stack, BALANCES);
    const text = await stack.gateway.metrics!.text();
    assert.match(text, /gateway_read_cache_reads_total\{kind="balances",outcome="hit"\} [1-9]/);
    assert.match(text, /gateway_read_cache_reads_total\{kind="balances",outcome="miss"\} [1-9]/);
    assert.match(text, /gateway_read_cache_reads_total\{kind="balances",outcome="coalesced"\} [1-9]/);
    assert.match(text, /gateway_read_cache_invalidations_total\{kind="balances"\} [1-9]/);
  });
});
