import type { AllocationStatus, AllocationType, SortDirection, SortField } from './wire.types.js';
import { badRequest } from './http.js';
import { list, oneOf, paging, single, uuids, type Paging, type Query } from './query-params.js';
import { TRUST_ORGS, type TrustOrg, type View } from './types.js';

export interface ListFilter extends Paging {
  allocationIds?: Set<string>;
  types?: Set<AllocationType>;
  statuses?: Set<AllocationStatus>;
  currencies?: Set<string>;
  connectionIds?: Set<string>;
  partnerIds?: Set<string>;
  clientIds?: Set<string>;
  trustOrg?: TrustOrg;
  /** Epoch ms, inclusive. */
  createdOnOrAfter?: number;
  /** Epoch ms, inclusive too: the OpenAPI says "created on or before". */
  createdBefore?: number;
  sortField?: SortField;
  sortDirection: SortDirection;
}

const TYPES: readonly AllocationType[] = ['allocation', 'deallocation'];
const STATUSES: readonly AllocationStatus[] = ['cleared', 'released', 'reserved'];
const SORT_FIELDS: Record<View, readonly SortField[]> = { client: ['id', 'updatedAt', 'quantity', 'currency'], partner: ['id', 'updatedAt', 'quantity'] };

/**
 * The list routes' query, validated as strictly as BitGo's codecs: anything
 * malformed is a 400 naming the parameter. Unknown parameters are ignored.
 */
export function parseListQuery(query: Query, view: View): ListFilter {
  const filter: ListFilter = {
    ...paging(query),
    sortDirection: oneOf(query, 'sortDirection', ['ASC', 'DESC'] as const) ?? 'ASC',
  };
  const allocationIds = uuids(query, 'allocationIds');
  if (allocationIds) filter.allocationIds = allocationIds;
  const types = list(query, 'types', (v) => (TYPES as readonly string[]).includes(v), `one of ${TYPES.join(', ')}`);
  if (types) filter.types = types as Set<AllocationType>;
  const statuses = list(query, 'statuses', (v) => (STATUSES as readonly string[]).includes(v), `one of ${STATUSES.join(', ')}`);
  if (statuses) filter.statuses = statuses as Set<AllocationStatus>;
  const currencies = list(query, 'currencies', () => true, 'a currency');
  if (currencies) filter.currencies = currencies;
  const connectionIds = uuids(query, 'connectionIds');
  if (connectionIds) filter.connectionIds = connectionIds;
  const partnerIds = uuids(query, 'partnerIds');
  if (partnerIds) filter.partnerIds = partnerIds;
  if (view === 'partner') {
    const clientIds = uuids(query, 'clientIds');
    if (clientIds) filter.clientIds = clientIds;
  }
  const trustOrg = oneOf(query, 'trustOrg', TRUST_ORGS);
  if (trustOrg) filter.trustOrg = trustOrg;
  const after = date(query, 'createdOnOrAfter');
  if (after !== undefined) filter.createdOnOrAfter = after;
  const before = date(query, 'createdBefore');
  if (before !== undefined) filter.createdBefore = before;
  const sortField = oneOf(query, 'sortField', SORT_FIELDS[view]);
  if (sortField) filter.sortField = sortField;
  return filter;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 date or date-time; a date-time without an offset is UTC (never the server's local zone). */
export function parseIsoDate(value: string): number | undefined {
  const m = ISO.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  if (Math.abs(offset) > 14 * 60) return undefined;
  const ms = frac === '' ? 0 : Math.floor(Number(`0${frac}`) * 1000);
  return Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms) - offset * 60_000;
}

function date(query: Query, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const ms = parseIsoDate(value);
  if (ms === undefined) throw badRequest(`${name} must be an ISO 8601 date (got "${value}")`);
  return ms;
}
