import { BOTH_TYPES, listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { ChangeSourceName } from '../../store/change-feed.js';
import type { LiveScope } from './live-subscription.js';
import { isFinal } from './record-version.js';

export interface AllocationWatcherOptions {
  client: BitGoTransport;
  /** First re-read this long after an allocation is watched; also the tick. Default 1 s. */
  minMs: number;
  /** The backoff doubles up to this. Default 30 s. */
  maxMs: number;
  /** Ids in one list call (its URL stays a few KB). */
  idsPerCall: number;
  /**
   * A group's token is proven again (one `pageSize=1` read) when no read has proven it for this long, so that a
   * token BitGo revoked, or a caller it no longer lets read the scope, stops receiving changes from the feed.
   */
  recheckMs: number;
  /** BitGo's answer for a group: every record it returned, with what caused each read. */
  onRecords(group: WatchGroupInfo, records: readonly WireAllocation[], sources: ReadonlyMap<string, ChangeSourceName>): void;
  /** BitGo no longer accepts the group's token for its scope (401, 403, 404): its subscriptions end. */
  onRefused(groupKey: string, error: BitGoError): void;
  /** A read failed for another reason (outage, timeout): the entries keep their backoff. */
  onFailed(groupKey: string, error: unknown): void;
}

export interface WatchGroupInfo {
  key: string;
  scope: LiveScope;
}

interface Entry {
  /** Subscriptions that hold the allocation reserved. */
  watchers: Set<object>;
  delayMs: number;
  nextAt: number;
}

interface Group extends WatchGroupInfo {
  token: string;
  /** When BitGo last answered a read made with the token (the subscription's own check counts). */
  provenAt: number;
  /** Subscriptions of the group (the group lives while one does). */
  members: number;
  entries: Map<string, Entry>;
  /** Reads asked for now (a change seen in another scope, a webhook, a reconnect), with their cause. */
  urgent: Map<string, ChangeSourceName>;
  busy: boolean;
}


/**
 * Re-reads from BitGo what nobody here causes. Allocations that a subscription holds RESERVED are watched per
 * group (enterprise, view and token: what one list call can read): each is re-read after 1 s, then 2, 4, … up
 * to 30 s, and forgotten once final or no longer held. Per tick a group makes at most one `allocationIds` list
 * call, with the most overdue ids first; reads asked for "now" go out in one call per group at the next turn
 * of the event loop. A group never has two calls in flight.
 */
export class AllocationWatcher {
  readonly #options: AllocationWatcherOptions;
  readonly #groups = new Map<string, Group>();
  #timer: NodeJS.Timeout | undefined;
  #recheckTimer: NodeJS.Timeout | undefined;
  #urgentScheduled = false;
  #closed = false;
  /** Ticks so far and list calls made (tests compare them). */
  readonly counters = { ticks: 0, calls: 0 };

  constructor(options: AllocationWatcherOptions) {
    this.#options = options;
  }

  /** A subscription joins its group (created on first use). */
  join(key: string, scope: LiveScope, token: string): void {
    const group = this.#groups.get(key);
    if (group) group.members += 1;
    else this.#groups.set(key, { key, scope, token, provenAt: Date.now(), members: 1, entries: new Map(), urgent: new Map(), busy: false });
    if (!this.#recheckTimer && !this.#closed) {
      this.#recheckTimer = setInterval(() => this.#recheck(), Math.max(100, Math.min(this.#options.recheckMs / 4, 60_000)));
      this.#recheckTimer.unref();
    }
  }

  /** A subscription leaves its group: its watches go, and the group with its last member. */
  leave(key: string, who: object): void {
    const group = this.#groups.get(key);
    if (!group) return;
    for (const [id, entry] of group.entries) {
      entry.watchers.delete(who);
      if (entry.watchers.size === 0) group.entries.delete(id);
    }
    group.members -= 1;
    if (group.members <= 0) this.#groups.delete(key);
    if (this.#groups.size === 0) {
      clearInterval(this.#recheckTimer);
      this.#recheckTimer = undefined;
    }
    this.#updateTimer();
  }

  watch(key: string, id: string, who: object): void {
    const group = this.#groups.get(key);
    if (!group || this.#closed) return;
    let entry = group.entries.get(id);
    if (!entry) {
      entry = { watchers: new Set(), delayMs: this.#options.minMs, nextAt: Date.now() + this.#options.minMs };
      group.entries.set(id, entry);
    }
    entry.watchers.add(who);
    this.#updateTimer();
  }

  unwatch(key: string, id: string, who: object): void {
    const group = this.#groups.get(key);
    const entry = group?.entries.get(id);
    if (!group || !entry) return;
    entry.watchers.delete(who);
    if (entry.watchers.size === 0) group.entries.delete(id);
    this.#updateTimer();
  }

  /** Reads these ids in the group's scope as soon as possible (one call per group for everything asked meanwhile). */
  refresh(key: string, ids: Iterable<string>, source: ChangeSourceName): void {
    const group = this.#groups.get(key);
    if (!group || this.#closed) return;
    for (const id of ids) if (!group.urgent.has(id)) group.urgent.set(id, source);
    this.#scheduleUrgent();
  }

  /** Everything watched is due now (the change feed may have missed changes). */
  wakeAll(): void {
    const now = Date.now();
    for (const group of this.#groups.values()) {
      for (const entry of group.entries.values()) {
        entry.nextAt = now;
        entry.delayMs = this.#options.minMs;
      }
    }
    if (this.#groups.size > 0) setImmediate(() => this.tick());
  }

  /** Groups, and allocations watched across them (tests: back to zero once subscribers leave). */
  get size(): { groups: number; watched: number } {
    let watched = 0;
    for (const group of this.#groups.values()) watched += group.entries.size;
    return { groups: this.#groups.size, watched };
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    clearInterval(this.#recheckTimer);
    this.#recheckTimer = undefined;
    this.#groups.clear();
  }

  /** One tick: per group, the due entries (most overdue first) in one list call. */
  tick(): void {
    if (this.#closed) return;
    this.counters.ticks += 1;
    // Half a tick early still counts as due: the timer's jitter must not push a read a whole tick late.
    const now = Date.now() + this.#options.minMs / 2;
    for (const group of this.#groups.values()) {
      if (group.busy || group.entries.size === 0) continue;
      const due = [...group.entries].filter(([, e]) => e.nextAt <= now).sort(([, a], [, b]) => a.nextAt - b.nextAt);
      if (due.length === 0) continue;
      const ids = due.slice(0, this.#options.idsPerCall).map(([id]) => id);
      void this.#read(group, ids, new Map());
    }
  }

  /** Groups whose token no read has proven for `recheckMs`: one `pageSize=1` read each, made with the token. */
  #recheck(): void {
    const stale = Date.now() - this.#options.recheckMs;
    for (const group of this.#groups.values()) {
      if (!group.busy && group.provenAt <= stale) void this.#read(group, [], new Map());
    }
  }

  #retryLater(key: string, sources: ReadonlyMap<string, ChangeSourceName>): void {
    const retry = setTimeout(() => {
      for (const [id, source] of sources) this.refresh(key, [id], source);
    }, this.#options.minMs);
    retry.unref();
  }

  #scheduleUrgent(): void {
    if (this.#urgentScheduled) return;
    this.#urgentScheduled = true;
    setImmediate(() => {
      this.#urgentScheduled = false;
      for (const group of this.#groups.values()) {
        if (group.busy || group.urgent.size === 0) continue;
        const asked = [...group.urgent].slice(0, this.#options.idsPerCall);
        for (const [id] of asked) group.urgent.delete(id);
        void this.#read(group, asked.map(([id]) => id), new Map(asked));
      }
    });
  }

  async #read(group: Group, ids: readonly string[], sources: Map<string, ChangeSourceName>): Promise<void> {
    group.busy = true;
    this.counters.calls += 1;
    let records: WireAllocation[] | undefined;
    // No ids: the token's re-check, one record of the scope.
    const query = ids.length > 0 ? { allocationIds: ids, types: BOTH_TYPES, pageNumber: 0, pageSize: ids.length } : { types: BOTH_TYPES, pageNumber: 0, pageSize: 1 };
    try {
      ({ allocations: records } = await listAllocations(this.#options.client, group.scope.enterpriseId, group.scope.view, query, { token: group.token }));
      group.provenAt = Date.now();
    } catch (error) {
      if (error instanceof BitGoError && (error.status === 401 || error.status === 403 || error.status === 404)) this.#options.onRefused(group.key, error);
      else {
        this.#options.onFailed(group.key, error);
        // A read asked for now (a change seen elsewhere, a webhook) is asked again a tick later: it may concern an
        // allocation nobody here watches, which no later tick would read.
        if (sources.size > 0) this.#retryLater(group.key, sources);
      }
    } finally {
      group.busy = false;
    }
    if (this.#groups.get(group.key) !== group) return;
    const now = Date.now();
    const byId = new Map((records ?? []).map((r) => [r.id, r]));
    for (const id of ids) {
      const entry = group.entries.get(id);
      if (!entry) continue;
      const record = byId.get(id);
      if (record && isFinal(record.status)) {
        group.entries.delete(id);
        continue;
      }
      entry.delayMs = Math.min(entry.delayMs * 2, this.#options.maxMs);
      entry.nextAt = now + entry.delayMs;
    }
    if (records && records.length > 0 && ids.length > 0) this.#options.onRecords(group, records, sources);
    if (group.urgent.size > 0) this.#scheduleUrgent();
    this.#updateTimer();
  }

  #updateTimer(): void {
    let watched = false;
    for (const group of this.#groups.values()) {
      if (group.entries.size > 0) {
        watched = true;
        break;
      }
    }
    if (watched && !this.#timer && !this.#closed) {
      this.#timer = setInterval(() => this.tick(), this.#options.minMs);
      this.#timer.unref();
    } else if (!watched && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}
