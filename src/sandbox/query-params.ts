import { badRequest, isUuid } from './http.js';

/**
 * Query-parameter readers shared by the list routes, validated as strictly as
 * BitGo's codecs: anything malformed is a 400 naming the parameter. A list
 * parameter may be comma-separated, repeated, or both.
 */

export type Query = Record<string, string[]>;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface Paging {
  pageNumber: number;
  pageSize: number;
}

/** pageNumber (zero-based, skips pageSize * pageNumber) and pageSize. */
export function paging(query: Query): Paging {
  return {
    pageNumber: integer(query, 'pageNumber', 0, 0, Number.MAX_SAFE_INTEGER),
    pageSize: integer(query, 'pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
}

export function page<T>(items: readonly T[], p: Paging): T[] {
  const start = p.pageNumber * p.pageSize;
  return items.slice(start, start + p.pageSize);
}

export function single(query: Query, name: string): string | undefined {
  const values = query[name];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw badRequest(`${name} must be given once`);
  return values[0];
}

export function list(query: Query, name: string, valid: (item: string) => boolean, expected: string): Set<string> | undefined {
  const values = query[name];
  if (values === undefined) return undefined;
  const items = values.flatMap((v) => v.split(','));
  for (const item of items) {
    if (item === '') throw badRequest(`${name} must be a comma-separated list without empty items`);
    if (!valid(item)) throw badRequest(`${name}: "${item}" is not ${expected}`);
  }
  return new Set(items);
}

/** A list of non-empty strings (names, partner-side ids). */
export function strings(query: Query, name: string): Set<string> | undefined {
  return list(query, name, () => true, 'a non-empty string');
}

/** A list of UUIDs, lower-cased. */
export function uuids(query: Query, name: string): Set<string> | undefined {
  const set = list(query, name, isUuid, 'a UUID');
  return set === undefined ? undefined : new Set([...set].map((s) => s.toLowerCase()));
}

export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function boolean(query: Query, name: string): boolean | undefined {
  const value = oneOf(query, name, ['true', 'false'] as const);
  return value === undefined ? undefined : value === 'true';
}

export function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw badRequest(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
  return n;
}
