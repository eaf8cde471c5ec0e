import type { Balance } from './types.js';

/**
 * Balances per account and currency, BigInt only. An account is either an
 * enterprise (its BitGo trading balance) or a connection (what is allocated
 * to the partner); `held` is money in flight on a reserved record.
 */
export class Ledger {
  private readonly accounts = new Map<string, Map<string, Balance>>();

  /** `onChange`: told of every account and currency whose balance is set or adjusted (the books track it to save it). */
  constructor(private readonly onChange?: (account: string, currency: string) => void) {}

  get(account: string, currency: string): Balance {
    const b = this.accounts.get(account)?.get(currency);
    return b === undefined ? { available: 0n, held: 0n } : { ...b };
  }

  set(account: string, currency: string, balance: Partial<Balance>): void {
    const current = this.slot(account, currency);
    if (balance.available !== undefined) current.available = balance.available;
    if (balance.held !== undefined) current.held = balance.held;
    this.onChange?.(account, currency);
  }

  /** Every currency of an account, e.g. for a balances report. */
  all(account: string): Record<string, Balance> {
    const out: Record<string, Balance> = {};
    for (const [currency, b] of this.accounts.get(account) ?? []) out[currency] = { ...b };
    return out;
  }

  /** Adds `delta` to the available and held amounts (negative to take). */
  adjust(account: string, currency: string, available: bigint, held: bigint): void {
    const b = this.slot(account, currency);
    b.available += available;
    b.held += held;
    this.onChange?.(account, currency);
  }

  /** Every balance of every account, e.g. to save them all. */
  *entries(): IterableIterator<[account: string, currency: string, balance: Balance]> {
    for (const [account, byCurrency] of this.accounts) for (const [currency, b] of byCurrency) yield [account, currency, { ...b }];
  }

  private slot(account: string, currency: string): Balance {
    let byCurrency = this.accounts.get(account);
    if (byCurrency === undefined) {
      byCurrency = new Map();
      this.accounts.set(account, byCurrency);
    }
    let b = byCurrency.get(currency);
    if (b === undefined) {
      b = { available: 0n, held: 0n };
      byCurrency.set(currency, b);
    }
    return b;
  }
}
