import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { useStack, type Stack } from '../helpers/stack.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

/**
 * The partner's side of the loop. Today: updateAllocation with every field. When the partner ledger (issue 11)
 * is merged, the ledger fills the other fields: pass only allocationId, status and rejectReason here.
 */
async function partnerSettles(stack: Stack, allocationId: string, quantity: string, status: 'CLEARED' | 'RELEASED', rejectReason?: string): Promise<void> {
  const res = await stack.gql<{ updateAllocation: { allocation: { status: string } | null; userErrors: unknown[] } }>(UPDATE, {
    input: {
      enterpriseId: stack.sandbox.partnerEnterpriseId,
      allocationId,
      status,
      ...(rejectReason ? { rejectReason } : {}),
      amount: { currency: 'ofctbtc', quantity },
      clientId: stack.sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: `nimbus-${allocationId.slice(0, 8)}`,
    },
  });
  assert.deepEqual(res.data?.updateAllocation.userErrors, [], JSON.stringify(res));
  assert.equal(res.data?.updateAllocation.allocation?.status, status);
}

describe('live: the whole loop offline, over graphql-ws', () => {
  const stack = useStack({ listen: true });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  const client = () => {
    const c = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    clients.push(c);
    return c;
  };

  it('subscribed by clientExternalId: RESERVED from allocate, then CLEARED from the partner, each once and in order', async () => {
    const key = `loop-${randomUUID()}`;
    const sink = client().subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    // The subscription is registered once BitGo has been asked (one list call): wait for it.
    await waitForSubscriptions(stack.gateway, 1);

    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '1500' }, clientExternalId: key });
    assert.equal(payload?.allocation?.status, 'RESERVED');
    const id = payload!.allocation!.id;
    const reserved = (await sink.nth(1)).data!.allocationChanged;
    assert.deepEqual({ source: reserved.source, previousStatus: reserved.previousStatus, status: reserved.allocation.status, id: reserved.allocation.id }, {
      source: 'MUTATION',
      previousStatus: null,
      status: 'RESERVED',
      id,
    });
    assert.equal(reserved.allocation.amount.quantity, '1500');

    await partnerSettles(stack, id, '1500', 'CLEARED');
    const cleared = (await sink.nth(2)).data!.allocationChanged;
    assert.equal(cleared.allocation.status, 'CLEARED');
    assert.equal(cleared.previousStatus, 'RESERVED');
    assert.equal(cleared.source, 'PARTNER_UPDATE');

    // A repeated allocate answers the same record: nothing new is delivered.
    await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '1500' }, clientExternalId: key });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(sink.events.length, 2, JSON.stringify(sink.events));
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('a release arrives with its reason', async () => {
    const key = `loop-${randomUUID()}`;
    const sink = client().subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    await waitForSubscriptions(stack.gateway, 1);
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '700' }, clientExternalId: key });
    const id = payload!.allocation!.id;
    assert.equal((await sink.nth(1)).data!.allocationChanged.allocation.status, 'RESERVED');
    await partnerSettles(stack, id, '700', 'RELEASED', 'desk closed');
    const released = (await sink.nth(2)).data!.allocationChanged;
    assert.equal(released.allocation.status, 'RELEASED');
    assert.equal(released.allocation.reason, 'desk closed');
    assert.equal(released.previousStatus, 'RESERVED');
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('subscribed by id and by connection in the partner view: the partner sees its own update', async () => {
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '90' } });
    const id = payload!.allocation!.id;
    const c = client();
    const byId = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { ids: [id], view: 'PARTNER', enterpriseId: stack.sandbox.partnerEnterpriseId });
    const byConnection = c.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { connectionIds: [nimbus.id], view: 'PARTNER', enterpriseId: stack.sandbox.partnerEnterpriseId });
    await waitForSubscriptions(stack.gateway, 2);
    await partnerSettles(stack, id, '90', 'CLEARED');
    for (const sink of [byId, byConnection]) {
      const event = (await sink.nth(1)).data!.allocationChanged;
      assert.equal(event.allocation.id, id);
      assert.equal(event.allocation.status, 'CLEARED');
      assert.equal(event.source, 'PARTNER_UPDATE');
      // Both read it RESERVED when they subscribed.
      assert.equal(event.previousStatus, 'RESERVED');
      sink.stop();
    }
    await waitForSubscriptions(stack.gateway, 0);
  });
});
