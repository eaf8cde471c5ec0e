import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID } from '../sandbox/demo.js';

/** One example operation: a GraphiQL tab, and reusable by docs and tests. */
export interface ExampleOperation {
  /** The operation name; GraphiQL titles the tab with it. */
  name: string;
  query: string;
  /** Pretty-printed JSON, as the variables editor shows it; absent when the operation takes none. */
  variables?: string;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * Filters, ordering and paging. Run it, then pass `pageInfo.endCursor` as `after`
 * for the next page: a cursor is only valid with the same filter and order.
 */
export const LIST_ALLOCATIONS: ExampleOperation = {
  name: 'ClearedAllocationsByQuantity',
  query: `# Cleared allocations, largest first, 10 per page.
# Next page: set "after" in Variables to pageInfo.endCursor
# and run again (same filter and order: cursors are bound
# to them).
query ClearedAllocationsByQuantity($after: String) {
  allocations(
    first: 10
    after: $after
    filter: { statuses: [CLEARED] }
    orderBy: { field: QUANTITY, direction: DESC }
  ) {
    edges {
      cursor
      node {
        id
        type
        status
        amount { currency quantity }
        connectionId
        createdAt
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  variables: json({ after: null }),
};

export const ONE_ALLOCATION: ExampleOperation = {
  name: 'AllocationById',
  query: `# One allocation by id: copy an id from the first tab.
# null when BitGo has none visible to you.
query AllocationById($id: ID!) {
  allocation(id: $id) {
    id
    type
    status
    amount { currency quantity }
    connectionId
    clientExternalId
    partnerExternalId
    initiatedBy
    notes
    reason
    retriable
    createdAt
    updatedAt
  }
}
`,
  variables: json({ id: 'paste-an-allocation-id-here' }),
};

/** Helios settles synchronously, so the allocation comes back CLEARED at once. */
export const ALLOCATE: ExampleOperation = {
  name: 'Allocate',
  query: `# Allocate funds to a connection; the gateway signs it.
# To retry safely, put the returned clientExternalId
# into the input: BitGo then answers the same allocation.
mutation Allocate($input: AllocateInput!) {
  allocate(input: $input) {
    clientExternalId
    allocation {
      id
      status
      amount { currency quantity }
      connectionId
      reason
    }
    userErrors { field message code }
  }
}
`,
  variables: json({
    input: {
      connectionId: DEMO_CONNECTION_IDS.helios,
      amount: { currency: 'ofctbtc', quantity: '1000' },
      notes: 'from the playground',
    },
  }),
};

/**
 * Partner side: the partner clears or releases a RESERVED allocation. The ids
 * must match the allocation: take them from a RESERVED record of the partner view.
 */
export const UPDATE_ALLOCATION: ExampleOperation = {
  name: 'ClearReservedAllocation',
  query: `# Partner side: clear a RESERVED allocation (or release
# it, with a rejectReason). Find one with
#   allocations(enterpriseId: "<partner>", view: PARTNER,
#     filter: { statuses: [RESERVED] })
# and copy its id, amount and connection ids here;
# partnersAllocationId is the partner's own id for it.
# The sandbox's demo partner is Nimbus Exchange.
mutation ClearReservedAllocation($input: UpdateAllocationInput!) {
  updateAllocation(input: $input) {
    allocation { id status reason updatedAt }
    userErrors { field message code }
  }
}
`,
  variables: json({
    input: {
      enterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
      allocationId: 'id-of-a-reserved-allocation',
      status: 'CLEARED',
      amount: { currency: 'ofctbtc', quantity: '1000' },
      clientId: DEMO_CLIENT_ENTERPRISE_ID,
      connectionId: DEMO_CONNECTION_IDS.nimbusMain,
      partnersClientId: 'nimbus-acct-501',
      partnersConnectionId: 'nimbus-conn-1001',
      partnersAllocationId: 'nimbus-alloc-0001',
    },
  }),
};

/** In tab order: the first is what the playground opens on. */
export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [LIST_ALLOCATIONS, ONE_ALLOCATION, ALLOCATE, UPDATE_ALLOCATION];
