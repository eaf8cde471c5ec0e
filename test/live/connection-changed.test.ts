import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { updateConnection } from '../helpers/connect.js';
import { liveClient, waitForSubscriptions, type LiveClient } from '../helpers/live.js';
import { useStack } from '../helpers/stack.js';

const CHANGED = `subscription($ids: [ID!]!) { connectionChanged(connectionIds: $ids) { source changes previous { name active } connection { id name active updatedAt } } }`;

interface Changed {
  data?: { connectionChanged: { source: string; changes: string[]; previous: { name: string; active: boolean }; connection: { id: string; name: string; active: boolean; updatedAt: string } } };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('live: connectionChanged', () => {
  const stack = useStack({ listen: true, env: { SUBSCRIPTION_TOKEN_RECHECK_MS: '1000' } });
  const clients: LiveClient[] = [];
  const client = (token = SANDBOX_TOKEN) => {
    const c = liveClient(stack.url, { authorization: `Bearer ${token}` });
    clients.push(c);
    return c;
  };
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('a rename and a deactivation by this gateway arrive once each, in order, with what they were before; the subscriber leaves nothing behind', async () => {
    const id = DEMO_CONNECTION_IDS.orbit;
    const before = stack.sandbox.books.connection(id)!;
    const sink = client().subscribe<Changed>(CHANGED, { ids: [id] });
    await waitForSubscriptions(stack.gateway, 1);
    await updateConnection(stack, { connectionId: id, name: 'Orbit renamed live' });
    await updateConnection(stack, { connectionId: id, name: 'Orbit renamed live' });
    await updateConnection(stack, { connectionId: id, active: false });
    const first = (await sink.nth(1)).data!.connectionChanged;
    const second = (await sink.nth(2)).data!.connectionChanged;
    assert.deepEqual([first.changes, first.source, first.previous.name], [['RENAMED'], 'MUTATION', before.name]);
    assert.deepEqual([second.changes, second.previous.active, second.connection.active], [['DEACTIVATED'], true, false]);
    await updateConnection(stack, { connectionId: id, active: true, name: before.name });
    const third = (await sink.nth(3)).data!.connectionChanged;
    assert.deepEqual(third.changes.sort(), ['ACTIVATED', 'RENAMED']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(sink.events.length, 3, 'the repeated rename changed nothing, and nothing arrived twice');
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
    assert.equal(stack.gateway.workflows.live.stats().callers, 0);
  });

  it('refuses a connection the caller cannot see (NOT_FOUND) and an empty list (BAD_USER_INPUT); a revoked token ends it (UNAUTHENTICATED)', async () => {
    const unknown = client().subscribe<Changed>(CHANGED, { ids: [randomUUID()] });
    await unknown.ended();
    assert.match(JSON.stringify([unknown.errors, unknown.events]), /"code":"NOT_FOUND"/);
    const empty = client().subscribe<Changed>(CHANGED, { ids: [] });
    await empty.ended();
    assert.match(JSON.stringify([empty.errors, empty.events]), /"code":"BAD_USER_INPUT"/);
    const token = 'v2x-connection-changed-token';
    stack.sandbox.books.addToken(token, { ...stack.sandbox.books.tokenGrant(SANDBOX_TOKEN)! });
    const doomed = client(token).subscribe<Changed>(CHANGED, { ids: [DEMO_CONNECTION_IDS.helios] });
    await waitForSubscriptions(stack.gateway, 1);
    stack.sandbox.books.revokeToken(token);
    await doomed.ended(10_000);
    assert.equal((doomed.events.at(-1) as Changed | undefined)?.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(doomed.events));
  });
});
