import type { ReadKind } from '../../bitgo/read-kinds.js';
import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { Change, ChangeFeed } from '../../store/change-feed.js';
import type { AllocationAnswer, AllocationTouched, ChangePublisher, ConnectionAnswer, PartnerRequestAnswer, SettlementAnswer, SettlementTouched } from '../live/change-publisher.js';
import type { ReadCache } from './read-cache.js';

/**
 * Which reads a change the gateway sees makes stale, by change kind (the change feed's kinds, and `watcher` for
 * what the live watcher finds changed at BitGo). A new change kind is one line here (the Record makes it required).
 * An allocation moves its connection's balances; a connection appears in (or leaves) the balances report.
 */
export const INVALIDATES: Readonly<Record<Change['kind'] | 'watcher', readonly ReadKind[]>> = {
  allocation: ['allocations', 'balances'],
  allocation_hint: ['allocations', 'balances'],
  partner_request: ['allocations', 'balances'],
  connection: ['connections', 'balances'],
  // A settlement moves its connections' balances (the settlement reads themselves are not cached).
  settlement: ['balances'],
  settlement_hint: ['balances'],
  watcher: ['allocations', 'balances'],
};

/** Versions of the allocations the watcher saw, kept to tell a change from a re-read of the same record. */
const WATCHED_KEPT = 10_000;

/**
 * Keeps the read cache fresh with what the gateway sees: its own changes are dropped before the change is published
 * (so the mutation's answer, and any read after it, on this replica, finds nothing older), and every replica's
 * changes are dropped again when the feed brings them (a replica with a cache of its own; with Redis the second drop
 * costs one INCR).
 */
export class ReadCacheInvalidation {
  readonly #cache: Pick<ReadCache, 'invalidate'>;
  readonly #watched = new Map<string, string>();
  readonly #unsubscribe: () => void;

  /** Without a feed (the cache is off) nothing listens: the publisher and the watcher's hook are then no-ops. */
  constructor(cache: Pick<ReadCache, 'invalidate'>, feed: ChangeFeed | undefined) {
    this.#cache = cache;
    this.#unsubscribe = !feed ? () => undefined : feed.subscribe({
      change: (change) => void this.#cache.invalidate(INVALIDATES[change.kind]),
      // The feed may have missed changes: nothing it could have announced is trusted.
      wake: () => void this.#cache.invalidate([...new Set(Object.values(INVALIDATES).flat())]),
    });
  }

  /** The publisher every write, the reconciler and the partner side use: the cache is dropped first, then the change published. */
  publisher(inner: ChangePublisher): ChangePublisher {
    const drop = (kind: Change['kind']) => this.#cache.invalidate(INVALIDATES[kind]);
    return {
      allocationAnswered: async (answer: AllocationAnswer) => (await drop('allocation'), inner.allocationAnswered(answer)),
      connectionAnswered: async (answer: ConnectionAnswer) => (await drop('connection'), inner.connectionAnswered(answer)),
      partnerRequestChanged: async (change: PartnerRequestAnswer) => (await drop('partner_request'), inner.partnerRequestChanged(change)),
      allocationTouched: async (touch: AllocationTouched) => (await drop('allocation_hint'), inner.allocationTouched(touch)),
      settlementAnswered: async (answer: SettlementAnswer) => (await drop('settlement'), inner.settlementAnswered(answer)),
      settlementTouched: async (touch: SettlementTouched) => (await drop('settlement_hint'), inner.settlementTouched(touch)),
    };
  }

  /** What the watcher re-read at BitGo: a record it had not seen in this version is a change nobody here caused. */
  watcherSaw(records: readonly WireAllocation[]): void {
    let changed = false;
    for (const record of records) {
      const version = `${record.status}|${record.updatedAt}`;
      if (this.#watched.get(record.id) === version) continue;
      this.#watched.delete(record.id);
      if (this.#watched.size >= WATCHED_KEPT) this.#watched.delete(this.#watched.keys().next().value!);
      this.#watched.set(record.id, version);
      changed = true;
    }
    if (changed) void this.#cache.invalidate(INVALIDATES.watcher);
  }

  close(): void {
    this.#unsubscribe();
  }
}
