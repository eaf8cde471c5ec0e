import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireSettlement } from '../../bitgo/settlement.wire.js';
import { listSettlements } from '../../bitgo/settlements.api.js';
import type { Logger } from '../../common/logger.js';
import type { ChangeSourceName, SettlementChange, SettlementHint } from '../../store/change-feed.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { callOptions, type Caller } from '../caller.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamError } from '../upstream-refusal.js';
import { LiveQueue, type LiveFailure } from './live-queue.js';
import type { LiveScope } from './live-subscription.js';
import { PollBackoff } from './poll-backoff.js';

/** What happened to a settlement, as settlementChanged names it. */
export type SettlementChangeKind = 'CREATED' | 'COMPLETED' | 'FAILED' | 'DISPUTED' | 'UPDATED';

export interface SettlementChangeEvent {
  settlement: WireSettlement;
  changes: SettlementChangeKind[];
  /** The status this subscription saw last; null for a settlement it had not seen (CREATED). */
  previousStatus: string | null;
  source: ChangeSourceName;
}

export interface SettlementSubscriptionsOptions {
  client: BitGoTransport;
  /** While a followed settlement is pending (or awaited by externalId), it is re-read after `pollMinMs`, doubling up to `pollMaxMs`. */
  pollMinMs: number;
  pollMaxMs: number;
  /** Otherwise the token is proven again (one read) this often. */
  recheckMs: number;
  logger: Pick<Logger, 'warn'>;
}

const QUEUE_LIMIT = 1_000;

function changesBetween(before: WireSettlement | undefined, after: WireSettlement): SettlementChangeKind[] {
  const out: SettlementChangeKind[] = [];
  if (!before) out.push('CREATED');
  if (before?.status !== after.status && after.status === 'completed') out.push('COMPLETED');
  if (before?.status !== after.status && (after.status === 'failed' || after.status === 'rejected')) out.push('FAILED');
  if (!before?.disputed && after.disputed) out.push('DISPUTED');
  return out.length > 0 ? out : ['UPDATED'];
}

/** A settlement's version: BitGo moves `updatedAt` on every change; `disputed` may flip without it in some answers. */
function later(before: WireSettlement | undefined, after: WireSettlement): boolean {
  if (!before) return true;
  const a = Date.parse(after.updatedAt);
  const b = Date.parse(before.updatedAt);
  return a > b || (a === b && (before.status !== after.status || Boolean(before.disputed) !== Boolean(after.disputed)));
}

/** One settlementChanged subscription: the settlements it follows (by id, or by the partner's externalId) as it last saw them. */
class SettlementSubscription {
  readonly seen = new Map<string, WireSettlement>();
  timer: NodeJS.Timeout | undefined;
  delayMs: number;

  constructor(
    readonly caller: Caller,
    readonly scope: LiveScope,
    readonly ids: ReadonlySet<string>,
    readonly externalIds: ReadonlySet<string>,
    readonly queue: LiveQueue<SettlementChangeEvent>,
    pollMinMs: number,
  ) {
    this.delayMs = pollMinMs;
  }

  follows(s: WireSettlement): boolean {
    return this.ids.has(s.id) || this.externalIds.has(s.externalId);
  }

  /** Delivered only when later than what this subscription saw. */
  offer(settlement: WireSettlement, source: ChangeSourceName): void {
    if (!this.follows(settlement)) return;
    const before = this.seen.get(settlement.id);
    if (!later(before, settlement)) return;
    this.seen.set(settlement.id, settlement);
    withScope([settlement], this.scope);
    this.queue.push({ settlement, changes: changesBetween(before, settlement), previousStatus: before?.status ?? null, source });
  }

  /** Something is still to come: a pending settlement, or an externalId not seen yet. */
  get waiting(): boolean {
    const seenExternal = new Set([...this.seen.values()].map((s) => s.externalId));
    return [...this.seen.values()].some((s) => s.status === 'pending') || [...this.externalIds].some((x) => !seenExternal.has(x));
  }
}

