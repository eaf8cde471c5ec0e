/**
 * Failures the application reports to whoever called it (the GraphQL surface maps them to
 * `extensions.code`). Codes are part of the API contract; messages are written to be shown and carry no
 * secret. Problems a mutation answers as data are UserErrors instead (user-error.ts).
 */
export const AppErrorCode = {
  /** An argument is malformed (a filter, page size or cursor: `extensions.field` names it), or BitGo refused the request as malformed (its 400 or 422). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** No token (in production, without ALLOW_SERVICE_TOKEN), a malformed `Authorization` header, or a token BitGo refuses (HTTP 401). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** BitGo refuses this token for that enterprise or action (its 403; for the audit trail and the partner ledger, its 404 too). */
  FORBIDDEN: 'FORBIDDEN',
  /** BitGo has no such resource visible to this caller (its 404). */
  NOT_FOUND: 'NOT_FOUND',
  /** The request collides with what BitGo holds (its 409). */
  CONFLICT: 'CONFLICT',
  /** BitGo did not answer usefully (a timeout, a network failure, a 5xx, an unreadable body): `extensions.upstreamStatus` and `requestId` say what it sent. Try again later. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** No signer for the enterprise, or the signer failed (Express down, a key that does not match): nothing was sent. */
  SIGNER_UNAVAILABLE: 'SIGNER_UNAVAILABLE',
  /** Live subscriptions: a caller holds too many, or one fell too far behind its events. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The gateway is shutting down: subscribe again (another replica answers). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** Over a rate limit, the gateway's own or BitGo's; `extensions.retryAfter` says in how many seconds to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /**
   * The gateway's store (the journal of signed requests) is unavailable: PostgreSQL restarting, stopped or not
   * answering within STORE_TIMEOUT_MS, or the embedded store's disk full or read-only. A signed write so refused sent
   * nothing: repeat it with the same key (`extensions.idempotencyKey`) after `extensions.retryAfter` seconds (HTTP 503, `Retry-After`).
   */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export interface AppErrorOptions {
  /** Path of the argument at fault, e.g. ["filter", "clientIds"]. */
  field?: readonly string[] | undefined;
  /** Extra facts safe to show, e.g. BitGo's status and request id. */
  details?: Readonly<Record<string, unknown>> | undefined;
  /** An HTTP status the transport should answer with (e.g. 401 for a malformed Authorization header). */
  httpStatus?: number | undefined;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly field: readonly string[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly httpStatus: number | undefined;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.field = options.field;
    this.details = options.details;
    this.httpStatus = options.httpStatus;
  }
}

/** Seconds a client is asked to wait before repeating what the store's outage refused: a restart or a failover takes seconds. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** What needs the store is refused while it is unavailable; `details` adds what the caller needs to repeat it. */
export function storeUnavailable(message: string, details: Readonly<Record<string, unknown>> = {}): AppError {
  return new AppError(AppErrorCode.STORE_UNAVAILABLE, message, { details: { retryAfter: STORE_RETRY_AFTER_SECONDS, ...details }, httpStatus: 503 });
}

export function badInput(message: string, field?: string | readonly string[]): AppError {
  return new AppError(AppErrorCode.BAD_USER_INPUT, message, { field: typeof field === 'string' ? field.split('.') : field });
}
