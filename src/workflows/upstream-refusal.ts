import type { BitGoError } from '../bitgo/errors.js';
import { AppError, AppErrorCode } from './app-error.js';
import { UserErrorCode } from './user-error.js';

/**
 * The one table from BitGo's answers to the gateway's codes: the `extensions.code` a failed read or a
 * top-level mutation failure carries, and the user error a mutation answers instead when the refusal is
 * about its input (null: the failure stays top-level, as authentication, permission and outages do).
 */
interface Row {
  code: AppErrorCode;
  userError: UserErrorCode | null;
  says: string;
}

const BY_STATUS: ReadonlyMap<number, Row> = new Map([
  [400, { code: AppErrorCode.BAD_USER_INPUT, userError: UserErrorCode.REJECTED, says: 'BitGo rejected the request' }],
  [401, { code: AppErrorCode.UNAUTHENTICATED, userError: null, says: 'BitGo did not accept the access token' }],
  [403, { code: AppErrorCode.FORBIDDEN, userError: null, says: 'BitGo refused access' }],
  [404, { code: AppErrorCode.NOT_FOUND, userError: UserErrorCode.NOT_FOUND, says: 'BitGo found no such resource' }],
  [409, { code: AppErrorCode.CONFLICT, userError: UserErrorCode.CONFLICT, says: 'BitGo reported a conflict' }],
  [422, { code: AppErrorCode.BAD_USER_INPUT, userError: UserErrorCode.REJECTED, says: 'BitGo could not process the request' }],
  // The token's rate limit at BitGo, shared by every caller of this gateway that uses it: nothing was done.
  [429, { code: AppErrorCode.RATE_LIMITED, userError: null, says: 'BitGo refused the request: rate limit reached' }],
]);

const WHY: Record<BitGoError['kind'], string> = {
  http: 'answered with an error',
  timeout: 'did not answer in time',
  network: 'could not be reached',
  'invalid-response': 'answered with a body that could not be read',
};

export interface UpstreamRefusal {
  code: AppErrorCode;
  userError: UserErrorCode | null;
  /** Safe to show: BitGo's own message, never a token or URL. */
  message: string;
}

export function upstreamRefusal(error: BitGoError): UpstreamRefusal {
  const row = error.kind === 'http' && error.status !== undefined ? BY_STATUS.get(error.status) : undefined;
  if (!row) return { code: AppErrorCode.UPSTREAM_UNAVAILABLE, userError: null, message: `BitGo ${WHY[error.kind]}; try again later` };
  return { code: row.code, userError: row.userError, message: `${row.says}${error.bitgoMessage ? `: ${error.bitgoMessage}` : ''}` };
}

/**
 * A BitGo failure as the error the caller sees, with BitGo's status and request id for support, and how long
 * BitGo asked to wait when it is a rate limit.
 */
export function upstreamError(error: BitGoError): AppError {
  const { code, message } = upstreamRefusal(error);
  const retryAfter = code === AppErrorCode.RATE_LIMITED ? { retryAfter: error.retryAfterSeconds ?? null } : {};
  return new AppError(code, message, { details: { upstreamStatus: error.status ?? null, requestId: error.requestId ?? null, ...retryAfter } });
}
