import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { buildSchema, printSchema } from 'graphql';
import { Pool } from 'undici';
import { JitExecutor } from '../../src/server/execution/jit.executor.js';
import { benchEnv, PLAIN_TYPE_DEFS, readPage, relayPage } from './env.js';

/**
 * The least Apollo Server costs here: the floor's raw undici read under
 * Fastify + Apollo + the gateway's compiled execution, with a minimal schema
 * and none of the gateway's own work (no type-graphql, no class-validator, no
 * cursors, no ky). `bench/what-if.sh apollo-floor`.
 */
const { origin, token, enterpriseId } = benchEnv();
const pool = new Pool(origin, { connections: 128, pipelining: 1 });
const schema = buildSchema(PLAIN_TYPE_DEFS);
schema.getQueryType()!.getFields().allocations!.resolve = async (_source, { first }: { first: number }) => {
  return relayPage(await readPage(pool, enterpriseId, token, first), first);
};
const app = Fastify();
// Without this, Apollo's cache-control plugin wraps every field resolver (as in the gateway, it is off).
const apollo = new ApolloServer({ gateway: new JitExecutor({ schema, executionSchema: schema, sdl: printSchema(schema) }), plugins: [ApolloServerPluginCacheControlDisabled()] });
await apollo.start();
app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler: fastifyApolloHandler(apollo) });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`gateway ready at ${address}/graphql`);
process.on('SIGTERM', () => process.exit(0));
