/** One example operation: a GraphiQL tab, and reusable by docs and tests. */
export interface ExampleOperation {
  /** The operation name; GraphiQL titles the tab with it. */
  name: string;
  query: string;
  /** Pretty-printed JSON, as the variables editor shows it; absent when the operation takes none. */
  variables?: string;
}

/** The ids the examples act on: the embedded sandbox's demo cast, handed in by the composition root. */
export interface ExampleIds {
  clientEnterpriseId: string;
  partnerEnterpriseId: string;
  /** A synchronous partner's connection (allocations clear at once). */
  syncConnectionId: string;
  /** An asynchronous partner's connection (allocations stay reserved until the partner decides), and the partner's own ids for it. */
  asyncConnectionId: string;
  asyncPartnersConnectionId: string;
  asyncPartnersClientId: string;
  /** The asynchronous partner's id in BitGo's directory (connect to it with a token its platform issues). */
  asyncPartnerId: string;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * Filters, ordering and paging. Run it, then pass `pageInfo.endCursor` as `after`
 * for the next page: a cursor is only valid with the same filter and order.
 */
const LIST_ALLOCATIONS: ExampleOperation = {
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

const ONE_ALLOCATION: ExampleOperation = {
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

/**
 * What a screen that lets someone allocate shows: the balances to allocate from and the connections they can
 * allocate to, each with what it already holds. Two BitGo calls, made at once.
 */
const ALLOCATE_SCREEN: ExampleOperation = {
  name: 'AllocateScreen',
  query: `# An allocate screen in one request: the trading balances
# to allocate from, and the active connections with what is
# already allocated to each. Balances are base-unit decimal
# strings: compare them as BigInt, never as numbers.
query AllocateScreen($after: String) {
  balances {
    balances { currency available held }
  }
  networkConnections(filter: { active: true }, first: 25, after: $after) {
    nodes {
      id
      name
      partnerId
      initialized
      balances { currency available held }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  variables: json({ after: null }),
};

/** To a synchronous partner, so the allocation comes back CLEARED at once. */
const allocateExample = (ids: ExampleIds): ExampleOperation => ({
  name: 'Allocate',
  query: `# Allocate funds to a connection; the gateway signs it.
# "dryRun": true (as below) only previews: the payload that
# would be signed and the balance it draws on, nothing sent.
# Set it to false to allocate. To retry safely, put the
# returned clientExternalId into the input: BitGo then
# answers the same allocation.
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
    dryRun { payload available availableAfter }
    userErrors { field message code }
  }
}
`,
  variables: json({
    input: {
      connectionId: ids.syncConnectionId,
      amount: { currency: 'ofctbtc', quantity: '1000' },
      notes: 'from the playground',
      dryRun: true,
    },
  }),
});

/**
 * The journal of what the gateway signed: run Allocate first, then this. The
 * signature itself is never shown, only its SHA-256.
 */
const AUDIT_TRAIL: ExampleOperation = {
  name: 'AuditTrail',
  query: `# Audit trail: every request the gateway signed for
# the enterprise, newest first: the exact payload, a
# SHA-256 of the signature (never the signature), who
# asked, and every attempt and answer. After an
# OUTCOME_UNKNOWN, set "clientExternalId" in Variables
# to see where that request stands.
query AuditTrail($clientExternalId: String, $after: String) {
  signedRequests(
    first: 10
    after: $after
    filter: { clientExternalId: $clientExternalId }
  ) {
    nodes {
      kind
      state
      clientExternalId
      allocationId
      amount { currency quantity }
      caller
      attempts
      createdAt
      settledAt
      outcome { httpStatus allocationStatus message }
      events { type at }
      payload
      signatureSha256
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  variables: json({ clientExternalId: null, after: null }),
};

/**
 * Partner side: the partner clears or releases a RESERVED allocation. The ids
 * must match the allocation: take them from a RESERVED record of the partner view.
 */
const updateAllocationExample = (ids: ExampleIds): ExampleOperation => ({
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
      enterpriseId: ids.partnerEnterpriseId,
      allocationId: 'id-of-a-reserved-allocation',
      status: 'CLEARED',
      amount: { currency: 'ofctbtc', quantity: '1000' },
      clientId: ids.clientEnterpriseId,
      connectionId: ids.asyncConnectionId,
      partnersClientId: ids.asyncPartnersClientId,
      partnersConnectionId: ids.asyncPartnersConnectionId,
      partnersAllocationId: 'nimbus-alloc-0001',
    },
  }),
});

/** Live: run it, then allocate to Nimbus in another tab (or window) and watch RESERVED, then CLEARED, arrive. */
const watchExample = (ids: ExampleIds): ExampleOperation => ({
  name: 'WatchNimbus',
  query: `# Live: every change to allocations on the Nimbus
# connection (an asynchronous partner), over WebSocket.
# Run it, then run AllocateToNimbus in another tab or
# window: RESERVED arrives; clear it with
# ClearReservedAllocation and CLEARED arrives.
subscription WatchNimbus($connectionIds: [ID!]) {
  allocationChanged(connectionIds: $connectionIds) {
    source
    previousStatus
    allocation {
      id
      status
      amount { currency quantity }
      clientExternalId
      reason
      updatedAt
    }
  }
}
`,
  variables: json({ connectionIds: [ids.asyncConnectionId] }),
});

/** To the asynchronous partner: the allocation stays RESERVED until the partner clears or releases it. */
const allocateAsyncExample = (ids: ExampleIds): ExampleOperation => ({
  name: 'AllocateToNimbus',
  query: `# Allocate to Nimbus: it answers RESERVED, and the
# WatchNimbus tab shows it arrive. Then clear it with
# ClearReservedAllocation (its id and amount from here).
mutation AllocateToNimbus($input: AllocateInput!) {
  allocate(input: $input) {
    clientExternalId
    allocation { id status amount { currency quantity } connectionId }
    userErrors { field message code }
  }
}
`,
  variables: json({ input: { connectionId: ids.asyncConnectionId, amount: { currency: 'ofctbtc', quantity: '1000' }, notes: 'from the playground' } }),
});

/**
 * Onboarding, both sides, in one tab: pick the operation to run (GraphiQL's run button lists them), in order. In the
 * sandbox this gateway is also Nimbus's partner gateway, so the whole loop runs here.
 */
const onboardingExample = (ids: ExampleIds): ExampleOperation => ({
  name: 'Onboarding',
  query: `# Connect a new partner, both sides. Run these in order.
# 1. Who can I connect to, and what key does each take?
query Partners {
  partners(filter: { active: true }) {
    nodes {
      id
      name
      connectionKeySchema
      connectionKeyFields { name secret }
      supportedCurrencies { ofcCurrency }
    }
  }
}

# 2. As Nimbus (the partner's platform): a one-time token
#    for one of its accounts, shown once. Copy it into
#    "connectionToken" in Variables.
mutation IssueToken($account: String!) {
  issueConnectionToken(input: { partnersClientId: $account }) {
    connectionToken
    expiresAt
    userErrors { field message code }
  }
}

# 3. As the client: connect to Nimbus with that token.
#    Keep clientRequestId: repeating with it is safe.
#    The connection starts with initialized: false; put
#    its id into "connectionId" in Variables.
mutation Connect($partnerId: ID!, $connectionToken: String!) {
  connect(input: {
    partnerId: $partnerId
    name: "Nimbus from the playground"
    connectionKey: { token: { connectionToken: $connectionToken } }
  }) {
    clientRequestId
    connection { id name initialized active }
    userErrors { field message code }
  }
}

# 4. Nimbus answered BitGo's call: initialized is true,
#    with the account as partnersClientId.
query Connection($connectionId: ID!) {
  networkConnection(id: $connectionId) {
    id
    name
    initialized
    partnersClientId
    supportedCurrencies { ofcCurrency }
  }
}

# 5. Rename it (or deactivate it: active: false).
mutation Rename($connectionId: ID!) {
  updateConnection(input: { connectionId: $connectionId, name: "Nimbus desk" }) {
    connection { id name active }
    userErrors { field message code }
  }
}
`,
  variables: json({ account: 'nimbus-acct-playground', partnerId: ids.asyncPartnerId, connectionToken: 'paste-the-token-here', connectionId: 'paste-the-connection-id-here' }),
});

/**
 * Settling, both sides, in one tab: the partner (Nimbus, disputes enabled: v2 with cutoffAt) previews and settles the
 * day, the client sees what moved its money and disputes it inside the window. Run the operations in order.
 */
const settleExample = (ids: ExampleIds): ExampleOperation => ({
  name: 'Settle',
  query: `# Settle the day, both sides. Run these in order.
# 1. As Nimbus: preview the settlement (net flow per
#    currency; nothing is signed or sent).
mutation SettlePreview($externalId: String!, $cutoffAt: DateTime) {
  settle(input: {
    enterpriseId: "${ids.partnerEnterpriseId}"
    externalId: $externalId
    settlementAmounts: [{ connectionId: "${ids.asyncConnectionId}", amounts: [{ currency: "ofctbtc", quantity: "-1500" }] }]
    cutoffAt: $cutoffAt
    dryRun: true
  }) {
    version
    dryRun { netFlow { currency quantity direction } payload }
    userErrors { field message code }
  }
}

# 2. Settle it (v2: pending until the dispute window
#    passes). Repeating with the same externalId is safe.
#    Put the settlement's id into "settlementId".
mutation Settle($externalId: String!, $cutoffAt: DateTime) {
  settle(input: {
    enterpriseId: "${ids.partnerEnterpriseId}"
    externalId: $externalId
    settlementAmounts: [{ connectionId: "${ids.asyncConnectionId}", amounts: [{ currency: "ofctbtc", quantity: "-1500" }] }]
    cutoffAt: $cutoffAt
  }) {
    settlement { id status cutoffAt }
    userErrors { field message code }
  }
}

# 3. As the client: what moved my money at Nimbus.
query MySettlements($connectionId: ID!) {
  networkConnection(id: $connectionId) {
    balances { currency available held }
    settlements(latest: 5) {
      id
      status
      amounts { currency quantity direction }
      transfers { currency status amount { quantity direction } }
    }
  }
}

# 4. Dispute it inside the window (the payload is built,
#    signed and journaled; dryRun: true to preview).
mutation Dispute($settlementId: ID!, $connectionId: ID!) {
  disputeSettlement(input: {
    settlementId: $settlementId
    connectionId: $connectionId
    reason: "we traded less"
    expectedTransfers: [{ currency: "ofctbtc", quantity: "-1000" }]
  }) {
    clientRequestId
    dispute { id retracted }
    userErrors { field message code }
  }
}
`,
  variables: json({ externalId: 'nimbus-day-playground', cutoffAt: '2026-12-07T00:00:00.000Z', connectionId: ids.asyncConnectionId, settlementId: 'paste-the-settlement-id-here' }),
});

/** In tab order: the first is what the playground opens on. */
export function exampleOperations(ids: ExampleIds): ExampleOperation[] {
  return [
    LIST_ALLOCATIONS, ONE_ALLOCATION, ALLOCATE_SCREEN, allocateExample(ids), AUDIT_TRAIL, updateAllocationExample(ids), watchExample(ids), allocateAsyncExample(ids),
    onboardingExample(ids), settleExample(ids),
  ];
}
