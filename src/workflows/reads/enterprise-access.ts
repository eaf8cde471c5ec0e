import { createHash } from 'node:crypto';
import { BOTH_TYPES, listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireView } from '../../bitgo/wire.types.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { callOptions, requireToken, type Caller } from '../caller.js';

export interface EnterpriseAccessOptions {
  client: BitGoTransport;
  /** Which allocation list to probe unless a check names one: the gateway's default view, the one its callers read. */
  view: WireView;
  /** How long a verdict is trusted; at most (and by default) 60 s. */
  ttlMs?: number;
  /** Most verdicts kept; the oldest go first. */
  maxEntries?: number;
  /** Milliseconds now; for tests of expiry. */
  now?: () => number;
}

/** BitGo's refusal of a token for an enterprise: kept as what BitGo said, worded for each reader when thrown. */
interface Refusal {
  status: number;
  requestId: string | null;
}

interface Verdict {
  expiresAt: number;
  /** Resolves to the refusal (null: allowed); rejects when BitGo could not say (not kept). */
  refusal: Promise<Refusal | null>;
}

const MAX_TTL_MS = 60_000;

/**
 * Whether BitGo lets a token read an enterprise: the gateway shows what it keeps about an enterprise (the
 * journal) only to callers BitGo would show the enterprise's allocations to. One upstream read decides: the
 * enterprise's allocation list, one row (`pageSize=1`), which BitGo answers only with the read scope, the OES
 * licence and membership of the enterprise, the same gate as the allocations the journal describes. Verdicts
 * are kept per (SHA-256 of the token, enterprise) for at most 60 s, allowed and refused alike; a failure
 * that is not BitGo's verdict (timeout, 5xx) is never kept. Concurrent checks of one pair share one read.
 */
export class EnterpriseAccess {
  readonly #verdicts = new Map<string, Verdict>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(private readonly options: EnterpriseAccessOptions) {
    this.#ttlMs = Math.min(options.ttlMs ?? MAX_TTL_MS, MAX_TTL_MS);
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Resolves when the caller may read the enterprise (as a client or, for the partner ledger, as a partner);
   * throws UNAUTHENTICATED or FORBIDDEN otherwise.
   */
  async check(caller: Caller, enterpriseId: string, view: WireView = this.options.view, records = "the gateway's records of it"): Promise<void> {
    const token = requireToken(caller);
    // The token itself is never a key: a dump of this map reveals nothing usable.
    const key = `${createHash('sha256').update(token).digest('hex')}:${view}:${enterpriseId}`;
    const now = this.#now();
    let verdict = this.#verdicts.get(key);
    if (verdict && verdict.expiresAt <= now) {
      this.#verdicts.delete(key);
      verdict = undefined;
    }
    if (!verdict) {
      // Counted from before the read: a verdict is never older than the TTL when used.
      // The read goes out with this caller's request id and trace; callers that share its verdict share the read.
      const fresh: Verdict = { expiresAt: now + this.#ttlMs, refusal: this.#ask(caller, enterpriseId, view) };
      fresh.refusal.catch(() => {
        if (this.#verdicts.get(key) === fresh) this.#verdicts.delete(key);
      });
      if (this.#verdicts.size >= this.#maxEntries) this.#verdicts.delete(this.#verdicts.keys().next().value!);
      this.#verdicts.set(key, fresh);
      verdict = fresh;
    }
    const refusal = await verdict.refusal;
    if (!refusal) return;
    const details = { upstreamStatus: refusal.status, requestId: refusal.requestId };
    if (refusal.status === 401) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'BitGo did not accept the access token', { details });
    throw new AppError(AppErrorCode.FORBIDDEN, `BitGo does not let this access token read enterprise ${enterpriseId} as a ${view}, so neither may it read ${records}`, { details });
  }

  async #ask(caller: Caller, enterpriseId: string, view: WireView): Promise<Refusal | null> {
    try {
      await listAllocations(this.options.client, enterpriseId, view, { types: BOTH_TYPES, pageNumber: 0, pageSize: 1 }, callOptions(caller));
      return null;
    } catch (error) {
      if (error instanceof BitGoError && error.kind === 'http' && (error.status === 401 || error.status === 403 || error.status === 404)) {
        return { status: error.status, requestId: error.requestId ?? null };
      }
      throw error;
    }
  }
}
