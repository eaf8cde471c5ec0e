import type { BitGoTransport } from '../../src/bitgo/allocations.api.js';
import type { CallOptions, Endpoint, WriteOptions } from '../../src/bitgo/client.js';
import { BitGoError, type BitGoErrorOptions } from '../../src/bitgo/errors.js';

/** One send the fake saw. */
export interface SentCall {
  endpoint: Endpoint;
  path: string;
  body: string;
}

/** What the fake answers a submit with: a parsed body, or a wire error as the real client would throw it. */
export type Scripted = { body: unknown } | { error: BitGoErrorOptions };

/**
 * A stand-in for the BitGo client in workflow tests: answers the signing route with the canonical payload
 * (keys in BitGo's order, built from the request body) and every other send from a script, one entry per
 * call. It records every send, so a test can say exactly which bytes went out.
 */
export class FakeBitGo implements BitGoTransport {
  readonly sent: SentCall[] = [];
  readonly #script: Scripted[] = [];

  constructor(private readonly enterpriseId: string) {}

  /** Queues answers for the next non-signing sends, in order. */
  answer(...answers: Scripted[]): this {
    this.#script.push(...answers);
    return this;
  }

  async get<T>(_endpoint: Endpoint, _path: string, _query: unknown, _options: CallOptions): Promise<T> {
    throw new Error('the fake answers no reads');
  }

  async send<T>(endpoint: Endpoint, path: string, body: string, _options: WriteOptions): Promise<T> {
    this.sent.push({ endpoint, path, body });
    if (endpoint.route.endsWith('/signing')) {
      const request = JSON.parse(body) as { amount: unknown; clientExternalId: string; nonce: string; notes?: string };
      const connectionId = /connections\/([^/]+)\//.exec(path)![1]!;
      const payload = JSON.stringify({
        amount: request.amount,
        clientExternalId: request.clientExternalId,
        nonce: request.nonce,
        ...(request.notes === undefined ? {} : { notes: request.notes }),
        connectionId,
        enterpriseId: this.enterpriseId,
      });
      return { payload } as T;
    }
    const next = this.#script.shift();
    if (!next) throw new Error(`no scripted answer for ${endpoint.method} ${endpoint.route}`);
    if ('error' in next) throw new BitGoError(next.error);
    return next.body as T;
  }

  /** The sends that were submissions, not signing-payload requests. */
  submissions(): SentCall[] {
    return this.sent.filter((c) => !c.endpoint.route.endsWith('/signing'));
  }
}
