import { BOTH_TYPES, listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireAllocation, WireAllocationStatus, WireListQuery, WireView } from '../../bitgo/wire.types.js';
import type { Logger } from '../../common/logger.js';
import type { AllocationChange, ChangeFeed, ChangeSourceName, FeedChange, PartnerRequestChange, PartnerRequestSnapshot } from '../../store/change-feed.js';
import { AppError, AppErrorCode, badInput } from '../app-error.js';
import type { CallOptions } from '../../bitgo/client.js';
import { callerName, callOptions, requireToken, type Caller } from '../caller.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamError } from '../upstream-refusal.js';
import { AllocationWatcher, type WatchGroupInfo } from './allocation-watcher.js';
import { ConnectionSubscriptions, type ConnectionChangeEvent } from './connection-subscriptions.js';
import { SettlementSubscriptions, type SettlementChangeEvent } from './settlement-subscriptions.js';
import { enterpriseOf, externalIds, uuids } from './live-filter.rules.js';
import { LiveQueue, type LiveFailure } from './live-queue.js';
import { AllocationSubscription, PartnerRequestSubscription, type AllocationChangeEvent } from './live-subscription.js';
import { versionOf } from './record-version.js';
import { SubscriptionIndex } from './subscription-index.js';
import { SubscribeBudget } from './subscribe-budget.js';

export interface LiveSubscriptionsOptions {
  client: BitGoTransport;
  feed: ChangeFeed;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
  /** partnerAllocationRequestChanged's enterprise when none is named: the partner enterprise BitGo's calls are for. */
  defaultPartnerEnterpriseId: string | undefined;
  /** Most open subscriptions per caller (token) on this replica. */
  perCaller: number;
  /** The watcher's backoff: first re-read after `minMs`, doubling up to `maxMs`. */
  pollMinMs: number;
  pollMaxMs: number;
  /** A group's token is proven again with BitGo when no read has proven it for this long (the watcher's `recheckMs`). */
  tokenRecheckMs: number;
  /** Subscriptions one caller may open a minute on this replica (each asks BitGo once); 0: no limit. */
  opensPerMinute: number;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Told of every record the watcher re-read at BitGo (the read cache drops what it finds changed). */
  onPolled?: ((records: readonly WireAllocation[]) => void) | undefined;
}

export interface AllocationChangedRequest {
  enterpriseId?: string | null;
  view?: WireView | null;
  ids?: readonly string[] | null;
  connectionIds?: readonly string[] | null;
  clientExternalIds?: readonly string[] | null;
}

export interface ConnectionChangedRequest {
  enterpriseId?: string | null;
  view?: WireView | null;
  connectionIds?: readonly string[] | null;
}

export interface SettlementChangedRequest {
  enterpriseId?: string | null;
  view?: WireView | null;
  settlementIds?: readonly string[] | null;
  /** The partner's view: settlements a settle is about to make, by its externalId. */
  externalIds?: readonly string[] | null;
}

export interface PartnerRequestChangedRequest {
  enterpriseId?: string | null;
  connectionIds?: readonly string[] | null;
}

/** Events a subscriber may fall behind before it is ended (LIMIT_EXCEEDED). */
const QUEUE_LIMIT = 1_000;
/** Ids per watcher list call: its URL stays under 4 KB. */
const IDS_PER_CALL = 100;
/** Feed changes remembered for crediting re-reads (a few minutes' worth at any plausible rate). */
const ANNOUNCED_KEPT = 10_000;

type AnySubscription = AllocationSubscription | PartnerRequestSubscription;

/**
 * Live subscriptions of this replica. Changes come from the feed (every replica's mutations, reconciler and
 * partner ledger) and from the watcher (BitGo re-read for what nobody here causes). A change read in the
 * subscription's own scope (enterprise and view) is delivered as it is; a change seen in another scope (the
 * partner's update of a client's allocation) is re-read from BitGo in the subscriber's scope with its token, so
 * nothing reaches a subscriber that BitGo would not show it. Per subscription, records are delivered only
 * when later than the last it saw (see record-version.ts): never twice, never out of order.
 */
