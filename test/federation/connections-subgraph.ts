import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, ENTERPRISES, type Connection } from '../../src/sandbox/index.js';

/**
 * A stand-in for a team that keeps its own records of enterprises and connections (a CRM, say): a second
 * Federation 2 subgraph over the sandbox's demo cast. It contributes NetworkConnection.partnerName and knows
 * connections only by id otherwise: everything BitGo holds about a connection (name, state, balances,
 * allocations) comes from our subgraph, so the gateway resolves its connection stubs through our `_entities`.
 * It defines its own PageInfo, which only composes because both subgraphs mark it @shareable, and it points
 * at allocations it knows only by id (`resolvable: false`), so the gateway must fetch them from us.
 */
export const CONNECTIONS_SDL = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

type NetworkConnection @key(fields: "id") {
  id: ID!
  partnerName: String
}

type Enterprise @key(fields: "id") {
  id: ID!
  name: String!
  connections: [NetworkConnection!]!
  """Allocations this subgraph knows only by id; the allocations subgraph resolves them."""
  pinnedAllocations: [Allocation!]!
}

type Allocation @key(fields: "id", resolvable: false) {
  id: ID!
}

type ConnectionPage {
  nodes: [NetworkConnection!]!
  pageInfo: PageInfo!
}

"""Relay connection page information."""
type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type Query {
  """The demo client's connections: the ones our subgraph resolves in its default enterprise."""
  connections: [NetworkConnection!]!
  connectionsPage(first: Int!, after: String): ConnectionPage!
  enterprise(id: ID!): Enterprise
}
`;

export interface ConnectionsSubgraphOptions {
  /** Allocation ids to expose as Enterprise.pinnedAllocations (default: none). */
  pinnedAllocationIds?: (enterpriseId: string) => readonly string[];
}

interface EnterpriseRef {
  id: string;
}

/** The connections this subgraph lists: the demo client's (our subgraph resolves references in that enterprise). */
export const STANDIN_CONNECTIONS: readonly Connection[] = CONNECTIONS.filter((c) => c.clientId === DEMO_CLIENT_ENTERPRISE_ID);

const connectionById = (id: string): Connection | undefined => CONNECTIONS.find((c) => c.id === id);
const enterpriseById = (id: string) => ENTERPRISES.find((e) => e.id === id);

function connectionsPage(first: number, after: string | undefined) {
  // The cursor is the position as text: enough for a fixed demo list.
  const start = after === undefined ? 0 : Number(after) + 1;
  const nodes = STANDIN_CONNECTIONS.slice(start, start + first);
  const end = start + nodes.length - 1;
  return {
    nodes,
    pageInfo: {
      hasNextPage: end + 1 < STANDIN_CONNECTIONS.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length > 0 ? String(start) : null,
      endCursor: nodes.length > 0 ? String(end) : null,
    },
  };
}

function connectionsResolvers(options: ConnectionsSubgraphOptions = {}) {
  return {
    Query: {
      connections: () => STANDIN_CONNECTIONS,
      connectionsPage: (_: unknown, args: { first: number; after?: string | null }) => connectionsPage(args.first, args.after ?? undefined),
      enterprise: (_: unknown, args: { id: string }) => enterpriseById(args.id) ?? null,
    },
    NetworkConnection: {
      __resolveReference: (ref: { id: string }) => connectionById(ref.id) ?? null,
      partnerName: (c: Connection) => enterpriseById(c.partnerId)?.name ?? null,
    },
    Enterprise: {
      __resolveReference: (ref: EnterpriseRef) => enterpriseById(ref.id) ?? null,
      connections: (e: EnterpriseRef) => STANDIN_CONNECTIONS.filter((c) => c.clientId === e.id),
      // Stubs by @key: the gateway turns them into one _entities call to the allocations subgraph.
      pinnedAllocations: (e: EnterpriseRef) => (options.pinnedAllocationIds?.(e.id) ?? []).map((id) => ({ __typename: 'Allocation', id })),
    },
  };
}

export interface StartedSubgraph {
  url: string;
  close(): Promise<void>;
}

/** The connections subgraph on an ephemeral loopback port. */
export async function startConnectionsSubgraph(options: ConnectionsSubgraphOptions = {}): Promise<StartedSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(CONNECTIONS_SDL), resolvers: connectionsResolvers(options) }),
    // No usage reporting in tests: skip per-request traces (and their start-up notice).
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, close: () => server.stop() };
}
