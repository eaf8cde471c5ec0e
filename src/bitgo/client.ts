import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import ky, { HTTPError, TimeoutError, type BeforeRetryHook, type KyInstance, type Options, type RetryOptions } from 'ky';
import { Agent } from 'undici';
import { dispatcherFetch, type DispatcherFetchOptions } from './dispatcher-fetch.js';
import { BitGoError, retryAfterSeconds, type BitGoErrorKind } from './errors.js';
import { readWithRetries, type ReadAttempts } from './read-path.js';
import { DEFAULT_RETRY, writeRetry, type RetryTuning } from './retry-policy.js';

export interface BitGoClientOptions {
  baseUrl: string;
  /** Per attempt. */
  timeoutMs: number;
  retry?: RetryTuning;
  /** Keep-alive sockets per upstream origin. */
  connections?: number;
}

/** What one call carries from the inbound request it serves; absent for calls made outside one. */
export interface CallContext {
  /** The inbound request's id: sent to BitGo as `x-request-id` on every call made for it (a fresh id per call when absent). */
  requestId?: string | undefined;
  /** Opaque to the client: handed to the event listeners (e.g. the operation's trace, the parent of a call's span). */
  trace?: object | undefined;
  /** Opaque to the client: what a caching transport in front of it keeps for the inbound request (its read ticket). */
  cache?: object | undefined;
}

export interface CallOptions extends CallContext {
  token: string;
  signal?: AbortSignal;
  /** Told of a successful answer's body as BitGo sent it, before it is parsed (a cache keeps these bytes, not a re-serialisation). */
  onBody?: ((text: string) => void) | undefined;
}

export interface WriteOptions extends CallOptions {
  /** Total time for every attempt of this write; past it the outcome is unknown. */
  deadlineMs: number;
  /**
   * Send the bytes once, never again, whatever the answer: for an endpoint BitGo keeps no idempotency key for
   * (connect), where a re-send of the same bytes could make a second record. The caller settles an unknown outcome
   * by reading BitGo, not by re-sending.
   */
  once?: boolean | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT';

/** Which endpoint a call is: the route template names it for metrics and traces without any id in it. */
export interface Endpoint {
  method: HttpMethod;
  /** Below `/api/network/v1/enterprises/{enterpriseId}/`, e.g. `clients/allocations/{allocationId}`. */
  route: string;
}

/** Emitted once per call, before its first attempt. Listeners may add headers (e.g. `traceparent`); they reach every attempt. */
export interface BitGoRequestEvent extends Endpoint {
  requestId: string;
  /**
   * Headers listeners add (trace propagation). Starts empty: the call's own headers (its token above all) are
   * never handed to listeners, and an added header cannot replace them.
   */
  headers: Record<string, string>;
  /** The caller's CallOptions.trace, as given. */
  trace: object | undefined;
}

/** Emitted once per call, when it is over (answered, failed, or given up). */
export interface BitGoResponseEvent extends Endpoint {
  requestId: string;
  /** The last HTTP status; undefined when no answer arrived. */
  status: number | undefined;
  outcome: 'ok' | BitGoErrorKind;
  /** Sends, retries included. */
  attempts: number;
  durationMs: number;
  /** The call's `request` event (the same object): listeners pair the two by it, since calls of one inbound request share a request id. */
  request: BitGoRequestEvent;
}

export interface BitGoClientEvents {
  request: [BitGoRequestEvent];
  response: [BitGoResponseEvent];
}

type Query = Readonly<Record<string, string | undefined>>;

/** What one call's attempts leave behind, carried through ky's hook context. */
interface Attempts {
  /** Sends so far. */
  count: number;
  /** An attempt failed in a way that may have reached BitGo (5xx, timeout, dropped connection). */
  ambiguous: boolean;
  /** Parsed bodies of the retried error responses, oldest first (e.g. a 500 with the reserved allocation). */
  bodies: unknown[];
}

/**
 * Thin typed HTTP layer over BitGo: ky for retries and timeouts, an undici keep-alive pool so a busy gateway
 * reuses sockets instead of paying a TCP handshake per call. Every failure leaves as a BitGoError; every call
 * emits `request` and `response` events (metrics and traces attach there, as stripe-node's RequestSender
 * does).
 */
export class BitGoClient extends EventEmitter<BitGoClientEvents> {
  readonly #ky: KyInstance;
  readonly #agent: Agent;
  /** Built once: the same for every signed write. */
  readonly #writeRetry: RetryOptions;
  /** The write path's options that are the same for every call. */
  readonly #writes: KyInstance;
  /** Writes that are sent once (`WriteOptions.once`). */
  readonly #writesOnce: KyInstance;