/**
 * settlementChanged: created, completed, failed, disputed. What this gateway's settle and dispute mutations (and the
 * reconciler) answered arrives through the change feed; what only BitGo does (processing a v2 settlement after its
 * window, a client's dispute through another gateway) is re-read with the subscriber's own token, one list call for
 * every settlement it follows: soon and with backoff while one is pending, every `recheckMs` otherwise.
 */
export class SettlementSubscriptions {
  readonly #subscriptions = new Set<SettlementSubscription>();

  readonly #polls: PollBackoff<WireSettlement, SettlementSubscription>;

  constructor(private readonly options: SettlementSubscriptionsOptions) {
    this.#polls = new PollBackoff<WireSettlement, SettlementSubscription>({ ...options, read: (subscription) => this.#read(subscription), what: 'settlement' });
  }

  get size(): number {
    return this.#subscriptions.size;
  }

  /** Reads what it follows once (every id must be visible to the caller), then follows it. `release` runs when it ends. */
  async open(caller: Caller, scope: LiveScope, ids: ReadonlySet<string>, externalIds: ReadonlySet<string>, release: () => void): Promise<AsyncIterableIterator<SettlementChangeEvent | LiveFailure>> {
    let subscription: SettlementSubscription | undefined;
    const queue = new LiveQueue<SettlementChangeEvent>(
      QUEUE_LIMIT,
      () => {
        if (subscription) {
          clearTimeout(subscription.timer);
          this.#subscriptions.delete(subscription);
        }
        release();
      },
      () => new AppError(AppErrorCode.LIMIT_EXCEEDED, `This subscriber fell more than ${QUEUE_LIMIT} events behind; subscribe again and query the settlements`),
    );
    subscription = new SettlementSubscription(caller, scope, ids, externalIds, queue, this.options.pollMinMs);
    try {
      const settlements = await this.#read(subscription);
      const missing = [...ids].filter((id) => !settlements.some((s) => s.id === id));
      if (missing.length > 0) {
        throw new AppError(AppErrorCode.NOT_FOUND, `BitGo shows no settlement ${missing.join(', ')} to this caller in the ${scope.view} view of enterprise ${scope.enterpriseId}`, { field: ['settlementIds'] });
      }
      for (const s of settlements) if (subscription.follows(s)) subscription.seen.set(s.id, s);
    } catch (error) {
      queue.return();
      throw error instanceof BitGoError ? upstreamError(error) : error;
    }
    this.#subscriptions.add(subscription);
    this.#polls.schedule(subscription);
    return queue;
  }

  /** A settlement this gateway's settle or reconciler got from BitGo: as it is in its own scope, re-read in any other. */
  changed(change: SettlementChange): void {
    for (const subscription of this.#subscriptions) {
      if (!subscription.follows(change.settlement)) continue;
      if (subscription.scope.enterpriseId === change.enterpriseId && subscription.scope.view === change.view) subscription.offer(change.settlement, change.source);
      else this.#polls.refresh(subscription, 0);
    }
  }

  /** A dispute of a settlement settled here: subscriptions following it re-read it now. */
  touched(hint: SettlementHint): void {
    for (const subscription of this.#subscriptions) {
      if (subscription.ids.has(hint.settlementId) || subscription.seen.has(hint.settlementId)) this.#polls.refresh(subscription, 0);
    }
  }

  close(): void {
    for (const subscription of [...this.#subscriptions]) subscription.queue.end();
  }

  async #read(subscription: SettlementSubscription): Promise<WireSettlement[]> {
    const { scope } = subscription;
    const call = callOptions(subscription.caller);
    const ids = [...new Set([...subscription.ids, ...subscription.seen.keys()])];
    const out: WireSettlement[] = [];
    if (ids.length > 0) out.push(...(await listSettlements(this.options.client, scope.enterpriseId, scope.view, { settlementIds: ids, pageNumber: 0, pageSize: ids.length }, call)).settlements);
    // The partner's externalIds: what a settle is about to make (BitGo's client list has no such filter).
    const external = [...subscription.externalIds];
    if (external.length > 0 && scope.view === 'partner') {
      out.push(...(await listSettlements(this.options.client, scope.enterpriseId, 'partner', { externalIds: external, pageNumber: 0, pageSize: external.length * 2 }, call)).settlements);
    }
    return out;
  }
}
