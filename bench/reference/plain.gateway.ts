import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import ky from 'ky';
import { benchEnv, listPath, PLAIN_TYPE_DEFS, relayPage, type WireRow } from './env.js';

/**
 * A plain ky + Apollo build, none of the gateway's tuning: Apollo's standalone
 * server, graphql-js, ky on Node's default fetch, the same selection set. The
 * issue that set the targets quotes such a build at 1.20 / 1.55; running it in
 * this harness (`bench/what-if.sh plain`) shows how this harness compares.
 */
const { origin, token, enterpriseId } = benchEnv();
const upstream = ky.create({ prefixUrl: origin });
const resolvers = {
  Query: {
    allocations: async (_: unknown, { first }: { first: number }) => {
      const page = await upstream
        .get(listPath(enterpriseId, first).slice(1), { headers: { authorization: `Bearer ${token}` } })
        .json<{ allocations: WireRow[] }>();
      return relayPage(page.allocations, first);
    },
  },
};
const server = new ApolloServer({ typeDefs: PLAIN_TYPE_DEFS, resolvers });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
console.log(`gateway ready at ${url.replace(/\/$/, '')}/graphql`);
process.on('SIGTERM', () => process.exit(0));
