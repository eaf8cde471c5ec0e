/**
 * Wire errors of the BitGo REST client. They carry what an operator needs (status, BitGo's own message,
 * the request id) and never the token, the request body or the full URL with its query.
 */

export type BitGoErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response';

export interface BitGoErrorOptions {
  kind: BitGoErrorKind;
  /** The method and route template, e.g. "GET clients/allocations": safe to log. */
  operation: string;
  requestId?: string | undefined;
  /** The HTTP status of the last answer, when one arrived. */
  status?: number | undefined;
  /** The parsed JSON body of an error response (e.g. 422 with the released allocation, 500 with the reserved one). */
  body?: unknown;
  /** An earlier attempt of the same call may have reached BitGo (5xx, timeout, dropped connection). */
  afterAmbiguousAttempt?: boolean;
  /** Bodies of the earlier attempts' error responses, oldest first. */
  earlierBodies?: readonly unknown[];
  /** Seconds BitGo asked the caller to wait (its Retry-After header), when it sent one. */
  retryAfterSeconds?: number | undefined;
}

const MAX_MESSAGE = 300;

/** BitGo's `{ error }` string, cut to a sane length; 400 bodies may have any shape. */
function bitgoMessageOf(body: unknown): string | undefined {
  if (body !== null && typeof body === 'object') {
    const candidate = (body as Record<string, unknown>).error ?? (body as Record<string, unknown>).message;
    if (typeof candidate === 'string' && candidate.length > 0) return candidate.slice(0, MAX_MESSAGE);
  }
  return undefined;
}

function describe({ kind, operation, status }: BitGoErrorOptions, bitgoMessage: string | undefined): string {
  switch (kind) {
    case 'http':
      return `BitGo ${operation} answered ${status}${bitgoMessage ? `: ${bitgoMessage}` : ''}`;
    case 'timeout':
      return `BitGo ${operation} timed out`;
    case 'network':
      return `BitGo ${operation} could not be reached`;
    case 'invalid-response':
      return `BitGo ${operation} answered ${status} with a body that is not the documented shape`;
  }
}

export class BitGoError extends Error {
  override readonly name = 'BitGoError';
  readonly kind: BitGoErrorKind;
  readonly operation: string;
  readonly requestId: string | undefined;
  readonly status: number | undefined;
  /** BitGo's `error` string, when it sent one. */
  readonly bitgoMessage: string | undefined;
  readonly body: unknown;
  readonly afterAmbiguousAttempt: boolean;
  readonly earlierBodies: readonly unknown[];
  readonly retryAfterSeconds: number | undefined;

  constructor(options: BitGoErrorOptions) {
    const bitgoMessage = options.kind === 'http' ? bitgoMessageOf(options.body) : undefined;
    super(describe(options, bitgoMessage));
    this.kind = options.kind;
    this.operation = options.operation;
    this.requestId = options.requestId;
    this.status = options.status;
    this.bitgoMessage = bitgoMessage;
    this.body = options.body;
    this.afterAmbiguousAttempt = options.afterAmbiguousAttempt ?? false;
    this.earlierBodies = options.earlierBodies ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /**
   * True when BitGo may have acted on the request and what it did is not known: no answer, a 5xx, a success
   * whose body never arrived whole, or any answer to a re-send that followed such an attempt.
   */
  get outcomeUnknown(): boolean {
    // 408 comes from proxies as often as from BitGo: the request may have gone through.
    return this.afterAmbiguousAttempt || this.kind !== 'http' || (this.status ?? 0) >= 500 || this.status === 408;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, operation: this.operation, status: this.status, requestId: this.requestId, bitgoMessage: this.bitgoMessage, retryAfterSeconds: this.retryAfterSeconds };
  }
}

/**
 * A Retry-After header (delay-seconds or an HTTP date) as whole seconds from `now`, never negative; undefined
 * when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
