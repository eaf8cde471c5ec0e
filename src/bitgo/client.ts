import { randomUUID } from 'node:crypto';
import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
import { Agent } from 'undici';
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

/**
 * Thin typed HTTP layer over BitGo: ky for retries and timeouts, an undici
 * keep-alive pool so a busy gateway reuses sockets instead of paying a TCP
 * handshake per call. Every failure leaves as a BitGoError.
 */
export class BitGoClient {
  readonly #ky: KyInstance;
  readonly #agent: Agent;
  readonly #retry: RetryTuning;

  constructor(options: BitGoClientOptions) {
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#agent = new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      pipelining: 1,
    });
    this.#ky = ky.create({
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      throwHttpErrors: true,
      // Passed through to fetch: Node's fetch takes an undici dispatcher.
      dispatcher: this.#agent,
    } as Options);
  }

  async get<T>(operation: string, path: string, query: Query | undefined, options: CallOptions): Promise<T> {
    const requestId = randomUUID();
    const searchParams = new URLSearchParams();
    if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined) searchParams.set(k, v);
    return this.#call<T>(operation, requestId, () =>
      this.#ky.get(path, {
        searchParams,
        headers: headers(options.token, requestId),
        retry: readRetry(this.#retry),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }

  /**
   * Sends `body` (already serialised: these are the exact bytes that were signed
   * over) and re-sends the same bytes on a retriable outcome until the deadline.
   */
  async send<T>(operation: string, method: 'post' | 'put', path: string, body: string, options: WriteOptions): Promise<T> {
    const requestId = randomUUID();
    const deadline = AbortSignal.timeout(options.deadlineMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    return this.#call<T>(operation, requestId, () =>
      this.#ky(path, {
        method,
        body,
        headers: { ...headers(options.token, requestId), 'content-type': 'application/json' },
        retry: writeRetry(this.#retry),
        signal,
      }),
    );
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #call<T>(operation: string, requestId: string, run: () => Promise<Response>): Promise<T> {
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      throw await toBitGoError(error, operation, requestId);
    }
    const answeredId = response.headers.get('x-request-id') ?? requestId;
    try {
      return (await response.json()) as T;
    } catch {
      throw invalidResponseError(operation, response.status, answeredId);
    }
  }
}

function headers(token: string, requestId: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json', 'x-request-id': requestId };
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
