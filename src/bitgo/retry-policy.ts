import { HTTPError, type RetryOptions } from 'ky';
import { retryAfterSeconds } from './errors.js';

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

/** False (give up now) for a 429 or 503 whose Retry-After is longer than a read may wait; else ky's own rules. */
const waitable: NonNullable<RetryOptions['shouldRetry']> = ({ error }) => {
  if (!(error instanceof HTTPError) || (error.response.status !== 429 && error.response.status !== 503)) return undefined;
  const after = retryAfterSeconds(error.response.headers.get('retry-after'));
  return after !== undefined && after * 1000 > MAX_RETRY_AFTER_MS ? false : undefined;
};

const BASE_DELAY_MS = 100;

/** Exponential backoff from 100 ms; ky adds full jitter on top. */
function delay(attemptCount: number): number {
  return BASE_DELAY_MS * 2 ** (attemptCount - 1);
}

export function readRetry(t: RetryTuning): RetryOptions {
  return {
    limit: t.readLimit,
    methods: ['get'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: MAX_RETRY_AFTER_MS,
    shouldRetry: waitable,
    backoffLimit: t.backoffLimitMs,
    delay,
    jitter: true,
    retryOnTimeout: true,
  };
}

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
