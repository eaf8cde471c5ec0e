import { BitGoError } from '../../bitgo/errors.js';
import type { Logger } from '../../common/logger.js';
import { upstreamError } from '../upstream-refusal.js';

/** What a followed subscription carries for its re-reads. */
export interface Polled<T> {
  readonly queue: { readonly ended: boolean; fail(failure: Error): void };
  /** Something it follows is still on its way (a connection awaiting its partner, a pending settlement). */
  readonly waiting: boolean;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
  offer(record: T, source: 'POLL'): void;
}

export interface PollBackoffOptions<S> {
  /** While the subscription waits, it is re-read after `pollMinMs`, doubling up to `pollMaxMs`; otherwise every `recheckMs`. */
  pollMinMs: number;
  pollMaxMs: number;
  recheckMs: number;
  read(subscription: S): Promise<readonly unknown[]>;
  logger: Pick<Logger, 'warn'>;
  /** Named in the warning a failed re-read logs ("connection", "settlement"). */
  what: string;
}

/**
 * The re-reads of what a live subscription follows, for the connection and the settlement subscriptions alike: with
 * backoff while something is on its way, a slow recheck that proves the token otherwise, and an end on BitGo's
 * refusal of the token (any other failure is logged and retried).
 */
export class PollBackoff<T, S extends Polled<T>> {
  constructor(private readonly options: PollBackoffOptions<S>) {}

  schedule(subscription: S): void {
    const { pollMinMs, pollMaxMs, recheckMs } = this.options;
    if (!subscription.waiting) subscription.delayMs = pollMinMs;
    this.refresh(subscription, subscription.waiting ? subscription.delayMs : recheckMs);
    subscription.delayMs = Math.min(pollMaxMs, subscription.delayMs * 2);
  }

  refresh(subscription: S, afterMs: number): void {
    clearTimeout(subscription.timer);
    subscription.timer = setTimeout(() => void this.#poll(subscription), afterMs).unref();
  }

  async #poll(subscription: S): Promise<void> {
    if (subscription.queue.ended) return;
    try {
      for (const record of await this.options.read(subscription)) subscription.offer(record as T, 'POLL');
    } catch (error) {
      if (error instanceof BitGoError && !error.outcomeUnknown && (error.status === 401 || error.status === 403)) {
        subscription.queue.fail(upstreamError(error));
        return;
      }
      this.options.logger.warn({ err: { name: (error as Error)?.name, status: (error as BitGoError)?.status } }, `live: ${this.options.what} re-read failed`);
    }
    if (!subscription.queue.ended) this.schedule(subscription);
  }
}
