import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { AllocationMutationResolver } from './allocation/allocation-mutation.resolver.js';
import { AllocationResolver } from './allocation/allocation.resolver.js';
import { resolveAllocationReference } from './allocation/allocation.reference.js';
import { BalancesResolver } from './balance/balances.resolver.js';
import { ConnectMutationResolver } from './connect/connect-mutation.resolver.js';
import { PartnerResolver } from './connect/partner.resolver.js';
import { NetworkConnectionResolver } from './connection/network-connection.resolver.js';
import { resolveNetworkConnectionReference } from './connection/network-connection.reference.js';
import { PartnerAllocationRequestResolver } from './partner/partner-allocation-request.resolver.js';
import { PartnerConnectionRequestResolver } from './partner/partner-connection-request.resolver.js';
import { SignedRequestResolver } from './journal/signed-request.resolver.js';
import { LiveResolver } from './live/live.resolver.js';
import { SettleMutationResolver } from './settle/settle-mutation.resolver.js';
import { SettlementLiveResolver } from './settle/settlement-live.resolver.js';
import { ConnectionSettlementsResolver, SettlementDisputeResolver, SettlementResolver, SettlementTransferResolver } from './settle/settlement.resolver.js';
import { validateArgs } from './validate.js';

const FEDERATION_LINK = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.4", import: ["@key", "@shareable"])
`;

/**
 * `query … @fresh`: every BitGo read of the operation goes to BitGo now (the read cache is refreshed, not consulted),
 * for a frontend that cannot set `Cache-Control: no-cache` (server/plugins/read-cache.plugin.ts reads it).
 */
const FRESH_DIRECTIVE = `
"Read everything this operation shows from BitGo now, not from the gateway's read cache."
directive @fresh on QUERY
`;

/** Entity reference resolvers, one `*.reference.ts` per entity. */
const referenceResolvers = {
  Allocation: { __resolveReference: resolveAllocationReference },
  NetworkConnection: { __resolveReference: resolveNetworkConnectionReference },
};

/** The fields that have resolvers of their own (`@FieldResolver`s); every other field of an object type is plain data. */
const RESOLVED_FIELDS: Readonly<Record<string, 'all' | readonly string[]>> = {
  Query: 'all',
  Mutation: 'all',
  Subscription: 'all',
  Allocation: ['connection'],
  NetworkConnection: ['balances', 'allocations', 'supportedCurrencies', 'settlements'],
  Settlement: ['transfers', 'amounts', 'connection', 'disputes'],
  SettlementTransfer: ['amount'],
  SettlementDispute: ['expectedTransfers'],
  Partner: ['supportedCurrencies', 'connectionKeyFields'],
  PartnerConnectionRequest: ['networkConnection'],
  ConnectionBalances: ['connection'],
  PartnerAllocationRequest: ['allocation'],
  SignedRequest: ['events'],
};

/**
 * type-graphql insists on a PubSub once any @Subscription exists; ours bring their own iterators (`subscribe:`),
 * so topics are never used.
 */
const NO_TOPICS = {
  publish(): void {},
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions here use their own iterators, not pub/sub topics');
  },
};

/**
 * type-graphql wraps every field, even one that only reads a property, in its
 * own resolver. On data fields that wrapper does what graphql's default resolver
 * does, at a measurable cost on a 25-row page (hundreds of fields), so only the
 * fields above keep theirs. Scalars and enums are kept as they are.
 */
function withoutPlainFieldResolvers(schema: GraphQLSchema, map: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out = { ...map };
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    if (!isObjectType(type) || !(name in out)) continue;
    const keep = RESOLVED_FIELDS[name] ?? [];
    if (keep === 'all') continue;
    const fields = out[name]!;
    out[name] = Object.fromEntries(keep.map((field) => [field, fields[field]]));
  }
  return out;
}

/** type-graphql classes → an Apollo Federation 2 subgraph schema. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      AllocationResolver, AllocationMutationResolver, NetworkConnectionResolver, BalancesResolver, PartnerAllocationRequestResolver, SignedRequestResolver, LiveResolver,
      PartnerResolver, ConnectMutationResolver, PartnerConnectionRequestResolver,
      SettlementResolver, SettlementTransferResolver, SettlementDisputeResolver, ConnectionSettlementsResolver, SettleMutationResolver, SettlementLiveResolver,
    ],
    pubSub: NO_TOPICS,
    validateFn: validateArgs,
    // The subgraph build below is the schema that is served and checked.
    skipCheck: true,
  });
  const resolvers = withoutPlainFieldResolvers(schema, createResolversMap(schema) as Record<string, Record<string, unknown>>);
  for (const [type, fields] of Object.entries(referenceResolvers)) resolvers[type] = { ...resolvers[type], ...fields };
  return buildSubgraphSchema({
    typeDefs: parse(FEDERATION_LINK + FRESH_DIRECTIVE + printSchemaWithDirectives(schema)),
    resolvers: resolvers as never,
  });
}

/** The committed `schema.graphql`: the subgraph SDL with its federation directives. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
