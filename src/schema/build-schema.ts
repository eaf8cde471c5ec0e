import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { AllocationMutationResolver } from './allocation/allocation-mutation.resolver.js';
import { AllocationResolver } from './allocation/allocation.resolver.js';
import { resolveAllocationReference } from './allocation/allocation.reference.js';
import { ConnectionResolver } from './connection/connection.resolver.js';
import { SignedRequestResolver } from './journal/signed-request.resolver.js';
import { Connection } from './connection/connection.type.js';
import { validateArgs } from './validate.js';

const FEDERATION_LINK = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
`;

/** Entity reference resolvers, one `*.reference.ts` per entity. */
const referenceResolvers = {
  Allocation: { __resolveReference: resolveAllocationReference },
};

/** Types whose fields have resolvers of their own; every other object type is plain data. */
const RESOLVED_TYPES = new Set(['Query', 'Mutation', 'Connection', 'SignedRequest']);

/**
 * type-graphql wraps every field, even one that only reads a property, in its
 * own resolver. On data types that wrapper does what graphql's default resolver
 * does, at a measurable cost on a 25-row page (hundreds of fields), so those
 * types keep no field resolvers. Scalars and enums are kept as they are.
 */
function withoutPlainFieldResolvers(schema: GraphQLSchema, map: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out = { ...map };
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    if (isObjectType(type) && !RESOLVED_TYPES.has(name) && name in out) out[name] = {};
  }
  return out;
}

/** type-graphql classes → an Apollo Federation 2 subgraph schema. */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [AllocationResolver, AllocationMutationResolver, ConnectionResolver, SignedRequestResolver],
    // Connection is reachable only through _entities, so name it explicitly.
    orphanedTypes: [Connection],
    validateFn: validateArgs,
    // The subgraph build below is the schema that is served and checked.
    skipCheck: true,
  });
  const resolvers = withoutPlainFieldResolvers(schema, createResolversMap(schema) as Record<string, Record<string, unknown>>);
  for (const [type, fields] of Object.entries(referenceResolvers)) resolvers[type] = { ...resolvers[type], ...fields };
  return buildSubgraphSchema({
    typeDefs: parse(FEDERATION_LINK + printSchemaWithDirectives(schema)),
    resolvers: resolvers as never,
  });
}

/** The committed `schema.graphql`: the subgraph SDL with its federation directives. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
