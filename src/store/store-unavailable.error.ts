/**
 * The store could not be used: PostgreSQL unreachable, restarting, terminating its backends, out of connections or of
 * disk, no answer within STORE_TIMEOUT_MS; the embedded store's disk full or read-only. Not a bug in a statement: the
 * same statement succeeds once the store is back. Callers refuse what needs the store (STORE_UNAVAILABLE) and carry on
 * with what does not. The message names the failure's kind, never a connection string; `cause` keeps the driver's error.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the store is unavailable: ${reason}`, options);
  }
}

/**
 * SQLSTATE classes and codes that say the server (or the disk under it) failed, not the statement: 08 connection
 * exception, 53 insufficient resources (disk full, out of memory, too many connections), 57P01–57P05 (administrator
 * shutdown, crash shutdown, cannot connect now, database dropped, idle session timeout), 57014 (statement_timeout),
 * 58 system errors (I/O), 25006 (a read-only transaction: a standby after a failover), XX001/XX002 (corrupt data
 * or index).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|58)|^57P0[1-5]$|^57014$|^25006$|^XX00[12]$/;

/** Errors of the operating system or of the driver itself that mean "no usable connection" or "no usable disk". */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOSPC', 'EROFS', 'EDQUOT', 'EIO', 'EACCES', 'EPERM']);

/** node-postgres's own wording for a connection that timed out, dropped or broke (it sets no code on these). */
const DRIVER_MESSAGES = [
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^connection timeout$/i,
];

/** A short reason for logs and the refusal's message: the SQLSTATE or errno and the driver's first words, no URL. */
function reasonOf(error: Error & { code?: unknown }): string {
  const code = typeof error.code === 'string' ? `${error.code}: ` : '';
  return `${code}${error.message.split('\n')[0]!.slice(0, 200)}`;
}

/**
 * The store's failure as StoreUnavailableError when it is one (see above); anything else (a constraint, a syntax
 * error, a bug) unchanged.
 */
export function asStoreUnavailable(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const unavailable =
    (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) ||
    DRIVER_MESSAGES.some((pattern) => pattern.test(error.message)) ||
    // The embedded engine's WebAssembly instance aborted (an fs error it could not survive), or was closed after one.
    error instanceof WebAssembly.RuntimeError ||
    /^PGlite is closed$/.test(error.message) ||
    (error as { errors?: unknown }).errors instanceof Array && (error as AggregateError).errors.some((inner) => asStoreUnavailable(inner) instanceof StoreUnavailableError);
  return unavailable ? new StoreUnavailableError(reasonOf(error as Error & { code?: unknown }), { cause: error }) : error;
}

/** Whether a driver error means the connection it came on is broken and must not go back to the pool. */
export function breaksConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^08|^57P0[1-5]$/.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}
