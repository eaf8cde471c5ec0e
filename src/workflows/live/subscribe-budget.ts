/** One minute: the window of the HTTP rate limits too. */
const WINDOW_MS = 60_000;
/** Callers remembered before the windows of past minutes are swept. */
const SWEEP_AT = 10_000;

/**
 * How often one caller may open a subscription on this replica: a fixed one-minute window per caller, in memory.
 * Each open asks BitGo one list call (the subscription's check), so it is held to the HTTP read budget's number;
 * the counts are this replica's own.
 */
export class SubscribeBudget {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { window: number; count: number }>();

  /** `perMinute`: 0 turns the budget off. */
  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Counts one open by `caller`; over budget, counts nothing and answers the seconds until the next window. */
  take(caller: string): { retryAfter: number } | undefined {
    if (this.#perMinute === 0) return undefined;
    const now = this.#now();
    const window = Math.floor(now / WINDOW_MS);
    const held = this.#windows.get(caller);
    const count = held?.window === window ? held.count + 1 : 1;
    if (count > this.#perMinute) return { retryAfter: Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)) };
    if (!held && this.#windows.size >= SWEEP_AT) {
      for (const [key, entry] of this.#windows) if (entry.window < window) this.#windows.delete(key);
    }
    this.#windows.set(caller, { window, count });
    return undefined;
  }

  get perMinute(): number {
    return this.#perMinute;
  }
}
