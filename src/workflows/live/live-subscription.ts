import type { WireAllocation, WireAllocationStatus, WireView } from '../../bitgo/wire.types.js';
import type { ChangeSourceName, PartnerRequestSnapshot } from '../../store/change-feed.js';
import type { Caller } from '../caller.js';
import { LiveQueue } from './live-queue.js';
import { isLater, versionOf, type RecordVersion } from './record-version.js';

/** What an allocationChanged subscriber receives. */
export interface AllocationChangeEvent {
  allocation: WireAllocation;
  /**
   * The status this subscription last saw for the allocation (delivered, or read when it subscribed); null when it
   * saw none. Each subscription's own: what one subscriber saw last is not what another did.
   */
  previousStatus: WireAllocationStatus | null;
  source: ChangeSourceName;
}

export interface LiveScope {
  enterpriseId: string;
  view: WireView;
}

/** Records remembered per subscription (for order and duplicates); the oldest final ones go first beyond it. */
const VERSIONS_KEPT = 10_000;

interface Seen {
  version: RecordVersion;
  status: WireAllocationStatus;
}

/** Per-record memory of what a subscription has delivered, bounded. */
class Versions {
  readonly #seen = new Map<string, Seen>();

  get(id: string): Seen | undefined {
    return this.#seen.get(id);
  }

  /** True when `record` is later than what was seen (and is now remembered). */
  advance(id: string, record: { updatedAt: string; status: WireAllocationStatus }, version = versionOf(record)): { advanced: boolean; before: Seen | undefined } {
    const before = this.#seen.get(id);
    if (before && !isLater(version, before.version)) return { advanced: false, before };
    this.#seen.delete(id);
    this.#seen.set(id, { version, status: record.status });
    if (this.#seen.size > VERSIONS_KEPT) this.#evictOne();
    return { advanced: true, before };
  }

  #evictOne(): void {
    for (const [id, seen] of this.#seen) {
      if (seen.status !== 'reserved') {
        this.#seen.delete(id);
        return;
      }
    }
    this.#seen.delete(this.#seen.keys().next().value!);
  }
}

/** One allocationChanged subscription: its filter, its scope and token group, its queue and what it has seen. */
export class AllocationSubscription {
  readonly versions = new Versions();

  constructor(
    readonly id: number,
    readonly caller: Caller,
    /** `callerName`: the per-caller limit counts by it. */
    readonly callerKey: string,
    readonly scope: LiveScope,
    /** Scope and token: the watcher batches BitGo reads per group. */
    readonly groupKey: string,
    readonly ids: ReadonlySet<string>,
    readonly connectionIds: ReadonlySet<string>,
    readonly clientExternalIds: ReadonlySet<string>,
    readonly queue: LiveQueue<AllocationChangeEvent>,
  ) {}

  inScope(enterpriseId: string, view: WireView): boolean {
    return this.scope.enterpriseId === enterpriseId && this.scope.view === view;
  }

  matches(allocation: WireAllocation): boolean {
    return this.ids.has(allocation.id) || this.connectionIds.has(allocation.connectionId) || this.clientExternalIds.has(allocation.clientExternalId);
  }

  /** What the subscriber read when it subscribed: remembered, not delivered. */
  seed(allocation: WireAllocation): void {
    this.versions.advance(allocation.id, allocation);
  }

  /** Queues the record if it is later than what this subscription saw; answers the status it now knows. */
  offer(allocation: WireAllocation, source: ChangeSourceName, version = versionOf(allocation)): WireAllocationStatus {
    const { advanced, before } = this.versions.advance(allocation.id, allocation, version);
    if (!advanced) return before!.status;
    this.queue.push({ allocation, previousStatus: before?.status ?? null, source });
    return allocation.status;
  }
}

/** One partnerAllocationRequestChanged subscription. */
export class PartnerRequestSubscription {
  readonly versions = new Versions();

  constructor(
    readonly id: number,
    readonly callerKey: string,
    /** The partner enterprise whose ledger it follows. */
    readonly enterpriseId: string,
    /** Empty: every connection of the partner. */
    readonly connectionIds: ReadonlySet<string>,
    readonly queue: LiveQueue<PartnerRequestSnapshot>,
  ) {}

  offer(request: PartnerRequestSnapshot): void {
    if (this.connectionIds.size > 0 && !this.connectionIds.has(request.connectionId)) return;
    if (this.versions.advance(request.id, request).advanced) this.queue.push(request);
  }
}
