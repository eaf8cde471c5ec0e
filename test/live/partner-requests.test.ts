import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, OTHER_CLIENT_ENTERPRISE_ID, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import type { PartnerRequestSnapshot } from '../../src/store/change-feed.js';
import { ALLOCATION_CHANGED, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate } from '../helpers/mutations.js';
import { useStack, type Stack } from '../helpers/stack.js';
import { API, call, partnerBody } from '../sandbox/helpers.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

const REQUESTS_CHANGED = `
  subscription Requests($enterpriseId: ID, $connectionIds: [ID!]) {
    partnerAllocationRequestChanged(enterpriseId: $enterpriseId, connectionIds: $connectionIds) {
      id type status amount { currency quantity } clientId connectionId partnersConnectionId partnersClientId partnersAllocationId receivedAt clearedAt updatedAt
    }
  }`;

interface RequestEvent {
  data?: { partnerAllocationRequestChanged: PartnerRequestSnapshot & { type: string; status: string } };
  errors?: Array<{ extensions?: { code?: string } }>;
}

function snapshot(stack: Stack, overrides: Partial<PartnerRequestSnapshot> = {}): PartnerRequestSnapshot {
  return {
    id: randomUUID(),
    type: 'allocation',
    status: 'reserved',
    enterpriseId: stack.sandbox.partnerEnterpriseId,
    amount: { currency: 'ofctbtc', quantity: '1180591620717411303424' },
    clientId: stack.sandbox.enterpriseId,
    connectionId: nimbus.id,
    partnersConnectionId: nimbus.partnersConnectionId,
    partnersClientId: nimbus.partnersClientId,
    partnersAllocationId: null,
    rejectReason: null,
    receivedAt: '2030-01-01T00:00:00.000Z',
    clearedAt: null,
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The partner ledger's hook (`gateway.changes.partnerRequestChanged`), called here as the ledger's webhook
 * workflow will call it for every inbound reservation, clear and release.
 */
describe('live: partnerAllocationRequestChanged, fed through the partner ledger\'s hook', () => {
  const stack = useStack({ listen: true, env: { SUBSCRIPTION_POLL_MIN_MS: '60000', SUBSCRIPTION_POLL_MAX_MS: '60000' } });
  const clients: LiveClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  const client = (authorization = BEARER) => {
    const c = liveClient(stack.url, { authorization });
    clients.push(c);
    return c;
  };

  it('the partner sees each reservation, clear and release once, newest last; other partners and connections see nothing', async () => {
    const partner = stack.sandbox.partnerEnterpriseId;
    const all = client().subscribe<RequestEvent>(REQUESTS_CHANGED, { enterpriseId: partner });
    const otherConnection = client().subscribe<RequestEvent>(REQUESTS_CHANGED, { enterpriseId: partner, connectionIds: [DEMO_CONNECTION_IDS.nimbusSecondary] });
    await waitForSubscriptions(stack.gateway, 2);

    const reserved = snapshot(stack);
    const cleared = { ...reserved, status: 'cleared' as const, clearedAt: '2030-01-01T00:00:05.000Z', updatedAt: '2030-01-01T00:00:05.000Z', partnersAllocationId: 'nimbus-77' };
    await stack.gateway.changes.partnerRequestChanged({ enterpriseId: partner, source: 'WEBHOOK', request: reserved });
    await stack.gateway.changes.partnerRequestChanged({ enterpriseId: partner, source: 'WEBHOOK', request: reserved });
    await stack.gateway.changes.partnerRequestChanged({ enterpriseId: partner, source: 'PARTNER_UPDATE', request: cleared });
    // A late copy of the reservation, and a request of another partner's ledger.
    await stack.gateway.changes.partnerRequestChanged({ enterpriseId: partner, source: 'WEBHOOK', request: reserved });
    await stack.gateway.changes.partnerRequestChanged({ enterpriseId: OTHER_CLIENT_ENTERPRISE_ID, source: 'WEBHOOK', request: snapshot(stack) });

    const first = (await all.nth(1)).data!.partnerAllocationRequestChanged;
    const second = (await all.nth(2)).data!.partnerAllocationRequestChanged;
    assert.deepEqual([first.id, first.status, first.amount.quantity], [reserved.id, 'RESERVED', '1180591620717411303424']);
    assert.deepEqual([second.status, second.clearedAt, second.partnersAllocationId], ['CLEARED', '2030-01-01T00:00:05.000Z', 'nimbus-77']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(all.events.length, 2);
    assert.equal(otherConnection.events.length, 0);
    all.stop();
    otherConnection.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('is refused to a token BitGo does not accept for the partner enterprise', async () => {
    const sink = client('Bearer not-a-known-token').subscribe<RequestEvent>(REQUESTS_CHANGED, { enterpriseId: stack.sandbox.partnerEnterpriseId });
    await sink.ended();
    assert.equal(sink.events[0]?.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const foreign = client().subscribe<RequestEvent>(REQUESTS_CHANGED, { enterpriseId: OTHER_CLIENT_ENTERPRISE_ID });
    await foreign.ended();
    assert.equal(foreign.events[0]?.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('a ledger change makes allocationChanged subscribers re-read the allocation at once (source WEBHOOK)', async () => {
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '61' } });
    const id = payload!.allocation!.id;
    const sink = client().subscribe<ChangeEvent>(ALLOCATION_CHANGED, { ids: [id] });
    await waitForSubscriptions(stack.gateway, 1);
    // BitGo moves it (the partner cleared it through BitGo), and BitGo's clear webhook reaches the ledger.
    const body = partnerBody(stack.sandbox, {
      status: 'cleared',
      allocationId: id,
      amount: { currency: 'ofctbtc', quantity: '61' },
      clientId: stack.sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: 'hooked',
    });
    assert.equal((await call(stack.sandbox, 'PUT', `${API}/${stack.sandbox.partnerEnterpriseId}/partners/allocations`, { body })).status, 200);
    await stack.gateway.changes.partnerRequestChanged({
      enterpriseId: stack.sandbox.partnerEnterpriseId,
      source: 'WEBHOOK',
      request: snapshot(stack, { id, status: 'cleared', amount: { currency: 'ofctbtc', quantity: '61' }, updatedAt: new Date().toISOString() }),
    });
    const event = (await sink.nth(1, 3_000)).data!.allocationChanged;
    assert.deepEqual([event.allocation.id, event.allocation.status, event.source, event.previousStatus], [id, 'CLEARED', 'WEBHOOK', 'RESERVED']);
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('the reconciler\'s hook for a settled request without a record makes followers re-read it (source RECONCILER)', async () => {
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '62' } });
    const id = payload!.allocation!.id;
    const sink = client().subscribe<ChangeEvent>(ALLOCATION_CHANGED, { connectionIds: [nimbus.id] });
    await waitForSubscriptions(stack.gateway, 1);
    const body = partnerBody(stack.sandbox, {
      status: 'released',
      rejectReason: 'settled by the reconciler',
      allocationId: id,
      amount: { currency: 'ofctbtc', quantity: '62' },
      clientId: stack.sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: 'reconciled',
    });
    assert.equal((await call(stack.sandbox, 'PUT', `${API}/${stack.sandbox.partnerEnterpriseId}/partners/allocations`, { body })).status, 200);
    stack.sandbox.requests.reset();
    await stack.gateway.changes.allocationTouched({ enterpriseId: stack.sandbox.partnerEnterpriseId, view: 'partner', source: 'RECONCILER', allocationId: id, connectionId: nimbus.id });
    const event = (await sink.nth(1, 3_000)).data!.allocationChanged;
    assert.deepEqual([event.allocation.id, event.allocation.status, event.source], [id, 'RELEASED', 'RECONCILER']);
    // One re-read, in the subscriber's own scope.
    assert.equal(stack.sandbox.requests.count({ method: 'GET', path: /\/clients\/allocations$/ }), 1);
    sink.stop();
    await waitForSubscriptions(stack.gateway, 0);
  });
});