export class LiveSubscriptions {
  readonly #options: LiveSubscriptionsOptions;
  readonly #watcher: AllocationWatcher;
  readonly #opens: SubscribeBudget;
  readonly #unsubscribeFeed: () => void;
  readonly #index = new SubscriptionIndex();
  readonly #partnerSubs = new Set<PartnerRequestSubscription>();
  readonly #perCaller = new Map<string, number>();
  readonly #connections: ConnectionSubscriptions;
  readonly #settlements: SettlementSubscriptions;
  /** The latest record each feed change announced, with its cause: a re-read that finds that record credits that cause. */
  readonly #announced = new Map<string, { updatedAt: string; status: WireAllocationStatus; source: ChangeSourceName }>();
  #nextId = 1;
  /** Subscriptions whose check with BitGo is under way. */
  #opening = 0;
  #closed = false;

  constructor(options: LiveSubscriptionsOptions) {
    this.#options = options;
    this.#opens = new SubscribeBudget(options.opensPerMinute);
    this.#watcher = new AllocationWatcher({
      client: options.client,
      minMs: options.pollMinMs,
      maxMs: options.pollMaxMs,
      idsPerCall: IDS_PER_CALL,
      recheckMs: options.tokenRecheckMs,
      onRecords: (group, records, sources) => this.#polled(group, records, sources),
      onRefused: (key, error) => this.#refused(key, error),
      onFailed: (key, error) => options.logger.warn({ group: groupName(key), err: { name: (error as Error)?.name, status: (error as BitGoError)?.status } }, 'live: watcher read failed'),
    });
    this.#connections = new ConnectionSubscriptions({ client: options.client, pollMinMs: options.pollMinMs, pollMaxMs: options.pollMaxMs, recheckMs: options.tokenRecheckMs, logger: options.logger });
    this.#settlements = new SettlementSubscriptions({ client: options.client, pollMinMs: options.pollMinMs, pollMaxMs: options.pollMaxMs, recheckMs: options.tokenRecheckMs, logger: options.logger });
    this.#unsubscribeFeed = options.feed.subscribe({ change: (change) => this.#changed(change), wake: () => this.#watcher.wakeAll() });
  }

  /**
   * Opens an allocationChanged subscription: checks the filter and the caller's limit, asks BitGo (one list
   * call) that the token may read the scope and, for `ids`, that it sees every one of them; the records read
   * there are remembered (not delivered) and the RESERVED ones watched.
   */
  async allocationChanged(caller: Caller, request: AllocationChangedRequest): Promise<AsyncIterableIterator<AllocationChangeEvent | LiveFailure>> {
    const ids = uuids(request.ids, 'ids');
    const connectionIds = uuids(request.connectionIds, 'connectionIds');
    const clientExternalIds = externalIds(request.clientExternalIds);
    if (ids.size + connectionIds.size + clientExternalIds.size === 0) {
      throw badInput('Name what to follow: at least one of ids, connectionIds or clientExternalIds', 'ids');
    }
    const token = requireToken(caller);
    const scope = { enterpriseId: enterpriseOf(request.enterpriseId, this.#options.defaultEnterpriseId), view: request.view ?? this.#options.defaultView };
    const callerKey = this.#reserve(caller);
    const groupKey = `${scope.enterpriseId}|${scope.view}|${callerKey}`;
    const id = this.#nextId++;
    let subscription: AllocationSubscription | undefined;
    const queue = new LiveQueue<AllocationChangeEvent>(QUEUE_LIMIT, () => subscription && this.#remove(subscription), overflow);
    subscription = new AllocationSubscription(id, caller, callerKey, scope, groupKey, ids, connectionIds, clientExternalIds, queue);
    // Registered before BitGo is asked: a change during the check is queued (delivered only if the check passes).
    this.#add(subscription, token);
    return this.#open(queue, async () => {
      const query: WireListQuery =
        ids.size > 0
          ? { allocationIds: [...ids], types: BOTH_TYPES, pageNumber: 0, pageSize: ids.size }
          : connectionIds.size > 0
            ? { connectionIds: [...connectionIds], statuses: ['reserved'], types: BOTH_TYPES, pageNumber: 0, pageSize: IDS_PER_CALL }
            : { types: BOTH_TYPES, pageNumber: 0, pageSize: 1 };
      const { allocations } = await this.#read(scope.enterpriseId, scope.view, query, callOptions(caller));
      const missing = [...ids].filter((i) => !allocations.some((a) => a.id === i));
      if (missing.length > 0) {
        throw new AppError(AppErrorCode.NOT_FOUND, `BitGo shows no allocation ${missing.join(', ')} to this caller in the ${scope.view} view of enterprise ${scope.enterpriseId}`, { field: ['ids'] });
      }
      if (ids.size > 0 || connectionIds.size > 0) {
        for (const allocation of allocations) {
          if (!subscription.matches(allocation)) continue;
          subscription.seed(allocation);
          this.#track(subscription, allocation.id, subscription.versions.get(allocation.id)?.status);
        }
      }
    });
  }

  /** Opens a partnerAllocationRequestChanged subscription: the token must read the partner side of the enterprise. */
  async partnerRequestChanged(caller: Caller, request: PartnerRequestChangedRequest): Promise<AsyncIterableIterator<PartnerRequestSnapshot | LiveFailure>> {
    const connectionIds = uuids(request.connectionIds, 'connectionIds');
    // No token, no place taken: refused before the caller's limit counts it.
    requireToken(caller);
    const enterpriseId = enterpriseOf(request.enterpriseId, this.#options.defaultPartnerEnterpriseId ?? this.#options.defaultEnterpriseId);
    const callerKey = this.#reserve(caller);
    let subscription: PartnerRequestSubscription | undefined;
    const queue = new LiveQueue<PartnerRequestSnapshot>(QUEUE_LIMIT, () => subscription && this.#remove(subscription), overflow);
    subscription = new PartnerRequestSubscription(this.#nextId++, callerKey, enterpriseId, connectionIds, queue);
    this.#partnerSubs.add(subscription);
    return this.#open(queue, async () => {
      const filter = connectionIds.size > 0 ? { connectionIds: [...connectionIds] } : {};
      await this.#read(enterpriseId, 'partner', { ...filter, types: BOTH_TYPES, pageNumber: 0, pageSize: 1 }, callOptions(caller));
    });
  }

  /** What opening a subscription asks BitGo, counted in `opening` while it runs; a refusal ends the queue (and frees its place). */
  async #open<T>(queue: LiveQueue<T>, check: () => Promise<void>): Promise<LiveQueue<T>> {
    this.#opening += 1;
    try {
      await check();
    } catch (error) {
      queue.return();
      throw error;
    } finally {
      this.#opening -= 1;
    }
    return queue;
  }

  /** Opens a connectionChanged subscription (connection-subscriptions.ts): the caller must see every connection named. */
  async connectionChanged(caller: Caller, request: ConnectionChangedRequest): Promise<AsyncIterableIterator<ConnectionChangeEvent | LiveFailure>> {
    const ids = uuids(request.connectionIds, 'connectionIds');
    if (ids.size === 0) throw badInput('Name the connections to follow: connectionIds', 'connectionIds');
    requireToken(caller);
    const scope = { enterpriseId: enterpriseOf(request.enterpriseId, this.#options.defaultEnterpriseId), view: request.view ?? this.#options.defaultView };
    const callerKey = this.#reserve(caller);
    this.#opening += 1;
    try {
      return await this.#connections.open(caller, scope, ids, () => this.#release(callerKey));
    } finally {
      this.#opening -= 1;
    }
  }

  /** Opens a settlementChanged subscription (settlement-subscriptions.ts): by settlement ids, or (the partner) by externalIds. */
  async settlementChanged(caller: Caller, request: SettlementChangedRequest): Promise<AsyncIterableIterator<SettlementChangeEvent | LiveFailure>> {
    const ids = uuids(request.settlementIds, 'settlementIds');
    const external = externalIds(request.externalIds);
    const view = request.view ?? this.#options.defaultView;
    if (external.size > 0 && view !== 'partner') throw badInput('externalIds are the partner\'s: follow them in the PARTNER view', 'externalIds');
    if (ids.size + external.size === 0) throw badInput('Name the settlements to follow: settlementIds, or (PARTNER view) externalIds', 'settlementIds');
    requireToken(caller);
    const fallback = view === 'partner' ? (this.#options.defaultPartnerEnterpriseId ?? this.#options.defaultEnterpriseId) : this.#options.defaultEnterpriseId;
    const scope = { enterpriseId: enterpriseOf(request.enterpriseId, fallback), view };
    const callerKey = this.#reserve(caller);
    this.#opening += 1;
    try {
      return await this.#settlements.open(caller, scope, ids, external, () => this.#release(callerKey));
    } finally {
      this.#opening -= 1;
    }
  }

  /** Open subscriptions, callers holding one, and what the watcher holds: all zero once everyone has left. */
  stats(): { subscriptions: number; opening: number; callers: number; watchGroups: number; watched: number; indexed: number } {
    const { groups, watched } = this.#watcher.size;
    return {
      subscriptions: this.#partnerSubs.size + this.#index.count + this.#connections.size + this.#settlements.size,
      opening: this.#opening,
      callers: this.#perCaller.size,
      watchGroups: groups,
      watched,
      indexed: this.#index.keys,
    };
  }

  /** The watcher's tick and call counters. */
  get watcherCounters(): { ticks: number; calls: number } {
    return this.#watcher.counters;
  }

  /** Completes every subscription and refuses new ones; the transports then close their connections. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribeFeed();
    for (const subscription of this.#index.all()) subscription.queue.end();
    for (const subscription of [...this.#partnerSubs]) subscription.queue.end();
    this.#connections.close();
    this.#settlements.close();
    this.#watcher.close();
  }

  #reserve(caller: Caller): string {
    if (this.#closed) throw new AppError(AppErrorCode.SHUTTING_DOWN, 'The gateway is shutting down; subscribe again');
    const key = callerName(caller);
    const over = this.#opens.take(key);
    if (over) {
      throw new AppError(AppErrorCode.RATE_LIMITED, `A caller may open at most ${this.#opens.perMinute} subscriptions a minute on this gateway; retry in ${over.retryAfter} s`, {
        details: { retryAfter: over.retryAfter },
      });
    }
    const held = this.#perCaller.get(key) ?? 0;
    if (held >= this.#options.perCaller) {
      throw new AppError(AppErrorCode.LIMIT_EXCEEDED, `A caller may hold at most ${this.#options.perCaller} subscriptions on this gateway; end one first`);
    }
    this.#perCaller.set(key, held + 1);
    return key;
  }

  #add(subscription: AllocationSubscription, token: string): void {
    this.#index.add(subscription);
    this.#watcher.join(subscription.groupKey, subscription.scope, token);
  }

  #release(callerKey: string): void {
    const held = (this.#perCaller.get(callerKey) ?? 1) - 1;
    if (held > 0) this.#perCaller.set(callerKey, held);
    else this.#perCaller.delete(callerKey);
  }

  #remove(subscription: AnySubscription): void {
    this.#release(subscription.callerKey);
    if (subscription instanceof PartnerRequestSubscription) {
      this.#partnerSubs.delete(subscription);
      return;
    }
    this.#index.delete(subscription);
    this.#watcher.leave(subscription.groupKey, subscription);
  }

  /** The subscription's check, as the subscriber's own read: its token, request id and trace. */
  async #read(enterpriseId: string, view: WireView, query: WireListQuery, options: CallOptions): Promise<{ allocations: WireAllocation[] }> {
    try {
      return await listAllocations(this.#options.client, enterpriseId, view, query, options);
    } catch (error) {
      throw error instanceof BitGoError ? upstreamError(error) : error;
    }
  }

  #changed(change: FeedChange): void {
    if (change.kind === 'allocation') this.#allocationChanged(change, true);
    else if (change.kind === 'partner_request') this.#partnerRequestChanged(change);
    else if (change.kind === 'connection') this.#connections.changed(change);
    else if (change.kind === 'settlement') this.#settlements.changed(change);
    else if (change.kind === 'settlement_hint') this.#settlements.touched(change);
    else this.#reread(change.allocationId, change.connectionId, change.source);
  }

  /**
   * Offers a record read in (enterpriseId, view) to the subscriptions that follow it. `crossScope`: subscriptions
   * in another scope have it re-read in theirs (feed changes only: a re-read result never triggers another).
   */
  #allocationChanged(change: Omit<AllocationChange, 'kind'>, crossScope: boolean): void {
    const { allocation } = change;
    // What the event's own fields read further (its connection) is read in the scope it was answered in.
    withScope([allocation], { enterpriseId: change.enterpriseId, view: change.view });
    const elsewhere = new Map<string, AllocationSubscription>();
    // Parsed once for every subscriber it is offered to.
    const version = versionOf(allocation);
    for (const subscription of this.#index.following(allocation)) {
      if (subscription.inScope(change.enterpriseId, change.view)) {
        this.#track(subscription, allocation.id, subscription.offer(allocation, change.source, version));
      } else if (crossScope) {
        elsewhere.set(subscription.groupKey, subscription);
      }
    }
    if (elsewhere.size === 0) return;
    this.#announce(allocation, change.source);
    for (const groupKey of elsewhere.keys()) this.#watcher.refresh(groupKey, [allocation.id], change.source);
  }

  #announce(allocation: WireAllocation, source: ChangeSourceName): void {
    this.#announced.delete(allocation.id);
    this.#announced.set(allocation.id, { updatedAt: allocation.updatedAt, status: allocation.status, source });
    if (this.#announced.size > ANNOUNCED_KEPT) this.#announced.delete(this.#announced.keys().next().value!);
  }

  /**
   * Why a re-read record changed: the feed change that announced this very record (a poll may find it before the
   * re-read asked for it does), else what asked for the read (a webhook), else the poll itself.
   */
  #causeOf(allocation: WireAllocation, asked: ChangeSourceName | undefined): ChangeSourceName {
    const announced = this.#announced.get(allocation.id);
    if (announced && announced.updatedAt === allocation.updatedAt && announced.status === allocation.status) return announced.source;
    return asked ?? 'POLL';
  }

  /** A partner ledger change: to the partner's subscribers, and a webhook-caused re-read for allocation subscribers. */
  #partnerRequestChanged(change: PartnerRequestChange): void {
    for (const subscription of this.#partnerSubs) if (subscription.enterpriseId === change.enterpriseId) subscription.offer(change.request);
    this.#reread(change.request.id, change.request.connectionId, change.source);
  }

  /** Subscriptions following the allocation (by id or connection) have it re-read in their scope, with their token. */
  #reread(allocationId: string, connectionId: string | null, source: ChangeSourceName): void {
    const groups = new Set([...this.#index.followingIdOrConnection(allocationId, connectionId)].map((s) => s.groupKey));
    for (const groupKey of groups) this.#watcher.refresh(groupKey, [allocationId], source);
  }

  #polled(group: WatchGroupInfo, records: readonly WireAllocation[], sources: ReadonlyMap<string, ChangeSourceName>): void {
    this.#options.onPolled?.(records);
    for (const allocation of records) {
      const source = this.#causeOf(allocation, sources.get(allocation.id));
      this.#allocationChanged({ enterpriseId: group.scope.enterpriseId, view: group.scope.view, allocation, source }, false);
    }
  }

  #refused(groupKey: string, error: BitGoError): void {
    const ended = upstreamError(error);
    for (const subscription of [...this.#index.inGroup(groupKey)]) subscription.queue.fail(ended);
  }

  /** RESERVED for a subscription: the watcher re-reads it; anything else: no longer. */
  #track(subscription: AllocationSubscription, allocationId: string, status: WireAllocationStatus | undefined): void {
    if (subscription.queue.ended) return;
    if (status === 'reserved') this.#watcher.watch(subscription.groupKey, allocationId, subscription);
    else this.#watcher.unwatch(subscription.groupKey, allocationId, subscription);
  }
}

function overflow(): AppError {
  return new AppError(AppErrorCode.LIMIT_EXCEEDED, `This subscriber fell more than ${QUEUE_LIMIT} events behind; subscribe again and query what changed`);
}

/** A group's key without its caller part, for logs. */
function groupName(key: string): string {
  return key.split('|').slice(0, 2).join('|');
}
