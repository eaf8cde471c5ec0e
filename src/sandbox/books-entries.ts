import type { BooksEntry, JsonValue } from './persistence.js';
import type { StoredDispute, StoredSettlement } from './settlement-books.js';
import type { AnyConnection, Balance, Enterprise, StoredRecord, TokenGrant } from './types.js';

/**
 * The books as plain JSON entries, one per item, and back. Amounts are decimal strings (never numbers); a
 * two-part key (account and currency, enterprise and nonce) is the JSON of the pair, so no separator can
 * collide with a part.
 */

export type EntryKind = 'enterprise' | 'key' | 'token' | 'connection' | 'balance' | 'record' | 'nonce' | 'settlement' | 'dispute';

/** The order a snapshot lists kinds in: what an item refers to comes before it. */
export const KINDS: readonly EntryKind[] = ['enterprise', 'key', 'token', 'connection', 'balance', 'record', 'nonce', 'settlement', 'dispute'];

export const pairKey = (a: string, b: string): string => JSON.stringify([a, b]);

export function parsePair(key: string): [string, string] {
  const pair: unknown = JSON.parse(key);
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
    throw new Error(`books: not a two-part key: ${key.slice(0, 80)}`);
  }
  return [pair[0], pair[1]];
}

/** The sandbox's own types are plain data (strings, booleans, nulls, arrays, objects): JSON as they are. */
const json = (value: object): JsonValue => value as unknown as JsonValue;

export const entry = {
  enterprise: (e: Enterprise): BooksEntry => ({ kind: 'enterprise', key: e.id, value: json(e) }),
  connection: (c: AnyConnection): BooksEntry => ({ kind: 'connection', key: c.id, value: json(c) }),
  record: (r: StoredRecord): BooksEntry => ({ kind: 'record', key: r.wire.id, value: json(r) }),
  settlement: (s: StoredSettlement): BooksEntry => ({ kind: 'settlement', key: s.wire.id, value: json(s) }),
  dispute: (d: StoredDispute): BooksEntry => ({ kind: 'dispute', key: d.wire.id, value: json(d) }),
  token: (token: string, grant: TokenGrant): BooksEntry => ({ kind: 'token', key: token, value: json({ token, grant }) }),
  key: (enterpriseId: string, publicKeyHex: string): BooksEntry => ({ kind: 'key', key: pairKey(enterpriseId, publicKeyHex), value: { enterpriseId, publicKeyHex } }),
  nonce: (enterpriseId: string, nonce: string): BooksEntry => ({ kind: 'nonce', key: pairKey(enterpriseId, nonce), value: { enterpriseId, nonce } }),
  balance: (account: string, currency: string, b: Balance): BooksEntry => ({
    kind: 'balance',
    key: pairKey(account, currency),
    value: { account, currency, available: b.available.toString(), held: b.held.toString() },
  }),
};

/** What `value` holds for each kind, read back. */
export interface Restored {
  enterprise: Enterprise;
  connection: AnyConnection;
  record: StoredRecord;
  token: { token: string; grant: TokenGrant };
  key: { enterpriseId: string; publicKeyHex: string };
  nonce: { enterpriseId: string; nonce: string };
  balance: { account: string; currency: string; balance: Balance };
  settlement: StoredSettlement;
  dispute: StoredDispute;
}

const SIGNED_INTEGER = /^-?[0-9]+$/;

export function restored<K extends EntryKind>(kind: K, value: JsonValue): Restored[K] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`books: a ${kind} entry is not an object`);
  if (kind !== 'balance') return value as unknown as Restored[K];
  const { account, currency, available, held } = value as Record<string, JsonValue>;
  if (typeof account !== 'string' || typeof currency !== 'string' || typeof available !== 'string' || typeof held !== 'string' || !SIGNED_INTEGER.test(available) || !SIGNED_INTEGER.test(held)) {
    throw new Error('books: a balance entry is not { account, currency, available, held } with decimal amounts');
  }
  return { account, currency, balance: { available: BigInt(available), held: BigInt(held) } } as Restored[K];
}
