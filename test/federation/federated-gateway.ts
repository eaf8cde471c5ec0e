import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLResponse } from '../helpers/stack.js';
import type { SubgraphName } from './supergraph.js';

export interface SubgraphFetch {
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface FederatedGateway {
  url: string;
  /** Every request the gateway sent to a subgraph, in order: the query plan as executed. */
  fetches: SubgraphFetch[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

// Apollo's default logger prints schema loads at info level: keep test output to failures.
const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };

/**
 * An Apollo Gateway on a static supergraph (what `rover supergraph compose` hands a router),
 * with the subgraph URLs resolved by name at run time because every test port is ephemeral.
 */
export async function startFederatedGateway(supergraphSdl: string, urls: Record<SubgraphName, string>): Promise<FederatedGateway> {
  const fetches: SubgraphFetch[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: quiet,
    buildService: ({ name }) => {
      const url = urls[name as SubgraphName];
      if (!url) throw new Error(`supergraph names an unknown subgraph "${name}"`);
      return new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          fetches.push({ subgraph: name, query: request.query ?? '', variables: { ...request.variables } });
        },
      });
    },
  });
  const server = new ApolloServer({ gateway, logger: quiet });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url,
    fetches,
    async gql(query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: res.status, ...body } as GraphQLResponse<never>;
    },
    close: () => server.stop(),
  };
}
