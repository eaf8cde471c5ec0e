/**
 * Signed requests whose outcome is not known yet, by idempotency key. When a
 * caller repeats the mutation with the same clientExternalId, the gateway
 * re-sends these exact bytes instead of signing anew: BitGo completes a
 * reserved+retriable allocation only for the identical request. In memory, per
 * gateway process: a repeat that reaches another replica is signed anew, which
 * BitGo still answers with the one allocation it holds.
 */
export interface PendingWrite {
  /** What the request asked, so a repeat that asks something else is not served these bytes. */
  fingerprint: string;
  body: string;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX = 10_000;

export class PendingWrites {
  readonly #entries = new Map<string, PendingWrite>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly max = DEFAULT_MAX,
  ) {}

  get(key: string, fingerprint: string, now = Date.now()): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.fingerprint === fingerprint ? entry.body : undefined;
  }

  remember(key: string, fingerprint: string, body: string, now = Date.now()): void {
    this.#entries.delete(key);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { fingerprint, body, expiresAt: now + this.ttlMs });
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
