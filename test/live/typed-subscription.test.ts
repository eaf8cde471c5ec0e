import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { print } from 'graphql';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { AllocateDocument, AllocationChangedDocument, type AllocationChangedSubscription, type AllocationChangedSubscriptionVariables } from '../generated/graphql.js';
import { liveClient, waitForSubscriptions, type LiveClient } from '../helpers/live.js';
import { useStack } from '../helpers/stack.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

describe('the shipped subscription operation (test/operations), typed by codegen, over graphql-ws', () => {
  const stack = useStack({ listen: true });
  let client: LiveClient | undefined;
  after(async () => {
    await client?.dispose();
  });

  it('AllocationChanged: variables checked by tsc, the event typed down to the quantity string', async () => {
    client = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    const key = `typed-${randomUUID()}`;
    const variables: AllocationChangedSubscriptionVariables = { clientExternalIds: [key], view: 'CLIENT' };
    const sink = client.subscribe<{ data?: AllocationChangedSubscription }>(print(AllocationChangedDocument), variables);
    await waitForSubscriptions(stack.gateway, 1);
    const quantity = (2n ** 64n + 1n).toString();
    stack.sandbox.books.setBalance(stack.sandbox.enterpriseId, 'ofctbtc', { available: 2n ** 65n });
    const res = await stack.gql(print(AllocateDocument), { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity }, clientExternalId: key } });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const event = (await sink.nth(1)).data!.allocationChanged;
    const typedQuantity: string = event.allocation.amount.quantity;
    assert.equal(typedQuantity, quantity);
    assert.equal(event.allocation.status, 'RESERVED');
    assert.equal(event.source, 'MUTATION');
    assert.equal(event.previousStatus, null);
    sink.stop();
  });
});
