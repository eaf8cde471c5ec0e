/**
 * Wire errors of the BitGo REST client. They carry what an operator needs
 * (status, BitGo's own message, the request id) and never the token, the
 * request body or the full URL with its query.
 */

export type BitGoErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response';

export class BitGoError extends Error {
  constructor(
    message: string,
    readonly kind: BitGoErrorKind,
    /** The route template, e.g. "GET clients/allocations": safe to log. */
    readonly operation: string,
    readonly requestId: string | undefined,
    readonly status: number | undefined = undefined,
    /** BitGo's `error` string, when it sent one. */
    readonly bitgoMessage: string | undefined = undefined,
    /** The parsed JSON body of an error response (e.g. 422 with the released allocation, 500 with the reserved one). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'BitGoError';
  }

  /** An earlier attempt of the same call may have reached BitGo (5xx, timeout, dropped connection). */
  afterAmbiguousAttempt = false;

  /** Bodies of the earlier attempts' error responses, oldest first. */
  earlierBodies: readonly unknown[] = [];

  /**
   * True when BitGo may have acted on the request and what it did is not known:
   * no answer, a 5xx, a success whose body never arrived whole, or any answer
   * to a re-send that followed such an attempt.
   */
  get outcomeUnknown(): boolean {
    // 408 comes from proxies as often as from BitGo: the request may have gone through.
    return this.afterAmbiguousAttempt || this.kind !== 'http' || (this.status ?? 0) >= 500 || this.status === 408;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, operation: this.operation, status: this.status, requestId: this.requestId, bitgoMessage: this.bitgoMessage };
  }
}

const MAX_MESSAGE = 300;

/** BitGo's `{ error }` string, cut to a sane length; 400 bodies may have any shape. */
export function bitgoMessageOf(body: unknown): string | undefined {
  if (body !== null && typeof body === 'object') {
    const candidate = (body as Record<string, unknown>).error ?? (body as Record<string, unknown>).message;
    if (typeof candidate === 'string' && candidate.length > 0) return candidate.slice(0, MAX_MESSAGE);
  }
  return undefined;
}

export function httpError(operation: string, status: number, body: unknown, requestId: string | undefined): BitGoError {
  const bitgoMessage = bitgoMessageOf(body);
  const text = `BitGo ${operation} answered ${status}${bitgoMessage ? `: ${bitgoMessage}` : ''}`;
  return new BitGoError(text, 'http', operation, requestId, status, bitgoMessage, body);
}

export function timeoutError(operation: string, requestId: string | undefined): BitGoError {
  return new BitGoError(`BitGo ${operation} timed out`, 'timeout', operation, requestId);
}

export function networkError(operation: string, requestId: string | undefined): BitGoError {
  return new BitGoError(`BitGo ${operation} could not be reached`, 'network', operation, requestId);
}

export function invalidResponseError(operation: string, status: number, requestId: string | undefined): BitGoError {
  return new BitGoError(`BitGo ${operation} answered ${status} with a body that is not the documented shape`, 'invalid-response', operation, requestId, status);
}
