import { createHash } from 'node:crypto';
import type { CallOptions } from '../bitgo/client.js';
import { AppError, AppErrorCode, badInput } from './app-error.js';
import type { ReadTicket } from './reads/read-ticket.js';

/**
 * Who an operation acts for. BitGo decides what a token may do; the gateway only needs the token to pass
 * on and a name for it that reveals nothing (the audit trail and rate limits key on it).
 */
export interface Caller {
  /**
   * The caller's own bearer token when sent, else the gateway's service token; undefined when neither, or when
   * the gateway does not act for callers without a token of their own (ALLOW_SERVICE_TOKEN=false).
   */
  token: string | undefined;
  /** True when acting with the gateway's service token. */
  service: boolean;
  /** The inbound request's id: on the workflows' log lines and sent to BitGo with every call made for it. */
  requestId?: string | undefined;
  /** Opaque: the operation's trace, handed to the BitGo client's listeners so a call's span has its parent. */
  trace?: object | undefined;
  /** The request's read-cache ticket (fresh data asked for, ages of what was served); none outside a request. */
  reads?: ReadTicket | undefined;
}

export function requireToken(caller: Caller): string {
  if (!caller.token) {
    // Refused before any upstream call; the transport answers HTTP 401 when nothing else was produced.
    const hint = caller.service ? ' or configure BITGO_ACCESS_TOKEN' : '';
    throw new AppError(AppErrorCode.UNAUTHENTICATED, `No BitGo access token: send \`Authorization: Bearer <token>\`${hint}`);
  }
  return caller.token;
}

/** What every BitGo call made for this caller carries: its token, its request id and its trace. */
export function callOptions(caller: Caller): CallOptions {
  return { token: requireToken(caller), requestId: caller.requestId, trace: caller.trace, cache: caller.reads };
}

/** `service`, or the first 16 hex characters of the token's SHA-256: enough to tell callers apart, useless to act with. */
export function callerName(caller: Caller): string {
  if (caller.service || !caller.token) return 'service';
  return createHash('sha256').update(caller.token).digest('hex').slice(0, 16);
}

/** The enterprise an operation acts on: the caller's, else the gateway's configured one. */
export function requireEnterpriseId(given: string | undefined | null, fallback: string | undefined): string {
  const enterpriseId = given ?? fallback;
  if (!enterpriseId) throw badInput('enterpriseId is required: pass it, or configure BITGO_ENTERPRISE_ID on the gateway', 'enterpriseId');
  return enterpriseId;
}
