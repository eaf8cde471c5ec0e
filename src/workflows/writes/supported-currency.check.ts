import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { getSupportedCurrencies } from '../../bitgo/connect.api.js';
import { getClientConnection } from '../../bitgo/connections.api.js';
import type { Logger } from '../../common/logger.js';
import { callerName, callOptions, type Caller } from '../caller.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';

export interface SupportedCurrencyCheckOptions {
  client: BitGoTransport;
  logger: Pick<Logger, 'debug'>;
  /** How long what a partner accepts is trusted; default 5 min. */
  ttlMs?: number;
  /** Most entries of each memo; the oldest go first. */
  maxEntries?: number;
}

interface Memo<T> {
  value: T;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 5 * 60_000;
/** A connection's partner never changes: kept as long as the memo has room. */
const PARTNER_TTL_MS = 24 * 60 * 60_000;

export function unsupported(currency: string, partnerId: string): UserError {
  return userError(UserErrorCode.UNSUPPORTED_CURRENCY, `The connection's partner (${partnerId}) does not accept ${currency}: see its supportedCurrencies`, ['amount', 'currency']);
}

/**
 * allocate and deallocate refuse a currency the connection's partner does not accept before anything is signed. What
 * a connection's partner is, and what a partner accepts, are read from BitGo once and kept, per caller (a token's
 * SHA-256 name) and enterprise, so a steady stream of allocations costs no extra call. Advisory: when the reads fail,
 * the check passes and BitGo decides.
 */
export class SupportedCurrencyCheck {
  readonly #partnerOf = new Map<string, Memo<string>>();
  readonly #accepted = new Map<string, Memo<ReadonlySet<string> | undefined>>();
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(private readonly options: SupportedCurrencyCheckOptions) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#max = options.maxEntries ?? 10_000;
  }

  /**
   * UNSUPPORTED_CURRENCY, or undefined (accepted, or not known). Never throws. `connection`: the caller reads the
   * connection anyway (a dry run), and this waits for that read instead of making its own.
   */
  async problem(caller: Caller, enterpriseId: string, connectionId: string, currency: string, connection?: Promise<{ partnerId: string }>): Promise<UserError | undefined> {
    const who = `${callerName(caller)}|${enterpriseId}`;
    try {
      const partnerId = await this.#remember(this.#partnerOf, `${who}|${connectionId}`, PARTNER_TTL_MS, async () => {
        const read = connection ?? getClientConnection(this.options.client, enterpriseId, connectionId, callOptions(caller)).then((r) => r.connection);
        return (await read).partnerId.toLowerCase();
      });
      const accepted = await this.#remember(this.#accepted, `${who}|${partnerId}`, this.#ttlMs, async (): Promise<ReadonlySet<string> | undefined> => {
        const { supportedCurrencies } = await getSupportedCurrencies(this.options.client, enterpriseId, [partnerId], callOptions(caller));
        const listed = supportedCurrencies?.[partnerId];
        // A partner BitGo lists nothing for is not refused on that account: BitGo decides.
        return listed === undefined || listed.length === 0 ? undefined : new Set(listed.map((c) => c.ofcCurrency).filter((c): c is string => typeof c === 'string'));
      });
      return accepted && !accepted.has(currency) ? unsupported(currency, partnerId) : undefined;
    } catch (error) {
      this.options.logger.debug({ err: { name: (error as Error)?.name, status: (error as { status?: number })?.status } }, 'supported currencies not checked');
      return undefined;
    }
  }

  async #remember<T>(memo: Map<string, Memo<T>>, key: string, ttlMs: number, read: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const held = memo.get(key);
    if (held && held.expiresAt > now) return held.value;
    const value = await read();
    memo.delete(key);
    memo.set(key, { value, expiresAt: now + ttlMs });
    if (memo.size > this.#max) memo.delete(memo.keys().next().value!);
    return value;
  }
}
