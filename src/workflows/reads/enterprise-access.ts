import { createHash } from 'node:crypto';
import { listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireView } from '../../bitgo/wire.types.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { requireToken, type Caller } from '../caller.js';
import { upstreamError } from '../upstream-refusal.js';

export interface EnterpriseAccessOptions {
  client: BitGoTransport;
  /** How long an accepted (token, enterprise, view) is trusted without asking BitGo again; at most 60 s. */
  ttlMs?: number;
  /** Most remembered answers; the memory is emptied whole when full. */
  maxEntries?: number;
  now?: () => number;
}

const MAX_TTL_MS = 60_000;

/**
 * What the gateway keeps itself (the partner ledger, the audit trail) is shown only to a caller BitGo accepts
 * for the enterprise: one cheap BitGo read (a list page of one row) proves it, and the answer is remembered for at
 * most a minute per token, enterprise and view, so a revoked token loses access within that minute. Concurrent
 * checks of one key share one read. Tokens are remembered only as hashes.
 */
export class EnterpriseAccess {
  readonly #client: BitGoTransport;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #accepted = new Map<string, number>();
  readonly #inFlight = new Map<string, Promise<void>>();

  constructor(options: EnterpriseAccessOptions) {
    this.#client = options.client;
    this.#ttlMs = Math.min(options.ttlMs ?? MAX_TTL_MS, MAX_TTL_MS);
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Resolves when BitGo accepts the caller's token for the enterprise in this view; throws AppError otherwise. */
  async require(caller: Caller, enterpriseId: string, view: WireView, what: string): Promise<void> {
    const token = requireToken(caller);
    const key = `${createHash('sha256').update(token).digest('base64url')}|${view}|${enterpriseId}`;
    const until = this.#accepted.get(key);
    if (until !== undefined && until > this.#now()) return;
    let check = this.#inFlight.get(key);
    if (!check) {
      check = this.#ask(token, enterpriseId, view, what).then(() => {
        if (this.#accepted.size >= this.#maxEntries) this.#accepted.clear();
        this.#accepted.set(key, this.#now() + this.#ttlMs);
      });
      this.#inFlight.set(key, check);
      void check.then(
        () => this.#inFlight.delete(key),
        () => this.#inFlight.delete(key),
      );
    }
    return check;
  }

  async #ask(token: string, enterpriseId: string, view: WireView, what: string): Promise<void> {
    try {
      await listAllocations(this.#client, enterpriseId, view, { types: ['allocation', 'deallocation'], pageNumber: 0, pageSize: 1 }, { token });
    } catch (error) {
      if (error instanceof BitGoError && error.kind === 'http' && (error.status === 401 || error.status === 403 || error.status === 404)) {
        throw new AppError(
          error.status === 401 ? AppErrorCode.UNAUTHENTICATED : AppErrorCode.FORBIDDEN,
          `${what} needs a BitGo access token accepted for enterprise ${enterpriseId} as ${view}; BitGo answered ${error.status}`,
          { details: { upstreamStatus: error.status, requestId: error.requestId ?? null } },
        );
      }
      throw error instanceof BitGoError ? upstreamError(error) : error;
    }
  }
}
