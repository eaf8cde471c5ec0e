import { readFileSync } from 'node:fs';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { parse } from 'graphql';
import { CONNECTIONS_SDL } from './connections-subgraph.js';

/** Subgraph names as they appear in the supergraph's join__Graph enum. */
export const SUBGRAPHS = { allocations: 'allocations', connections: 'connections' } as const;
export type SubgraphName = (typeof SUBGRAPHS)[keyof typeof SUBGRAPHS];

/** What a schema registry holds for us: the committed SDL (a unit test keeps it equal to the code). */
export function allocationsSdl(): string {
  return readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
}

/**
 * Both subgraphs composed the way `rover supergraph compose` does. The URLs are placeholders:
 * the gateway maps subgraph names to the live ephemeral ports in buildService.
 */
export function composeSupergraph(): CompositionResult {
  return composeServices([
    { name: SUBGRAPHS.allocations, url: 'http://allocations.invalid/graphql', typeDefs: parse(allocationsSdl()) },
    { name: SUBGRAPHS.connections, url: 'http://connections.invalid/graphql', typeDefs: parse(CONNECTIONS_SDL) },
  ]);
}
