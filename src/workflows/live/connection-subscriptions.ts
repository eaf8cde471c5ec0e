import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { listConnections } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import type { Logger } from '../../common/logger.js';
import type { ChangeSourceName, ConnectionChange } from '../../store/change-feed.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { callOptions, type Caller } from '../caller.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamError } from '../upstream-refusal.js';
import { LiveQueue, type LiveFailure } from './live-queue.js';
import type { LiveScope } from './live-subscription.js';
import { PollBackoff } from './poll-backoff.js';

/** What changed between two states of a connection, as connectionChanged names it. */
export type ConnectionChangeKind = 'INITIALIZED' | 'RENAMED' | 'DEACTIVATED' | 'ACTIVATED' | 'UPDATED';

/** What a connectionChanged subscriber receives. */
export interface ConnectionChangeEvent {
  connection: WireConnection;
  changes: ConnectionChangeKind[];
  /** The name, flag and initialization this subscription saw last. */
  previous: { name: string; active: boolean; initialized: boolean };
  source: ChangeSourceName;
}

export interface ConnectionSubscriptionsOptions {
  client: BitGoTransport;
  /** While a followed connection waits for its partner, it is re-read after `pollMinMs`, doubling up to `pollMaxMs`. */
  pollMinMs: number;
  pollMaxMs: number;
  /** Otherwise the token is proven again (one read) this often. */
  recheckMs: number;
  logger: Pick<Logger, 'warn'>;
}

const QUEUE_LIMIT = 1_000;

function changesBetween(before: WireConnection, after: WireConnection): ConnectionChangeKind[] {
  const out: ConnectionChangeKind[] = [];
  if (!before.initialized && after.initialized) out.push('INITIALIZED');
  if (before.name !== after.name) out.push('RENAMED');
  if (before.active && !after.active) out.push('DEACTIVATED');
  if (!before.active && after.active) out.push('ACTIVATED');
  return out.length > 0 ? out : ['UPDATED'];
}

/** One connectionChanged subscription: the connections it follows as it last saw them, and its own re-read timer. */
class ConnectionSubscription {
  readonly seen = new Map<string, WireConnection>();
  timer: NodeJS.Timeout | undefined;
  delayMs: number;

  constructor(
    readonly caller: Caller,
    readonly scope: LiveScope,
    readonly ids: ReadonlySet<string>,
    readonly queue: LiveQueue<ConnectionChangeEvent>,
    pollMinMs: number,
  ) {
    this.delayMs = pollMinMs;
  }

  /** Delivered only when later than what this subscription saw (BitGo moves `updatedAt` on every change). */
  offer(connection: WireConnection, source: ChangeSourceName): void {
    const before = this.seen.get(connection.id);
    if (!before || Date.parse(connection.updatedAt) <= Date.parse(before.updatedAt)) return;
    this.seen.set(connection.id, connection);
    withScope([connection], this.scope);
    this.queue.push({ connection, changes: changesBetween(before, connection), previous: { name: before.name, active: before.active, initialized: before.initialized }, source });
  }

  get waiting(): boolean {
    return [...this.seen.values()].some((c) => c.active && !c.initialized);
  }
}

/**
 * connectionChanged: initialized, renamed, deactivated, as they happen. Changes this gateway's mutations and reconciler
 * answered arrive through the change feed; what only BitGo knows (the partner initializing a connection) is re-read
 * with the subscriber's own token: soon and with backoff while a followed connection waits for its partner, and every
 * `recheckMs` otherwise, which also proves the token (a token BitGo no longer accepts ends the subscription).
 */
export class ConnectionSubscriptions {
  readonly #subscriptions = new Set<ConnectionSubscription>();

  readonly #polls: PollBackoff<WireConnection, ConnectionSubscription>;

  constructor(private readonly options: ConnectionSubscriptionsOptions) {
    this.#polls = new PollBackoff<WireConnection, ConnectionSubscription>({ ...options, read: (subscription) => this.#read(subscription), what: 'connection' });
  }

  get size(): number {
    return this.#subscriptions.size;
  }

  /** Reads the connections once (the caller must see every one of them), then follows them. `release` runs when it ends. */
  async open(caller: Caller, scope: LiveScope, ids: ReadonlySet<string>, release: () => void): Promise<AsyncIterableIterator<ConnectionChangeEvent | LiveFailure>> {
    let subscription: ConnectionSubscription | undefined;
    const queue = new LiveQueue<ConnectionChangeEvent>(
      QUEUE_LIMIT,
      () => {
        if (subscription) {
          clearTimeout(subscription.timer);
          this.#subscriptions.delete(subscription);
        }
        release();
      },
      () => new AppError(AppErrorCode.LIMIT_EXCEEDED, `This subscriber fell more than ${QUEUE_LIMIT} events behind; subscribe again and query the connections`),
    );
    subscription = new ConnectionSubscription(caller, scope, ids, queue, this.options.pollMinMs);
    try {
      const connections = await this.#read(subscription);
      const missing = [...ids].filter((id) => !connections.some((c) => c.id === id));
      if (missing.length > 0) {
        throw new AppError(AppErrorCode.NOT_FOUND, `BitGo shows no connection ${missing.join(', ')} to this caller in the ${scope.view} view of enterprise ${scope.enterpriseId}`, { field: ['connectionIds'] });
      }
      for (const c of connections) subscription.seen.set(c.id, c);
    } catch (error) {
      queue.return();
      throw error instanceof BitGoError ? upstreamError(error) : error;
    }
    this.#subscriptions.add(subscription);
    this.#polls.schedule(subscription);
    return queue;
  }

  /** A connection this gateway's mutation or reconciler got from BitGo: as it is in its own scope, re-read in any other. */
  changed(change: ConnectionChange): void {
    for (const subscription of this.#subscriptions) {
      if (!subscription.ids.has(change.connection.id)) continue;
      if (subscription.scope.enterpriseId === change.enterpriseId && subscription.scope.view === change.view) subscription.offer(change.connection, change.source);
      else this.#polls.refresh(subscription, 0);
    }
  }

  close(): void {
    for (const subscription of [...this.#subscriptions]) subscription.queue.end();
  }

  #read(subscription: ConnectionSubscription): Promise<WireConnection[]> {
    const ids = [...subscription.ids];
    return listConnections(this.options.client, subscription.scope.enterpriseId, subscription.scope.view, { connectionIds: ids, pageNumber: 0, pageSize: ids.length }, callOptions(subscription.caller)).then(
      (answer) => answer.connections,
    );
  }
}
