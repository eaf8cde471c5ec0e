import { BitGoError } from '../../bitgo/errors.js';
import { SigningError } from '../../signing/signer.js';
import type { SignedRequestKind } from '../../store/journal.store.js';
import { AppError } from '../app-error.js';
import { upstreamError } from '../upstream-refusal.js';
import type { UserError } from '../user-error.js';

/**
 * What the signed-write workflows report while they run, for the operator's metrics. Defined here, implemented
 * by the server (Prometheus), so the workflows know nothing of how it is recorded.
 */
export interface WriteObserver {
  /**
   * A signed-write mutation ended. `outcome` is `OK`, the code of the first user error it answered
   * (`OUTCOME_UNKNOWN`, `REJECTED`, `RELEASED`, `CONFLICT`, …), or the code of what it threw
   * (`SIGNER_UNAVAILABLE`, `UPSTREAM_UNAVAILABLE`, …; `INTERNAL` for anything unexpected): a bounded set.
   */
  written(kind: SignedRequestKind, outcome: string): void;
  /** One signature: screening, signing and verification, by signer kind. */
  signed(signer: 'local' | 'express', durationMs: number): void;
}

export const NO_WRITE_OBSERVER: WriteObserver = {
  written() {},
  signed() {},
};

export function answeredOutcome(userErrors: readonly UserError[]): string {
  return userErrors[0]?.code ?? 'OK';
}

export function thrownOutcome(error: unknown): string {
  if (error instanceof AppError) return error.code;
  if (error instanceof SigningError) return 'SIGNER_UNAVAILABLE';
  // As the GraphQL surface will report it: BitGo's 401 is UNAUTHENTICATED, an outage UPSTREAM_UNAVAILABLE.
  if (error instanceof BitGoError) return upstreamError(error).code;
  return 'INTERNAL';
}

/** Runs a write and reports how it ended, whether it answered or threw. */
export async function observed<R extends { userErrors: readonly UserError[] }>(observer: WriteObserver, kind: SignedRequestKind, run: () => Promise<R>): Promise<R> {
  let result: R;
  try {
    result = await run();
  } catch (error) {
    observer.written(kind, thrownOutcome(error));
    throw error;
  }
  observer.written(kind, answeredOutcome(result.userErrors));
  return result;
}
