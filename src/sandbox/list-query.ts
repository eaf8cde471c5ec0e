import type { WireAllocationStatus, WireAllocationType, WireSortDirection, WireSortField } from '../bitgo/wire.types.js';
import { badRequest, isUuid } from './http.js';
import { TRUST_ORGS, type TrustOrg, type View } from './types.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ListFilter {
  allocationIds?: Set<string>;
  types?: Set<WireAllocationType>;
  statuses?: Set<WireAllocationStatus>;
  currencies?: Set<string>;
  connectionIds?: Set<string>;
  partnerIds?: Set<string>;
  clientIds?: Set<string>;
  trustOrg?: TrustOrg;
  /** Epoch ms, inclusive. */
  createdOnOrAfter?: number;
  /** Epoch ms, exclusive. */
  createdBefore?: number;
  pageNumber: number;
  pageSize: number;
  sortField?: WireSortField;
  sortDirection: WireSortDirection;
}

type Query = Record<string, string[]>;

const TYPES: readonly WireAllocationType[] = ['allocation', 'deallocation'];
const STATUSES: readonly WireAllocationStatus[] = ['cleared', 'released', 'reserved'];
const SORT_FIELDS: Record<View, readonly WireSortField[]> = { client: ['id', 'updatedAt', 'quantity', 'currency'], partner: ['id', 'updatedAt', 'quantity'] };

/**
 * The list routes' query, validated as strictly as BitGo's codecs: anything
 * malformed is a 400 naming the parameter. Unknown parameters are ignored.
 */
export function parseListQuery(query: Query, view: View): ListFilter {
  const filter: ListFilter = {
    pageNumber: integer(query, 'pageNumber', 0, 0, Number.MAX_SAFE_INTEGER),
    pageSize: integer(query, 'pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    sortDirection: oneOf(query, 'sortDirection', ['ASC', 'DESC'] as const) ?? 'ASC',
  };
  const allocationIds = uuids(query, 'allocationIds');
  if (allocationIds) filter.allocationIds = allocationIds;
  const types = list(query, 'types', (v) => (TYPES as readonly string[]).includes(v), `one of ${TYPES.join(', ')}`);
  if (types) filter.types = types as Set<WireAllocationType>;
  const statuses = list(query, 'statuses', (v) => (STATUSES as readonly string[]).includes(v), `one of ${STATUSES.join(', ')}`);
  if (statuses) filter.statuses = statuses as Set<WireAllocationStatus>;
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

function single(query: Query, name: string): string | undefined {
  const values = query[name];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw badRequest(`${name} must be given once`);
  return values[0];
}

function list(query: Query, name: string, valid: (item: string) => boolean, expected: string): Set<string> | undefined {
  const values = query[name];
  if (values === undefined) return undefined;
  const items = values.flatMap((v) => v.split(','));
  for (const item of items) {
    if (item === '') throw badRequest(`${name} must be a comma-separated list without empty items`);
    if (!valid(item)) throw badRequest(`${name}: "${item}" is not ${expected}`);
  }
  return new Set(items);
}

function uuids(query: Query, name: string): Set<string> | undefined {
  const set = list(query, name, isUuid, 'a UUID');
  return set === undefined ? undefined : new Set([...set].map((s) => s.toLowerCase()));
}

function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw badRequest(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
  return n;
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
