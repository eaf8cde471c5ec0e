/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation AllocatePreview($connectionId: ID!, $amount: AmountInput!, $clientExternalId: String, $notes: String) {\n  allocate(\n    input: {connectionId: $connectionId, amount: $amount, clientExternalId: $clientExternalId, notes: $notes, dryRun: true}\n  ) {\n    clientExternalId\n    dryRun {\n      payload\n      available\n      availableAfter\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.AllocatePreviewDocument,
    "query AllocateScreen($enterpriseId: ID, $filter: NetworkConnectionFilter = {active: true}, $first: Int, $after: String) {\n  balances(enterpriseId: $enterpriseId) {\n    clientId\n    balances {\n      ...CurrencyBalanceFields\n    }\n  }\n  networkConnections(\n    enterpriseId: $enterpriseId\n    filter: $filter\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...NetworkConnectionFields\n      balances {\n        ...CurrencyBalanceFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.AllocateScreenDocument,
    "mutation Allocate($input: AllocateInput!) {\n  allocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.AllocateDocument,
    "query AllocationById($id: ID!, $enterpriseId: ID, $view: AllocationView) {\n  allocation(id: $id, enterpriseId: $enterpriseId, view: $view) {\n    ...AllocationFields\n  }\n}": typeof types.AllocationByIdDocument,
    "fragment AllocationFields on Allocation {\n  id\n  type\n  status\n  amount {\n    currency\n    quantity\n  }\n  connectionId\n  clientExternalId\n  partnerExternalId\n  initiatedBy\n  notes\n  createdAt\n  updatedAt\n  retriable\n  evaluationId\n  pendingApprovalId\n  policyResult\n  reason\n}": typeof types.AllocationFieldsFragmentDoc,
    "query AllocationsPage($enterpriseId: ID, $view: AllocationView, $filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  allocations(\n    enterpriseId: $enterpriseId\n    view: $view\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    edges {\n      cursor\n      node {\n        ...AllocationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}": typeof types.AllocationsPageDocument,
    "fragment CurrencyBalanceFields on CurrencyBalance {\n  currency\n  available\n  held\n}": typeof types.CurrencyBalanceFieldsFragmentDoc,
    "mutation Deallocate($input: AllocateInput!) {\n  deallocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.DeallocateDocument,
    "fragment NetworkConnectionFields on NetworkConnection {\n  id\n  name\n  clientId\n  partnerId\n  networkAccountId\n  active\n  initialized\n  createdAt\n  updatedAt\n  proof\n  nonce\n  evaluationId\n  pendingApprovalId\n  policyResult\n  partnersConnectionId\n  partnersClientId\n}": typeof types.NetworkConnectionFieldsFragmentDoc,
    "mutation UpdateAllocation($input: UpdateAllocationInput!) {\n  updateAllocation(input: $input) {\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": typeof types.UpdateAllocationDocument,
    "fragment UserErrorFields on UserError {\n  field\n  message\n  code\n}": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "mutation AllocatePreview($connectionId: ID!, $amount: AmountInput!, $clientExternalId: String, $notes: String) {\n  allocate(\n    input: {connectionId: $connectionId, amount: $amount, clientExternalId: $clientExternalId, notes: $notes, dryRun: true}\n  ) {\n    clientExternalId\n    dryRun {\n      payload\n      available\n      availableAfter\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": types.AllocatePreviewDocument,
    "query AllocateScreen($enterpriseId: ID, $filter: NetworkConnectionFilter = {active: true}, $first: Int, $after: String) {\n  balances(enterpriseId: $enterpriseId) {\n    clientId\n    balances {\n      ...CurrencyBalanceFields\n    }\n  }\n  networkConnections(\n    enterpriseId: $enterpriseId\n    filter: $filter\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...NetworkConnectionFields\n      balances {\n        ...CurrencyBalanceFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.AllocateScreenDocument,
    "mutation Allocate($input: AllocateInput!) {\n  allocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": types.AllocateDocument,
    "query AllocationById($id: ID!, $enterpriseId: ID, $view: AllocationView) {\n  allocation(id: $id, enterpriseId: $enterpriseId, view: $view) {\n    ...AllocationFields\n  }\n}": types.AllocationByIdDocument,
    "fragment AllocationFields on Allocation {\n  id\n  type\n  status\n  amount {\n    currency\n    quantity\n  }\n  connectionId\n  clientExternalId\n  partnerExternalId\n  initiatedBy\n  notes\n  createdAt\n  updatedAt\n  retriable\n  evaluationId\n  pendingApprovalId\n  policyResult\n  reason\n}": types.AllocationFieldsFragmentDoc,
    "query AllocationsPage($enterpriseId: ID, $view: AllocationView, $filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  allocations(\n    enterpriseId: $enterpriseId\n    view: $view\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    edges {\n      cursor\n      node {\n        ...AllocationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}": types.AllocationsPageDocument,
    "fragment CurrencyBalanceFields on CurrencyBalance {\n  currency\n  available\n  held\n}": types.CurrencyBalanceFieldsFragmentDoc,
    "mutation Deallocate($input: AllocateInput!) {\n  deallocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": types.DeallocateDocument,
    "fragment NetworkConnectionFields on NetworkConnection {\n  id\n  name\n  clientId\n  partnerId\n  networkAccountId\n  active\n  initialized\n  createdAt\n  updatedAt\n  proof\n  nonce\n  evaluationId\n  pendingApprovalId\n  policyResult\n  partnersConnectionId\n  partnersClientId\n}": types.NetworkConnectionFieldsFragmentDoc,
    "mutation UpdateAllocation($input: UpdateAllocationInput!) {\n  updateAllocation(input: $input) {\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}": types.UpdateAllocationDocument,
    "fragment UserErrorFields on UserError {\n  field\n  message\n  code\n}": types.UserErrorFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AllocatePreview($connectionId: ID!, $amount: AmountInput!, $clientExternalId: String, $notes: String) {\n  allocate(\n    input: {connectionId: $connectionId, amount: $amount, clientExternalId: $clientExternalId, notes: $notes, dryRun: true}\n  ) {\n    clientExternalId\n    dryRun {\n      payload\n      available\n      availableAfter\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation AllocatePreview($connectionId: ID!, $amount: AmountInput!, $clientExternalId: String, $notes: String) {\n  allocate(\n    input: {connectionId: $connectionId, amount: $amount, clientExternalId: $clientExternalId, notes: $notes, dryRun: true}\n  ) {\n    clientExternalId\n    dryRun {\n      payload\n      available\n      availableAfter\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllocateScreen($enterpriseId: ID, $filter: NetworkConnectionFilter = {active: true}, $first: Int, $after: String) {\n  balances(enterpriseId: $enterpriseId) {\n    clientId\n    balances {\n      ...CurrencyBalanceFields\n    }\n  }\n  networkConnections(\n    enterpriseId: $enterpriseId\n    filter: $filter\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...NetworkConnectionFields\n      balances {\n        ...CurrencyBalanceFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query AllocateScreen($enterpriseId: ID, $filter: NetworkConnectionFilter = {active: true}, $first: Int, $after: String) {\n  balances(enterpriseId: $enterpriseId) {\n    clientId\n    balances {\n      ...CurrencyBalanceFields\n    }\n  }\n  networkConnections(\n    enterpriseId: $enterpriseId\n    filter: $filter\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...NetworkConnectionFields\n      balances {\n        ...CurrencyBalanceFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Allocate($input: AllocateInput!) {\n  allocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation Allocate($input: AllocateInput!) {\n  allocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllocationById($id: ID!, $enterpriseId: ID, $view: AllocationView) {\n  allocation(id: $id, enterpriseId: $enterpriseId, view: $view) {\n    ...AllocationFields\n  }\n}"): (typeof documents)["query AllocationById($id: ID!, $enterpriseId: ID, $view: AllocationView) {\n  allocation(id: $id, enterpriseId: $enterpriseId, view: $view) {\n    ...AllocationFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AllocationFields on Allocation {\n  id\n  type\n  status\n  amount {\n    currency\n    quantity\n  }\n  connectionId\n  clientExternalId\n  partnerExternalId\n  initiatedBy\n  notes\n  createdAt\n  updatedAt\n  retriable\n  evaluationId\n  pendingApprovalId\n  policyResult\n  reason\n}"): (typeof documents)["fragment AllocationFields on Allocation {\n  id\n  type\n  status\n  amount {\n    currency\n    quantity\n  }\n  connectionId\n  clientExternalId\n  partnerExternalId\n  initiatedBy\n  notes\n  createdAt\n  updatedAt\n  retriable\n  evaluationId\n  pendingApprovalId\n  policyResult\n  reason\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AllocationsPage($enterpriseId: ID, $view: AllocationView, $filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  allocations(\n    enterpriseId: $enterpriseId\n    view: $view\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    edges {\n      cursor\n      node {\n        ...AllocationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}"): (typeof documents)["query AllocationsPage($enterpriseId: ID, $view: AllocationView, $filter: AllocationFilter, $orderBy: AllocationOrder, $first: Int, $after: String, $last: Int, $before: String) {\n  allocations(\n    enterpriseId: $enterpriseId\n    view: $view\n    filter: $filter\n    orderBy: $orderBy\n    first: $first\n    after: $after\n    last: $last\n    before: $before\n  ) {\n    edges {\n      cursor\n      node {\n        ...AllocationFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      hasPreviousPage\n      startCursor\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CurrencyBalanceFields on CurrencyBalance {\n  currency\n  available\n  held\n}"): (typeof documents)["fragment CurrencyBalanceFields on CurrencyBalance {\n  currency\n  available\n  held\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Deallocate($input: AllocateInput!) {\n  deallocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation Deallocate($input: AllocateInput!) {\n  deallocate(input: $input) {\n    clientExternalId\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment NetworkConnectionFields on NetworkConnection {\n  id\n  name\n  clientId\n  partnerId\n  networkAccountId\n  active\n  initialized\n  createdAt\n  updatedAt\n  proof\n  nonce\n  evaluationId\n  pendingApprovalId\n  policyResult\n  partnersConnectionId\n  partnersClientId\n}"): (typeof documents)["fragment NetworkConnectionFields on NetworkConnection {\n  id\n  name\n  clientId\n  partnerId\n  networkAccountId\n  active\n  initialized\n  createdAt\n  updatedAt\n  proof\n  nonce\n  evaluationId\n  pendingApprovalId\n  policyResult\n  partnersConnectionId\n  partnersClientId\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateAllocation($input: UpdateAllocationInput!) {\n  updateAllocation(input: $input) {\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateAllocation($input: UpdateAllocationInput!) {\n  updateAllocation(input: $input) {\n    allocation {\n      ...AllocationFields\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserErrorFields on UserError {\n  field\n  message\n  code\n}"): (typeof documents)["fragment UserErrorFields on UserError {\n  field\n  message\n  code\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;