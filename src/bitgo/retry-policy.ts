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

/** Longest Retry-After a read honours; past it the read fails rather than stall a query. */
const MAX_RETRY_AFTER_MS = 5_000;

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

/** How one attempt failed, as far as the retry decision cares. */
export type AttemptFailure =
  | { kind: 'http'; status: number; header(name: string): string | undefined }
  | { kind: 'timeout' }
  | { kind: 'network' };

const MAX_SAFE_TIMEOUT_MS = 2_147_483_647;
const RETRY_AFTER_HEADERS = ['retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset'] as const;
const TIMESTAMP_THRESHOLD_MS = Date.parse('2024-01-01');

/**
 * ky's own retry decision (ky 1.x `#calculateRetryDelay`), for the read path,
 * which runs on the undici pool without ky (see BitGoClient.get): the
 * milliseconds to wait before retry number `retryCount` (1 for the first), or
 * undefined when this failure is final. Reads and writes thus follow the same
 * RetryOptions, whichever HTTP layer carries them.
 */
export function retryDelayMs(options: RetryOptions, method: string, retryCount: number, failure: AttemptFailure): number | undefined {
  if (retryCount > (options.limit ?? 2)) return undefined;
  if (!(options.methods ?? []).includes(method)) return undefined;
  if (failure.kind === 'timeout' && options.retryOnTimeout !== true) return undefined;
  if (failure.kind === 'http') {
    if (!(options.statusCodes ?? []).includes(failure.status)) return undefined;
    let retryAfter: string | undefined;
    for (const name of RETRY_AFTER_HEADERS) {
      retryAfter = failure.header(name);
      if (retryAfter !== undefined) break;
    }
    if (retryAfter && (options.afterStatusCodes ?? []).includes(failure.status)) {
      let after = Number(retryAfter) * 1000;
      if (Number.isNaN(after)) after = Date.parse(retryAfter) - Date.now();
      else if (after >= TIMESTAMP_THRESHOLD_MS) after -= Date.now();
      const max = options.maxRetryAfter ?? after;
      // A delay the server asked for is not jittered.
      return Math.min(after < max ? after : max, MAX_SAFE_TIMEOUT_MS);
    }
    if (failure.status === 413) return undefined;
  }
  const base = (options.delay ?? ((n: number) => 300 * 2 ** (n - 1)))(retryCount);
  let jittered = base;
  if (options.jitter === true) jittered = Math.random() * base;
  else if (typeof options.jitter === 'function') {
    jittered = options.jitter(base);
    if (!Number.isFinite(jittered) || jittered < 0) jittered = base;
  }
  return Math.min(options.backoffLimit ?? Number.POSITIVE_INFINITY, jittered, MAX_SAFE_TIMEOUT_MS);
}
