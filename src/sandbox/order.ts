import type { WireAllocation, WireSortDirection, WireSortField } from '../bitgo/wire.types.js';

/**
 * BitGo's list order: the requested field in the requested direction, then
 * always createdAt ascending and id ascending, so the order is total and
 * flipping the direction does not simply reverse the list. Quantities compare
 * as BigInt (they exceed 2^53); strings compare by code unit, like the
 * database collation BitGo sorts with for ids and currency codes.
 */
interface Keyed {
  record: WireAllocation;
  created: number;
  primary: bigint | number | string;
}

function cmp<T extends bigint | number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function primaryKey(record: WireAllocation, field: WireSortField | undefined): bigint | number | string {
  switch (field) {
    case 'quantity':
      return BigInt(record.amount.quantity);
    case 'updatedAt':
      return Date.parse(record.updatedAt);
    case 'currency':
      return record.amount.currency;
    case 'id':
      return record.id;
    default:
      return 0;
  }
}

export function sortRecords(records: readonly WireAllocation[], field: WireSortField | undefined, direction: WireSortDirection): WireAllocation[] {
  const sign = direction === 'DESC' ? -1 : 1;
  const keyed: Keyed[] = records.map((record) => ({ record, created: Date.parse(record.createdAt), primary: primaryKey(record, field) }));
  keyed.sort((a, b) => sign * cmp(a.primary, b.primary) || cmp(a.created, b.created) || cmp(a.record.id, b.record.id));
  return keyed.map((k) => k.record);
}