  /** The read path's own (read-path.ts): the base URL split once, the tuning kept. */
  readonly #origin: string;
  readonly #basePath: string;
  readonly #retry: RetryTuning;
  readonly #timeoutMs: number;

  constructor(options: BitGoClientOptions) {
    super();
    const retry = options.retry ?? DEFAULT_RETRY;
    this.#retry = retry;
    this.#timeoutMs = options.timeoutMs;
    const base = new URL(options.baseUrl);
    this.#origin = base.origin;
    this.#basePath = `${base.pathname.replace(/\/+$/, '')}/`;
    this.#writeRetry = writeRetry(retry);
    this.#agent = new Agent({
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      pipelining: 1,
      // ky's timeout ends when headers arrive; a body that stalls must not hang a request for undici's default 5 minutes.
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // Reads go to the agent directly (no ky timeout around them): connecting is bounded the same way.
      connect: { timeout: options.timeoutMs },
    });
    this.#ky = ky.create({
      prefixUrl: options.baseUrl,
      timeout: options.timeoutMs,
      throwHttpErrors: true,
      // Passed through to fetch: Node's fetch takes an undici dispatcher.
      dispatcher: this.#agent,
      hooks: { beforeRetry: [countRetry] },
    } as Options);
    this.#writes = this.#ky.extend({ fetch: dispatcherFetch(this.#agent), retry: this.#writeRetry, hooks: { beforeRetry: [markAmbiguous] } });
    this.#writesOnce = this.#ky.extend({ fetch: dispatcherFetch(this.#agent), retry: { limit: 0 } });
  }

  async get<T>(endpoint: Endpoint, path: string, query: Query | undefined, options: CallOptions): Promise<T> {
    let search = '';
    if (query) for (const k in query) if (query[k] !== undefined) search += `${search === '' ? '?' : '&'}${k}=${encodeURIComponent(query[k]!)}`;
    const attempts: ReadAttempts = { count: 1, status: undefined };
    const call = this.#begin(endpoint, options, () => attempts.count);
    let text: string;
    try {
      text = await readWithRetries(this.#agent, { origin: this.#origin, path: this.#basePath + path + search, headers: call.headers, signal: options.signal, timeoutMs: this.#timeoutMs, operation: call.operation, requestId: call.requestId }, this.#retry, attempts);
    } catch (error) {
      call.done((error as BitGoError).kind, attempts.status);
      throw error;
    }
    let parsed: T;
    try {
      parsed = JSON.parse(text) as T;
    } catch {
      // The status said success but the body is not JSON: what BitGo answered is not known.
      call.done('invalid-response', attempts.status);
      throw new BitGoError({ kind: 'invalid-response', operation: call.operation, status: attempts.status, requestId: call.requestId });
    }
    options.onBody?.(text);
    call.done('ok', attempts.status);
    return parsed;
  }

  /**
   * Sends `body` (already serialised: these are the exact bytes that were signed over) and re-sends the same
   * bytes on a retriable outcome until the deadline. A failure after any ambiguous attempt is reported as
   * ambiguous: a 4xx to a re-send does not prove the first send did nothing.
   */
  async send<T>(endpoint: Endpoint, path: string, body: string, options: WriteOptions): Promise<T> {
    const deadline = AbortSignal.timeout(options.deadlineMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    return this.#call<T>(endpoint, options, (headers, context) => {
      const through: DispatcherFetchOptions = {
        // The exact bytes go to the fetch beside the Request, so every attempt sends them and no body stream is built per attempt.
        rawBody: body,
        // A 5xx may carry what BitGo holds (500 with the reserved allocation). It is kept here, before ky waits
        // out the backoff, so a deadline that fires during the wait cannot lose it.
        onAnswer: (status, answer) => {
          if (status < 500) return;
          context.attempts.ambiguous = true;
          context.attempts.bodies.push(parseJson(answer));
        },
      };
      return (options.once ? this.#writesOnce : this.#writes)(path, {
        method: endpoint.method,
        headers: { ...headers, 'content-type': 'application/json' },
        context,
        // A redirect would turn a signed POST into something else (303 → GET): never follow one.
        redirect: 'error',
        signal,
        ...through,
      } as Options);
    });
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** What every call starts with: its request id and headers, the `request` event, and how it reports its end. */
  #begin(endpoint: Endpoint, options: CallOptions, attemptCount: () => number): { requestId: string; headers: Record<string, string>; operation: string; done(outcome: BitGoResponseEvent['outcome'], status: number | undefined): void } {
    const requestId = options.requestId ?? randomUUID();
    const started = performance.now();
    let headers = requestHeaders(options.token, requestId);
    // Events cost nothing when nobody listens: the hot read path builds no event objects then.
    let request: BitGoRequestEvent | undefined;
    if (this.listenerCount('request') + this.listenerCount('response') > 0) {
      request = { method: endpoint.method, route: endpoint.route, requestId, headers: {}, trace: options.trace };
      this.emit('request', request);
      headers = { ...request.headers, ...headers };
    }
    const done = (outcome: BitGoResponseEvent['outcome'], status: number | undefined): void => {
      if (request) this.emit('response', { method: endpoint.method, route: endpoint.route, requestId, status, outcome, attempts: attemptCount(), durationMs: performance.now() - started, request });
    };
    return { requestId, headers, operation: `${endpoint.method} ${endpoint.route}`, done };
  }

  async #call<T>(endpoint: Endpoint, options: CallOptions, run: (headers: Record<string, string>, context: { attempts: Attempts }) => Promise<Response>): Promise<T> {
    const attempts: Attempts = { count: 1, ambiguous: false, bodies: [] };
    const { requestId, headers, operation, done } = this.#begin(endpoint, options, () => attempts.count);
    let response: Response;
    try {
      response = await run(headers, { attempts });
    } catch (caught) {
      const error = await toBitGoError(caught, operation, requestId, attempts);
      done(error.kind, error.status);
      throw error;
    }
    const answeredId = response.headers.get('x-request-id') ?? requestId;
    try {
      const text = await response.text();
      const parsed = JSON.parse(text) as T;
      options.onBody?.(text);
      done('ok', response.status);
      return parsed;
    } catch {
      // The status said success but the body never arrived whole: what BitGo did is not known.
      done('invalid-response', response.status);
      throw new BitGoError({ kind: 'invalid-response', operation, status: response.status, requestId: answeredId, ...attemptsSoFar(attempts) });
    }
  }
}

