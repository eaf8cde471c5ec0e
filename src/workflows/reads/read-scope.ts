import type { WireView } from '../../bitgo/wire.types.js';
import { requireEnterpriseId } from '../caller.js';

/** Which enterprise, and which side of its connections, a read looks at. */
export interface Scope {
  enterpriseId: string;
  view: WireView;
}

export interface ScopeRequest {
  enterpriseId?: string | null | undefined;
  view?: WireView | null | undefined;
}

export interface ScopeDefaults {
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
}

export function scopeOf(request: ScopeRequest, defaults: ScopeDefaults): Scope {
  return { enterpriseId: requireEnterpriseId(request.enterpriseId, defaults.defaultEnterpriseId), view: request.view ?? defaults.defaultView };
}

/**
 * The scope a record was read in, carried on the record itself: a field that reads further (an allocation's
 * connection, a connection's balances or allocations) reads in the same enterprise and view. A symbol key:
 * invisible to JSON and to GraphQL, and one hidden-class transition shared by every record.
 */
const SCOPE = Symbol('read scope');

type Scoped = { [SCOPE]?: Scope };

export function withScope<T extends object>(records: T[], scope: Scope): T[] {
  for (const r of records) (r as Scoped)[SCOPE] = scope;
  return records;
}

/** The scope a record was read (or written) in; undefined for one the workflows did not tag. */
export function readScopeOf(record: object): Scope | undefined {
  return (record as Scoped)[SCOPE];
}
