import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { BitGoError, retryAfterSeconds } from './errors.js';
import { backoffMs, MAX_RETRY_AFTER_MS, READ_AFTER_STATUSES as AFTER, READ_RETRY_STATUSES as RETRIED, type RetryTuning } from './retry-policy.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export interface ReadAttempts {
  count: number;
  /** The last HTTP status seen. */
  status: number | undefined;
}

export interface ReadRequest {
  origin: string;
  path: string;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
  /** Per attempt, body included: undici's own headers and body timeouts run on a coarse clock. */
  timeoutMs: number;
  /** "GET route", for errors. */
  operation: string;
  requestId: string;
}

/**
 * A GET on undici's dispatcher API, retried as retry-policy.ts says of reads (full jitter on its backoff). What ky and a WHATWG Request/Response per attempt cost a read (the bench's `list`
 * measured them as a visible share of a miss) is not paid here; writes keep ky, whose per-attempt byte-exact re-send
 * they rely on. Answers the body text of a 2xx; every failure leaves as a BitGoError.
 */
export async function readWithRetries(dispatcher: Dispatcher, request: ReadRequest, tuning: RetryTuning, attempts: ReadAttempts): Promise<string> {
  const { operation, requestId } = request;
  for (;;) {
    let status: number;
    let text: string;
    let answeredId: string | undefined;
    let retryAfter: string | undefined;
    try {
      const deadline = AbortSignal.timeout(request.timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
      const answer = await dispatcher.request({ origin: request.origin, path: request.path, method: 'GET', headers: request.headers, signal });
      status = answer.statusCode;
      attempts.status = status;
      text = await answer.body.text();
      answeredId = header(answer.headers['x-request-id']);
      retryAfter = header(answer.headers['retry-after']);
    } catch (error) {
      const timedOut = TIMEOUT_CODES.has((error as { code?: string })?.code ?? '') || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
      if (attempts.count <= tuning.readLimit && !request.signal?.aborted) {
        await backoff(attempts.count, tuning);
        attempts.count += 1;
        continue;
      }
      throw new BitGoError({ kind: timedOut ? 'timeout' : 'network', operation, requestId, afterAmbiguousAttempt: false, earlierBodies: [] });
    }
    if (status >= 200 && status < 300) return text;
    const after = retryAfterSeconds(retryAfter ?? null);
    if (RETRIED.has(status) && attempts.count <= tuning.readLimit && !(AFTER.has(status) && after !== undefined && after * 1000 > MAX_RETRY_AFTER_MS)) {
      if (AFTER.has(status) && after !== undefined) await sleep(after * 1000);
      else await backoff(attempts.count, tuning);
      attempts.count += 1;
      continue;
    }
    throw new BitGoError({ kind: 'http', operation, status, body: parse(text), requestId: answeredId ?? requestId, retryAfterSeconds: after, afterAmbiguousAttempt: false, earlierBodies: [] });
  }
}

function backoff(attempt: number, tuning: RetryTuning): Promise<void> {
  return sleep(Math.random() * backoffMs(attempt, tuning));
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
