import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { useStack } from '../helpers/stack.js';

describe('live: a subscription\'s token is proven again with BitGo (SUBSCRIPTION_TOKEN_RECHECK_MS)', () => {
  const stack = useStack({ listen: true, env: { SUBSCRIPTION_TOKEN_RECHECK_MS: '1000' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('a token BitGo revokes stops receiving changes: its subscription ends with BitGo\'s refusal; another token\'s goes on', async () => {
    const token = 'v2x-recheck-test-token';
    stack.sandbox.books.addToken(token, { ...stack.sandbox.books.tokenGrant(SANDBOX_TOKEN)! });
    const revoked = liveClient(stack.url, { authorization: `Bearer ${token}` });
    const kept = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    clients.push(revoked, kept);
    // Nothing RESERVED to watch (the watcher's own reads would find the revocation too): only the re-check can.
    const variables = { clientExternalIds: ['recheck-nothing-yet'] };
    const doomed = revoked.subscribe<ChangeEvent>(ALLOCATION_CHANGED, variables);
    const alive = kept.subscribe<ChangeEvent>(ALLOCATION_CHANGED, variables);
    await waitForSubscriptions(stack.gateway, 2);
    assert.equal(stack.gateway.workflows.live.stats().watched, 0);

    stack.sandbox.books.revokeToken(token);
    const revokedAt = Date.now();
    await doomed.ended(10_000);
    const took = Date.now() - revokedAt;
    assert.ok(took < 5_000, `ended ${took} ms after the revocation`);
    // Its last message carries BitGo's refusal as a GraphQL error, then the subscription completes.
    const last = doomed.events.at(-1) as { errors?: Array<{ extensions?: { code?: string } }> } | undefined;
    assert.equal(last?.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(doomed.events));
    assert.equal(alive.completed, false, 'the other token\'s subscription goes on');
    assert.equal(stack.gateway.workflows.live.stats().subscriptions, 1);
  });
});
