import type { Stack } from '../helpers/stack.js';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: { readCache?: { ageMs: number; hits: number; misses: number; fresh: boolean } };
}

/** A GraphQL POST through Fastify's inject, with the answer's headers (Age, Cache-Control) as a router sees them. */
export async function post<T = Record<string, unknown>>(stack: Stack, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<Answer<T>> {
  const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query, variables }) });
  return { status: res.statusCode, headers: res.headers, ...(res.json() as object) } as Answer<T>;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Upstream GETs of a route below the enterprise, e.g. `clients/balances`. */
export function upstreamGets(stack: Stack, route: string): number {
  return stack.sandbox.requests.entries({ method: 'GET' }).filter((e) => e.path.replace(/^.*\/enterprises\/[^/]+\//, '') === route).length;
}

export const BALANCES = '{ balances { balances { currency available held } } }';

/** max-age of a Cache-Control value, or undefined when it has none. */
export function maxAgeOf(cacheControl: unknown): number | undefined {
  const m = /max-age=(\d+)/.exec(String(cacheControl));
  return m ? Number(m[1]) : undefined;
}
