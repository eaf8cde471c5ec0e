import { randomUUID } from 'node:crypto';
import ky, { HTTPError, TimeoutError, type AfterResponseHook, type BeforeRetryHook, type KyInstance, type Options, type RetryOptions } from 'ky';
import { Agent } from 'undici';
import { dispatcherFetch } from './dispatcher-fetch.js';
import { httpError, invalidResponseError, networkError, timeoutError, type BitGoError } from './errors.js';
import { DEFAULT_RETRY, readRetry, writeRetry, type RetryTuning } from './retry-policy.js';

export interface BitGoClientOptions {
  baseUrl: string;
  /** Per attempt. */
  timeoutMs: number;
  retry?: RetryTuning;
  /** Keep-alive sockets per upstream origin. */
  connections?: number;
}

export interface CallOptions {
  token: string;
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Total time for every attempt of this write; past it the outcome is unknown. */
  deadlineMs: number;
}

type Query = Readonly<Record<string, string | undefined>>;

/** What earlier attempts of one call left behind, for the error of the last one. */
interface Attempts {
  /** An attempt failed in a way that may have reached BitGo (5xx, timeout, dropped connection). */
  ambiguous: boolean;
  /** Parsed bodies of the retried error responses, oldest first (e.g. a 500 with the reserved allocation). */
  bodies: unknown[];
}

/**
 * Thin typed HTTP layer over BitGo: ky for retries and timeouts, an undici
 * keep-alive pool so a busy gateway reuses sockets instead of paying a TCP
 * handshake per call. Every failure leaves as a BitGoError.
 */
export class BitGoClient {
  readonly #ky: KyInstance;
  /** The read path's options are the same for every call: made once, not per request. */
  readonly #reads: KyInstance;
  readonly #agent: Agent;
  /** Built once: the same for every signed write. */
  readonly #writeRetry: RetryOptions;

  constructor(options: BitGoClientOptions) {
    const retry = options.retry ?? DEFAULT_RETRY;
    this.#writeRetry = writeRetry(retry);
    this.#agent = new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      pipelining: 1,
      // ky's timeout ends when headers arrive; a body that stalls must not hang a request for undici's default 5 minutes.
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    this.#ky = ky.create({
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      throwHttpErrors: true,
      // Passed through to fetch: Node's fetch takes an undici dispatcher.
      dispatcher: this.#agent,
    } as Options);
    this.#reads = this.#ky.extend({ fetch: dispatcherFetch(this.#agent), retry: readRetry(retry), hooks: { beforeRetry: [releaseBody] } });
  }

  async get<T>(operation: string, path: string, query: Query | undefined, options: CallOptions): Promise<T> {
    const requestId = randomUUID();
    // A ready URL string: ky's searchParams option builds a second Request per call.
    let search = '';
    if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined) search += `${search === '' ? '?' : '&'}${k}=${encodeURIComponent(v)}`;
    const attempts: Attempts = { ambiguous: false, bodies: [] };
    return this.#call<T>(operation, requestId, attempts, () =>
      this.#reads.get(path + search, { headers: headers(options.token, requestId), ...(options.signal ? { signal: options.signal } : {}) }),
    );
  }

  /**
   * Sends `body` (already serialised: these are the exact bytes that were signed
   * over) and re-sends the same bytes on a retriable outcome until the deadline.
   * A failure after any ambiguous attempt is reported as ambiguous: a 4xx to a
   * re-send does not prove the first send did nothing.
   */
  async send<T>(operation: string, method: 'post' | 'put', path: string, body: string, options: WriteOptions): Promise<T> {
    const requestId = randomUUID();
    const deadline = AbortSignal.timeout(options.deadlineMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const attempts: Attempts = { ambiguous: false, bodies: [] };
    return this.#call<T>(operation, requestId, attempts, () =>
      this.#ky(path, {
        method,
        body,
        headers: { ...headers(options.token, requestId), 'content-type': 'application/json' },
        retry: this.#writeRetry,
        hooks: { afterResponse: [keepServerErrorBody(attempts)], beforeRetry: [markAmbiguous(attempts)] },
        // A redirect would turn a signed POST into something else (303 → GET): never follow one.
        redirect: 'error',
        signal,
      }),
    );
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #call<T>(operation: string, requestId: string, attempts: Attempts, run: () => Promise<Response>): Promise<T> {
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      throw withAttempts(await toBitGoError(error, operation, requestId), attempts);
    }
    const answeredId = response.headers.get('x-request-id') ?? requestId;
    try {
      return (await response.json()) as T;
    } catch {
      // The status said success but the body never arrived whole: what BitGo did is not known.
      throw withAttempts(invalidResponseError(operation, response.status, answeredId), attempts);
    }
  }
}

/** Names the caller to BitGo (and to any firewall in front of it that refuses anonymous clients). */
const USER_AGENT = 'bitgo-allocations-gateway';

function headers(token: string, requestId: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': USER_AGENT, 'x-request-id': requestId };
}

/**
 * A 5xx may carry what BitGo holds (500 with the reserved allocation). It is read
 * here, before ky waits out the backoff, so a deadline that fires during the
 * wait cannot lose it.
 */
function keepServerErrorBody(attempts: Attempts): AfterResponseHook {
  return async (_request, _options, response) => {
    if (response.status < 500) return;
    attempts.ambiguous = true;
    attempts.bodies.push(await response.json().catch(() => undefined));
  };
}

/** Every retry follows an attempt that may have reached BitGo; its unread body goes back to release the socket. */
function markAmbiguous(attempts: Attempts): BeforeRetryHook {
  return async ({ error }) => {
    attempts.ambiguous = true;
    if (error instanceof HTTPError) await error.response.body?.cancel().catch(() => undefined);
  };
}

/** Retried reads only need their failed response's socket back in the pool. */
const releaseBody: BeforeRetryHook = async ({ error }) => {
  if (error instanceof HTTPError) await error.response.body?.cancel().catch(() => undefined);
};

function withAttempts(error: BitGoError, attempts: Attempts): BitGoError {
  error.afterAmbiguousAttempt = attempts.ambiguous;
  error.earlierBodies = attempts.bodies;
  return error;
}

async function toBitGoError(error: unknown, operation: string, requestId: string): Promise<BitGoError> {
  if (error instanceof HTTPError) {
    const answeredId = error.response.headers.get('x-request-id') ?? requestId;
    let body: unknown;
    try {
      body = await error.response.json();
    } catch {
      body = undefined;
    }
    return httpError(operation, error.response.status, body, answeredId);
  }
  if (error instanceof TimeoutError) return timeoutError(operation, requestId);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return timeoutError(operation, requestId);
  // fetch rejects with a TypeError for refused, reset or dropped connections.
  return networkError(operation, requestId);
}
