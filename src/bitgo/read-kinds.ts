import type { Endpoint } from './client.js';
import type { WireView } from './wire.types.js';

/**
 * What the read cache may keep, by kind: the GET route templates of each kind and how long an entry of it is
 * trusted unless configured (READ_CACHE_TTL_<KIND>_MS). A new read is one line here; a route in no kind is never
 * cached. Each kind is invalidated as one (workflows/reads/read-cache.invalidation.ts says which change drops which).
 */
export const READ_KINDS = {
  allocations: { ttlMs: 5_000, routes: ['clients/allocations', 'partners/allocations', 'clients/allocations/{allocationId}', 'partners/allocations/{allocationId}'] },
  balances: { ttlMs: 5_000, routes: ['clients/balances', 'partners/balances'] },
  connections: { ttlMs: 60_000, routes: ['clients/connections', 'partners/connections', 'clients/connections/{connectionId}'] },
  partners: { ttlMs: 60_000, routes: ['partners', 'supportedCurrencies'] },
} as const satisfies Record<string, { ttlMs: number; routes: readonly string[] }>;

export type ReadKind = keyof typeof READ_KINDS;

export const READ_KIND_NAMES = Object.keys(READ_KINDS) as ReadKind[];

const BY_ROUTE = new Map<string, ReadKind>(READ_KIND_NAMES.flatMap((kind) => READ_KINDS[kind].routes.map((route) => [route, kind] as const)));

/** The kind of a GET, or undefined when it is not cacheable (every write, and any route no kind lists). */
export function readKindOf(endpoint: Endpoint): ReadKind | undefined {
  return endpoint.method === 'GET' ? BY_ROUTE.get(endpoint.route) : undefined;
}

/** The view a route reads in: its first segment (`partners/…` is the partner side; the directory reads as a client). */
export function viewOfRoute(route: string): WireView {
  return route.startsWith('partners/') ? 'partner' : 'client';
}

const ENTERPRISE = /^api\/network\/v1\/enterprises\/([^/]+)\//;

/** The enterprise a read's path names (as sent: escaped), or undefined for a path outside one. */
export function enterpriseOfPath(path: string): string | undefined {
  const id = ENTERPRISE.exec(path)?.[1];
  return id === undefined ? undefined : decodeURIComponent(id);
}
