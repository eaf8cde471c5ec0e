import type { RetryOptions } from 'ky';

/**
 * The one place that says what may be retried. Reads are idempotent and retry
 * freely. A signed write is only ever re-sent as the same bytes (ky clones the
 * original Request for each attempt), so BitGo sees the same payload, nonce and
 * signature and answers the allocation it already holds instead of making a second.
 */
export interface RetryTuning {
  /** Extra attempts for a GET. */
  readLimit: number;
  /** Extra attempts for a signed write, bounded again by the write deadline. */
  writeLimit: number;
  /** Upper bound of one backoff delay. */
  backoffLimitMs: number;
}

// Writes are bounded by their deadline, not by a count: the limit only guards against a runaway loop.
export const DEFAULT_RETRY: RetryTuning = { readLimit: 2, writeLimit: 1_000, backoffLimitMs: 2_000 };

/**
 * Longest Retry-After a read waits out before its retry. A longer one is not retried at all: re-asking before
 * BitGo said to would only be refused again, so the caller gets RATE_LIMITED with BitGo's Retry-After at once.
 */
export const MAX_RETRY_AFTER_MS = 5_000;

const BASE_DELAY_MS = 100;

/** Exponential backoff from 100 ms, capped; both paths add full jitter on top. */
export function backoffMs(attemptCount: number, t: RetryTuning): number {
  return Math.min(BASE_DELAY_MS * 2 ** (attemptCount - 1), t.backoffLimitMs);
}

function delay(attemptCount: number): number {
  return BASE_DELAY_MS * 2 ** (attemptCount - 1);
}

/**
 * Reads (read-path.ts, on undici directly): retried at most `readLimit` times on these statuses, on timeouts and on
 * dropped connections; a 429 or 503 with a Retry-After waits it out, and one longer than MAX_RETRY_AFTER_MS is not
 * retried at all.
 */
export const READ_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
export const READ_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * BitGo documents 500 (`{ allocation, retriable: true }` or `{ error }`) as "not
 * finished: re-send the identical request"; timeouts and dropped connections
 * leave the outcome unknown, which the identical re-send also settles. 4xx are
 * final answers and are never retried.
 */
export function writeRetry(t: RetryTuning): RetryOptions {
  return {
    limit: t.writeLimit,
    methods: ['post', 'put'],
    statusCodes: [500, 502, 503, 504],
    afterStatusCodes: [],
    backoffLimit: t.backoffLimitMs,
    delay,
    jitter: true,
    retryOnTimeout: true,
  };
}
