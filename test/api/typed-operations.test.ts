import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import {
  AllocateDocument,
  AllocatePreviewDocument,
  AllocateScreenDocument,
  AllocationByIdDocument,
  AllocationsPageDocument,
  DeallocateDocument,
  SignedRequestsDocument,
  UpdateAllocationDocument,
  type AllocationFieldsFragment,
  type AllocationsPageQueryVariables,
  type UpdateAllocationMutationVariables,
} from '../generated/graphql.js';
import { asCurrencyBalances, restClientBalances, restConnections } from '../helpers/connections.js';
import { restListAll } from '../helpers/rest.js';
import { useStack } from '../helpers/stack.js';

/**
 * The operations a frontend ships (test/operations), run through their generated TypedDocumentNodes:
 * variables are checked against the schema's input types and results come back typed, so a schema
 * change that breaks a shipped operation fails `tsc` here before it fails a browser.
 */
describe('generated typed operations against the gateway', () => {
  const stack = useStack();

  /** What any fetch-based client does with a TypedDocumentNode: print it, post it, keep its types. */
  async function run<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    const res = await stack.gql<TData>(print(document), variables);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.ok(res.data);
    return res.data;
  }

  const helios = DEMO_CONNECTION_IDS.helios;

  it('pages AllocationsPage forward and back, typed down to the quantity string', async () => {
    const variables: AllocationsPageQueryVariables = {
      filter: { connectionIds: [helios], statuses: ['CLEARED'] },
      orderBy: { field: 'QUANTITY', direction: 'DESC' },
      first: 10,
    };
    const page1 = await run(AllocationsPageDocument, variables);
    const page2 = await run(AllocationsPageDocument, { ...variables, after: page1.allocations.pageInfo.endCursor });
    const back = await run(AllocationsPageDocument, { ...variables, first: null, last: 10, before: page2.allocations.pageInfo.startCursor });

    const reference = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'], connectionIds: [helios], statuses: ['cleared'], sortField: 'quantity', sortDirection: 'DESC' });
    assert.ok(reference.length > 20, 'fixture has more than two pages');
    const ids = (p: typeof page1) => p.allocations.edges.map((e) => e.node.id);
    assert.deepEqual(ids(page1), reference.slice(0, 10).map((r) => r.id));
    assert.deepEqual(ids(page2), reference.slice(10, 20).map((r) => r.id));
    assert.deepEqual(ids(back), ids(page1));
    assert.deepEqual(page2.allocations.pageInfo.hasPreviousPage, true);
    assert.deepEqual(back.allocations.pageInfo.hasPreviousPage, false);

    const top = page1.allocations.edges[0]!.node;
    const quantity: string = top.amount.quantity;
    assert.equal(quantity, reference[0]!.amount.quantity);
    // @ts-expect-error quantity is a base-unit decimal string, never a number
    const asNumber: number = top.amount.quantity;
    assert.equal(typeof asNumber, 'string');
    // Enums arrive as string unions: an exhaustive switch compiles without a default.
    const label = ((s: AllocationFieldsFragment['status']): string => {
      switch (s) {
        case 'CLEARED':
          return 'done';
        case 'RESERVED':
          return 'waiting';
        case 'RELEASED':
          return 'returned';
      }
    })(top.status);
    assert.equal(label, 'done');
  });

  it('reads AllocationById, null for an id BitGo does not have', async () => {
    const [record] = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'], connectionIds: [helios] });
    const { allocation } = await run(AllocationByIdDocument, { id: record!.id });
    assert.ok(allocation);
    assert.deepEqual(
      { id: allocation.id, status: allocation.status, amount: allocation.amount, connectionId: allocation.connectionId, createdAt: allocation.createdAt },
      { id: record!.id, status: record!.status.toUpperCase(), amount: record!.amount, connectionId: helios, createdAt: record!.createdAt },
    );
    const missing = await run(AllocationByIdDocument, { id: randomUUID() });
    assert.equal(missing.allocation, null);
  });

  it('Allocate then Deallocate on Helios: CLEARED, typed payloads, idempotency key returned', async () => {
    const clientExternalId = `typed-${randomUUID()}`;
    const { allocate } = await run(AllocateDocument, { input: { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId } });
    assert.deepEqual(allocate.userErrors, []);
    assert.equal(allocate.clientExternalId, clientExternalId);
    assert.ok(allocate.allocation);
    assert.equal(allocate.allocation.type, 'ALLOCATION');
    assert.equal(allocate.allocation.status, 'CLEARED');
    assert.deepEqual(allocate.allocation.amount, { currency: 'ofctbtc', quantity: '1000' });
    const stored = await run(AllocationByIdDocument, { id: allocate.allocation.id });
    assert.equal(stored.allocation?.clientExternalId, clientExternalId);

    const { deallocate } = await run(DeallocateDocument, { input: { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '400' } } });
    assert.deepEqual(deallocate.userErrors, []);
    assert.equal(deallocate.allocation?.type, 'DEALLOCATION');
    assert.match(deallocate.clientExternalId, /^[0-9a-f-]{36}$/, 'generated when not given');

    // The audit trail has both, newest first, each settled with BitGo's answer.
    const { signedRequests } = await run(SignedRequestsDocument, { first: 2 });
    const [dealloc, alloc] = signedRequests.edges.map((e) => e.node);
    assert.equal(dealloc?.kind, 'DEALLOCATE');
    assert.equal(dealloc?.clientExternalId, deallocate.clientExternalId);
    assert.equal(alloc?.kind, 'ALLOCATE');
    assert.equal(alloc?.allocationId, allocate.allocation.id);
    assert.equal(alloc?.state, 'SETTLED');
    assert.equal(alloc?.outcome?.allocationStatus, 'CLEARED');
    const quantity: string = alloc!.amount!.quantity;
    assert.equal(quantity, '1000');
    assert.deepEqual(alloc?.events.map((e) => e.type), ['COMMITTED', 'ATTEMPT', 'ANSWER']);
    assert.equal(signedRequests.pageInfo.hasPreviousPage, false);
  });

  it('UpdateAllocation reports a RELEASED without rejectReason as INVALID_INPUT, before any upstream call', async () => {
    const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    const input: UpdateAllocationMutationVariables['input'] = {
      enterpriseId: stack.sandbox.partnerEnterpriseId,
      allocationId: randomUUID(),
      status: 'RELEASED',
      amount: { currency: 'ofctbtc', quantity: '2500' },
      clientId: stack.sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: 'nimbus-typed-1',
    };
    stack.sandbox.requests.reset();
    const { updateAllocation } = await run(UpdateAllocationDocument, { input });
    assert.equal(updateAllocation.allocation, null);
    assert.deepEqual(
      updateAllocation.userErrors.map((e) => ({ code: e.code, field: e.field })),
      [{ code: 'INVALID_INPUT', field: ['input', 'rejectReason'] }],
    );
    assert.equal(stack.sandbox.requests.count(), 0);
  });

  it('AllocateScreen: balances and active connections with theirs, from two upstream calls made at once', async () => {
    const balances = await restClientBalances(stack.sandbox);
    const active = (await restConnections(stack.sandbox, { active: true })).slice(0, 25);
    stack.sandbox.requests.reset();
    // Each read answers 400 ms late: had the second waited for the first, they would arrive at least that far apart.
    stack.sandbox.faults.add({ method: 'GET', path: /\/clients\/(balances|connections)$/, latencyMs: 400, times: 2 });
    const screen = await run(AllocateScreenDocument, {});
    stack.sandbox.faults.clear();
    assert.equal(screen.balances.clientId, stack.sandbox.enterpriseId);
    assert.deepEqual(screen.balances.balances, asCurrencyBalances(balances.balances));
    assert.deepEqual(screen.networkConnections.nodes.map((c) => c.id), active.map((c) => c.id));
    for (const c of screen.networkConnections.nodes) {
      assert.equal(c.active, true);
      assert.deepEqual(c.balances, asCurrencyBalances(balances.networkBalances[c.id]?.balances), c.name ?? c.id);
      // Typed as strings: what a frontend compares with BigInt, never with Number.
      for (const b of c.balances) BigInt(b.available satisfies string);
    }
    const calls = stack.sandbox.requests.entries();
    assert.deepEqual(calls.map((e) => e.path.replace(/^.*\/enterprises\/[^/]+\//, '')).sort(), ['clients/balances', 'clients/connections']);
    // Both asked before either answered: the two root fields resolve concurrently.
    const [a, b] = calls as [(typeof calls)[0], (typeof calls)[0]];
    assert.ok(Math.abs(a.at - b.at) < 400, `${Math.abs(a.at - b.at)} ms apart`);
  });

  it('AllocatePreview: a dry run, typed, with nothing signed or sent', async () => {
    const { allocate } = await run(AllocatePreviewDocument, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1000' } });
    assert.deepEqual(allocate.userErrors, []);
    assert.ok(allocate.dryRun);
    const available: string = allocate.dryRun.available;
    assert.equal(BigInt(available) - 1000n, BigInt(allocate.dryRun.availableAfter));
    assert.equal(JSON.parse(allocate.dryRun.payload).clientExternalId, allocate.clientExternalId);
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/allocations$/ }), 0);
  });
});
