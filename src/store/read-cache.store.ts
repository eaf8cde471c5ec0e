/**
 * The read cache's store port, and its in-memory implementation. An entry is BitGo's answer to one GET, as the
 * JSON text it parsed from (so every hit gets objects of its own), with what decides whether it may be served:
 * when its fetch started, the generation of its kind it was fetched under, and whose token fetched it (a digest).
 * A kind's generation moves on at every invalidation: an entry of an older generation is never served, so a fetch
 * that raced a change is dropped as soon as it lands.
 */
export interface CachedRead {
  body: string;
  /** Epoch ms when the fetch started: the entry is never younger than this. */
  fetchedAt: number;
  generation: number;
  /** SHA-256 of the token that fetched it (hex prefix): another token must prove its access first. */
  tokenHash: string;
}

export interface CacheLookup {
  entry: CachedRead | undefined;
  /** The kind's generation now: an entry of another one is stale, and a fetch started now is stamped with it. */
  generation: number;
}

export interface ReadCacheStore {
  /** Rejects when the store cannot answer (Redis down or slow): the caller reads BitGo directly. */
  get(kind: string, key: string): Promise<CacheLookup>;
  set(kind: string, key: string, entry: CachedRead, ttlMs: number): Promise<void>;
  /** Moves the kinds' generations on (every entry of them is dropped). */
  invalidate(kinds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryReadCacheStoreOptions {
  maxBytes: number;
  /** Told of each entry evicted for room (not of expiries or invalidations). */
  onEvict?: (kind: string) => void;
  now?: () => number;
}

interface Held extends CachedRead {
  kind: string;
  expiresAt: number;
  bytes: number;
}

/** What one entry costs beyond its text (two strings' headers, the map's slot, the record): an estimate, on purpose high. */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * In this process: a Map in least-recently-used order (a hit moves its entry to the end), bounded in bytes
 * (UTF-16, as V8 holds most strings); the oldest go first when a new entry does not fit.
 */
export class MemoryReadCacheStore implements ReadCacheStore {
  readonly #entries = new Map<string, Held>();
  readonly #generations = new Map<string, number>();
  readonly #options: MemoryReadCacheStoreOptions;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: MemoryReadCacheStoreOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Bytes held now (tests check the bound). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(kind: string, key: string): Promise<CacheLookup> {
    return this.lookup(kind, key);
  }

  /** The same as get, without a promise: the hit path of a memory store costs no microtask. */
  lookup(kind: string, key: string): CacheLookup {
    const generation = this.#generations.get(kind) ?? 0;
    const held = this.#entries.get(key);
    if (!held) return { entry: undefined, generation };
    if (held.expiresAt <= this.#now() || held.generation !== generation) {
      this.#drop(key, held);
      return { entry: undefined, generation };
    }
    this.#entries.delete(key);
    this.#entries.set(key, held);
    return { entry: held, generation };
  }

  async set(kind: string, key: string, entry: CachedRead, ttlMs: number): Promise<void> {
    const bytes = 2 * (entry.body.length + key.length + entry.tokenHash.length) + ENTRY_OVERHEAD_BYTES;
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    // An answer bigger than the whole cache is not kept (and does not empty the cache on its way).
    if (bytes > this.#options.maxBytes || entry.generation !== (this.#generations.get(kind) ?? 0)) return;
    while (this.#bytes + bytes > this.#options.maxBytes) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#drop(oldestKey, oldest);
      // Only a live entry pushed out for room is an eviction; an expired or invalidated one was dead already.
      if (oldest.expiresAt > this.#now() && oldest.generation === (this.#generations.get(oldest.kind) ?? 0)) this.#options.onEvict?.(oldest.kind);
    }
    this.#entries.set(key, { body: entry.body, fetchedAt: entry.fetchedAt, generation: entry.generation, tokenHash: entry.tokenHash, kind, expiresAt: this.#now() + ttlMs, bytes });
    this.#bytes += bytes;
  }

  async invalidate(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) this.#generations.set(kind, (this.#generations.get(kind) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #drop(key: string, held: Held): void {
    this.#entries.delete(key);
    this.#bytes -= held.bytes;
  }
}
