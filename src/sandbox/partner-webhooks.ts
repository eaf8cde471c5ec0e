import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection, PendingConnection } from './types.js';
import { WebhookSigningKey } from './webhook-jwt.js';
import type { AllocationRecord, AllocationType } from './wire.types.js';

/**
 * BitGo's calls to an asynchronous partner, played by the sandbox: when a client allocates (or deallocates) on
 * the partner's connection, POST /bitgo/v1/allocations (…/deallocations) asks the partner to reserve; when the
 * partner's own update clears the record, PUT /bitgo/v1/allocation/{id}/clear tells it to credit. Each attempt
 * carries a fresh JWT in X-BitGo-Signature. A failed call (no answer, 5xx, 408, 429) is retried with exponential
 * backoff; any other answer is final. BitGo does not document its own retry schedule; this one is the sandbox's.
 * Calls about one record are made in order (a clear never overtakes its reservation). When a client connects to an
 * asynchronous partner, POST /bitgo/v1/connections asks the partner to initialize the connection; its answer names
 * the partner's own ids for it.
 */
export interface PartnerWebhookRetry {
  /** Attempts per call, the first included; default 8. */
  attempts?: number;
  /** Delay before the second attempt; doubled each time; default 250 ms. */
  baseDelayMs?: number;
  /** Longest delay between attempts; default 10 s. */
  maxDelayMs?: number;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
}

export type WebhookCall = 'reserve' | 'clear' | 'connect';

/** One call as it went: for tests and for whoever runs the sandbox. */
export interface WebhookDelivery {
  call: WebhookCall;
  type: AllocationType | 'connection';
  recordId: string;
  url: string;
  attempts: number;
  /** Status of the last answer; null when none arrived. */
  status: number | null;
  outcome: 'pending' | 'delivered' | 'refused' | 'gave-up' | 'cancelled';
}

const RETRIED = new Set([408, 429]);

/** What the caller of a call does with the partner's final answer. */
export interface WebhookAnswerHooks {
  /** A 2xx with this body: true when it is what the call needed (else the call counts as refused). */
  accepted(body: string): boolean;
  /** A final refusal (or an unusable 2xx). */
  refused(): void;
}

/** What BitGo needs of the partner's answer to a connection call: its own ids, for the same connection and client. */
export function partnerConnectionIds(body: string, connection: { id: string; clientId: string }): { partnersClientId: string; partnersConnectionId: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { connectionId, clientId, partnersClientId, partnersConnectionId } = parsed as Record<string, unknown>;
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;
  if (connectionId !== connection.id || clientId !== connection.clientId || !text(partnersClientId) || !text(partnersConnectionId)) return undefined;
  return { partnersClientId, partnersConnectionId };
}

export class PartnerWebhooks {
  readonly #key = new WebhookSigningKey();
  readonly #retry: Required<PartnerWebhookRetry>;
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  /** Per record, the tail of its calls: the next call waits for it. */
  readonly #queues = new Map<string, Promise<void>>();
  /** Records already handed to the partner, per call, so repeats of a write do not call twice. */
  readonly #called = new Set<string>();
  readonly #stop = new AbortController();
  #url: string | undefined;

  constructor(options: { url?: string | undefined; retry?: PartnerWebhookRetry | undefined } = {}) {
    this.#url = options.url?.replace(/\/+$/, '');
    this.#retry = { attempts: 8, baseDelayMs: 250, maxDelayMs: 10_000, timeoutMs: 10_000, ...options.retry };
  }

  /** PEM of the key the calls are signed with: the partner's BITGO_WEBHOOK_PUBLIC_KEY. */
  get publicKeyPem(): string {
    return this.#key.publicKeyPem;
  }

  /** The partner's base URL (the paths are appended); undefined turns the calls off. */
  setUrl(url: string | undefined): void {
    this.#url = url?.replace(/\/+$/, '');
  }

  get url(): string | undefined {
    return this.#url;
  }

  deliveries(): WebhookDelivery[] {
    return this.#deliveries.map((d) => ({ ...d }));
  }