/** Names the caller to BitGo (and to any firewall in front of it that refuses anonymous clients). */
const USER_AGENT = 'bitgo-allocations-gateway';

function requestHeaders(token: string, requestId: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': USER_AGENT, 'x-request-id': requestId };
}

function attemptsOf(context: Record<string, unknown>): Attempts {
  return context.attempts as Attempts;
}

/** Counts every re-send, and gives a retried failure's unread body back so its socket returns to the pool. */
const countRetry: BeforeRetryHook = async ({ error, options }) => {
  attemptsOf(options.context).count += 1;
  if (error instanceof HTTPError) await error.response.body?.cancel().catch(() => undefined);
};

function parseJson(body: ArrayBuffer | null): unknown {
  if (body === null) return undefined;
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Every retry of a write follows an attempt that may have reached BitGo. */
const markAmbiguous: BeforeRetryHook = ({ options }) => {
  attemptsOf(options.context).ambiguous = true;
};

function attemptsSoFar(attempts: Attempts): { afterAmbiguousAttempt: boolean; earlierBodies: readonly unknown[] } {
  return { afterAmbiguousAttempt: attempts.ambiguous, earlierBodies: attempts.bodies };
}

async function toBitGoError(error: unknown, operation: string, requestId: string, attempts: Attempts): Promise<BitGoError> {
  const earlier = attemptsSoFar(attempts);
  if (error instanceof HTTPError) {
    const body: unknown = await error.response.json().catch(() => undefined);
    return new BitGoError({
      kind: 'http',
      operation,
      status: error.response.status,
      body,
      requestId: error.response.headers.get('x-request-id') ?? requestId,
      retryAfterSeconds: retryAfterSeconds(error.response.headers.get('retry-after')),
      ...earlier,
    });
  }
  const timedOut = error instanceof TimeoutError || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  // fetch rejects with a TypeError for refused, reset or dropped connections.
  return new BitGoError({ kind: timedOut ? 'timeout' : 'network', operation, requestId, ...earlier });
}
