/**
 * Signed requests whose outcome is not settled, by idempotency key. A request
 * is held from just before it is first sent until BitGo gives a definite
 * answer, so that every send under one clientExternalId (retries, concurrent
 * double clicks, repeats after OUTCOME_UNKNOWN) carries the same bytes: BitGo
 * completes a reserved+retriable allocation only for the identical request.
 * In memory, per gateway process: a repeat that reaches another replica is
 * signed anew, which BitGo still answers with the one allocation it holds.
 */
export interface PendingWrite {
  /** What the request asked, so a repeat that asks something else is refused, not served these bytes. */
  fingerprint: string;
  body: string;
  expiresAt: number;
}

export type Claim = { body: string } | { conflict: true };
export type Held = Claim | undefined;

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX = 10_000;

export class PendingWrites {
  readonly #entries = new Map<string, PendingWrite>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly max = DEFAULT_MAX,
  ) {}

  /** The request held under `key`: its bytes when it asked the same, a conflict when it asked something else. */
  peek(key: string, fingerprint: string, now = Date.now()): Held {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.fingerprint === fingerprint ? { body: entry.body } : { conflict: true };
  }

  /** Holds `body` unless another request got there first, whose outcome then wins: first writer's bytes are sent by all. */
  claim(key: string, fingerprint: string, body: string, now = Date.now()): Claim {
    const held = this.peek(key, fingerprint, now);
    if (held) return held;
    if (this.#entries.size >= this.max) this.#evict(now);
    this.#entries.set(key, { fingerprint, body, expiresAt: now + this.ttlMs });
    return { body };
  }

  /** BitGo answered definitely: let go of `key`, but only if it still holds these bytes. */
  release(key: string, body: string): void {
    if (this.#entries.get(key)?.body === body) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Expired entries first; only when none has expired, the oldest (Maps iterate in insertion order). */
  #evict(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
