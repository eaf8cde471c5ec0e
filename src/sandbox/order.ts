import type { AllocationRecord, SortDirection, SortField } from './wire.types.js';

/**
 * BitGo's list order: the requested field in the requested direction, then
 * always createdAt ascending and id ascending, so the order is total and
 * flipping the direction does not simply reverse the list. Quantities compare
 * as BigInt (they exceed 2^53); strings compare by code unit, like the
 * database collation BitGo sorts with for ids and currency codes.
 */
interface Keys {
  created: number;
  updated: number;
  quantity: bigint;
}

/** Parsed once per record object: records are replaced, never mutated, when they change. */
const keyCache = new WeakMap<AllocationRecord, Keys>();

export function keysOf(record: AllocationRecord): Keys {
  let keys = keyCache.get(record);
  if (keys === undefined) {
    keys = { created: Date.parse(record.createdAt), updated: Date.parse(record.updatedAt), quantity: BigInt(record.amount.quantity) };
    keyCache.set(record, keys);
  }
  return keys;
}

interface Keyed {
  record: AllocationRecord;
  created: number;
  primary: bigint | number | string;
}

function cmp<T extends bigint | number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function primaryKey(record: AllocationRecord, keys: Keys, field: SortField | undefined): bigint | number | string {
  switch (field) {
    case 'quantity':
      return keys.quantity;
    case 'updatedAt':
      return keys.updated;
    case 'currency':
      return record.amount.currency;
    case 'id':
      return record.id;
    default:
      return 0;
  }
}

export function sortRecords(records: readonly AllocationRecord[], field: SortField | undefined, direction: SortDirection): AllocationRecord[] {
  const sign = direction === 'DESC' ? -1 : 1;
  const keyed: Keyed[] = records.map((record) => {
    const keys = keysOf(record);
    return { record, created: keys.created, primary: primaryKey(record, keys, field) };
  });
  keyed.sort((a, b) => sign * cmp(a.primary, b.primary) || cmp(a.created, b.created) || cmp(a.record.id, b.record.id));
  return keyed.map((k) => k.record);
}