  /** A record just went RESERVED (waiting on the partner) on an asynchronous connection. */
  reserve(record: AllocationRecord, connection: Connection): void {
    const quantity = record.amount.quantity;
    if (!/^[0-9]+$/.test(quantity)) return;
    // The partner guide spells the partner's client id `partnerClientId` for allocations, `partnersClientId` for
    // deallocations; the quantity is a JSON number there, so it is written as its digits.
    const clientKey = record.type === 'allocation' ? 'partnerClientId' : 'partnersClientId';
    const body =
      `{${JSON.stringify(`${record.type}Id`)}:${JSON.stringify(record.id)},` +
      `"amount":{"currency":${JSON.stringify(record.amount.currency)},"quantity":${quantity}},` +
      `"clientId":${JSON.stringify(connection.clientId)},"connectionId":${JSON.stringify(connection.id)},` +
      `"partnersConnectionId":${JSON.stringify(connection.partnersConnectionId)},${JSON.stringify(clientKey)}:${JSON.stringify(connection.partnersClientId)}}`;
    this.#enqueue('reserve', { id: record.id, type: record.type }, 'POST', `/bitgo/v1/${record.type}s`, body);
  }

  /** The partner's update cleared a record: tell it that it may credit. */
  clear(record: AllocationRecord): void {
    this.#enqueue('clear', { id: record.id, type: record.type }, 'PUT', `/bitgo/v1/${record.type}/${encodeURIComponent(record.id)}/clear`, undefined);
  }

  /**
   * A client connected to this asynchronous partner: ask it to initialize the connection. The connection token is
   * held only in this call's body, in memory: it is never written to the books.
   */
  connect(connection: PendingConnection, connectionToken: string, hooks: WebhookAnswerHooks): void {
    const body = JSON.stringify({ clientId: connection.clientId, connectionId: connection.id, connectionToken, partnerId: connection.partnerId });
    this.#enqueue('connect', { id: connection.id, type: 'connection' }, 'POST', '/bitgo/v1/connections', body, hooks);
  }

  /** Resolves once no call is in flight or waiting to be retried. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops retrying; calls in flight are abandoned. */
  async close(): Promise<void> {
    this.#stop.abort();
    await this.idle();
  }

  #enqueue(call: WebhookCall, record: { id: string; type: WebhookDelivery['type'] }, method: string, path: string, body: string | undefined, hooks?: WebhookAnswerHooks): void {
    const base = this.#url;
    if (base === undefined || this.#stop.signal.aborted) return;
    const once = `${call}:${record.id}`;
    if (this.#called.has(once)) return;
    this.#called.add(once);
    const delivery: WebhookDelivery = { call, type: record.type, recordId: record.id, url: base + path, attempts: 0, status: null, outcome: 'pending' };
    this.#deliveries.push(delivery);
    const previous = this.#queues.get(record.id) ?? Promise.resolve();
    const run = previous.then(() => this.#deliver(delivery, method, body, hooks));
    this.#queues.set(record.id, run);
    this.#inFlight.add(run);
    void run.finally(() => {
      this.#inFlight.delete(run);
      if (this.#queues.get(record.id) === run) this.#queues.delete(record.id);
    });
  }

  async #deliver(delivery: WebhookDelivery, method: string, body: string | undefined, hooks: WebhookAnswerHooks | undefined): Promise<void> {
    const { attempts, baseDelayMs, maxDelayMs, timeoutMs } = this.#retry;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.#stop.signal.aborted) {
        delivery.outcome = 'cancelled';
        return;
      }
      delivery.attempts = attempt;
      try {
        const res = await fetch(delivery.url, {
          method,
          headers: { 'x-bitgo-signature': this.#key.token(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.any([this.#stop.signal, AbortSignal.timeout(timeoutMs)]),
        });
        const answer = await res.text().catch(() => undefined);
        delivery.status = res.status;
        if (res.ok && answer !== undefined && (hooks?.accepted(answer) ?? true)) {
          delivery.outcome = 'delivered';
          return;
        }
        if (res.ok || (res.status < 500 && !RETRIED.has(res.status))) {
          delivery.outcome = 'refused';
          hooks?.refused();
          return;
        }
      } catch {
        delivery.status = null;
      }
      if (attempt < attempts) {
        const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        try {
          await sleep(delay, undefined, { signal: this.#stop.signal });
        } catch {
          delivery.outcome = 'cancelled';
          return;
        }
      }
    }
    delivery.outcome = 'gave-up';
  }
}
