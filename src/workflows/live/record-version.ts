import type { WireAllocationStatus } from '../../bitgo/wire.types.js';

/**
 * Where a record stands in its own history: BitGo's `updatedAt`, then the status (RESERVED comes before CLEARED
 * and RELEASED, which are final). A subscription delivers a record only when it is strictly later than the last
 * one it delivered (or read when it subscribed) for that id: so no event reaches it twice, whichever sources
 * (mutation, other replica, webhook, poll) bring the same record, and a late, older record never follows a newer one.
 */
export interface RecordVersion {
  at: number;
  rank: number;
}

const RANK: Record<WireAllocationStatus, number> = { reserved: 0, cleared: 1, released: 1 };

export function versionOf(record: { updatedAt: string; status: WireAllocationStatus }): RecordVersion {
  const at = Date.parse(record.updatedAt);
  return { at: Number.isFinite(at) ? at : 0, rank: RANK[record.status] ?? 0 };
}

export function isLater(a: RecordVersion, b: RecordVersion): boolean {
  return a.at > b.at || (a.at === b.at && a.rank > b.rank);
}

export function isFinal(status: WireAllocationStatus): boolean {
  return status !== 'reserved';
}
