import { Redis } from 'ioredis';
import type { CachedRead, CacheLookup, ReadCacheStore } from './read-cache.store.js';

export interface RedisReadCacheStoreOptions {
  url: string;
  /** Longest wait for one command; past it the read goes to BitGo. */
  commandTimeoutMs: number;
  /** Key prefix (tests give each suite its own). */
  prefix?: string;
  /** Told when Redis goes away and comes back (the URL and Redis's replies are never in it). */
  onState?: (state: 'down' | 'up') => void;
  now?: () => number;
}

const SEP = '\n';

/**
 * The read cache on Redis, shared by replicas: an entry is one string key (with its TTL as Redis's expiry), a kind's
 * generation one counter; a lookup is one MGET of both. Commands never queue while Redis is away and never wait
 * longer than the command timeout: the caller then reads BitGo directly. What Redis cannot be told (an invalidation
 * while it is away) is made up for here: entries fetched before a failed invalidation, or before Redis came back
 * from an outage, are not trusted (another replica may have written them before a change it could not record).
 */
export class RedisReadCacheStore implements ReadCacheStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => number;
  /** Per kind: entries fetched at or before this instant are not served (see above); '*' is every kind. */
  readonly #floors = new Map<string, number>();
  #down = false;

  constructor(options: RedisReadCacheStoreOptions) {
    this.#prefix = options.prefix ?? 'gateway-read-cache:';
    this.#now = options.now ?? Date.now;
    this.#redis = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(options.commandTimeoutMs, 1_000),
      // Reconnects quickly but never stops trying.
      retryStrategy: (times) => Math.min(times * 100, 2_000),
    });
    this.#redis.on('error', () => {
      if (this.#down) return;
      this.#down = true;
      options.onState?.('down');
    });
    this.#redis.on('ready', () => {
      // Whatever changed while it was away was not recorded in it: nothing written before now is trusted.
      this.#floors.set('*', this.#now());
      if (this.#down) options.onState?.('up');
      this.#down = false;
    });
  }

  /** Connects (at most the connect timeout); an unreachable Redis is not an error, reads go to BitGo until it answers. */
  async start(): Promise<void> {
    await this.#redis.connect().catch(() => undefined);
  }

  async get(kind: string, key: string): Promise<CacheLookup> {
    const [raw, gen] = await this.#redis.mget(this.#prefix + key, this.#genKey(kind));
    const generation = gen == null ? 0 : Number(gen);
    const entry = raw == null ? undefined : decode(raw);
    if (!entry || entry.generation !== generation || entry.fetchedAt <= this.#floor(kind)) return { entry: undefined, generation };
    return { entry, generation };
  }

  async set(_kind: string, key: string, entry: CachedRead, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#prefix + key, encode(entry), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async invalidate(kinds: readonly string[]): Promise<void> {
    try {
      const pipeline = this.#redis.multi();
      for (const kind of kinds) pipeline.incr(this.#genKey(kind));
      const results = await pipeline.exec();
      if (!results || results.some(([error]) => error)) throw new Error('invalidation not recorded');
    } catch (error) {
      const now = this.#now();
      for (const kind of kinds) this.#floors.set(kind, now);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }

  #floor(kind: string): number {
    return Math.max(this.#floors.get(kind) ?? 0, this.#floors.get('*') ?? 0);
  }

  #genKey(kind: string): string {
    return `${this.#prefix}generation:${kind}`;
  }
}

/** `generation \n fetchedAt \n tokenHash \n body`: the body last, so it needs no escaping. */
function encode(entry: CachedRead): string {
  return `${entry.generation}${SEP}${entry.fetchedAt}${SEP}${entry.tokenHash}${SEP}${entry.body}`;
}

function decode(raw: string): CachedRead | undefined {
  const a = raw.indexOf(SEP);
  const b = raw.indexOf(SEP, a + 1);
  const c = raw.indexOf(SEP, b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  return { generation: Number(raw.slice(0, a)), fetchedAt: Number(raw.slice(a + 1, b)), tokenHash: raw.slice(b + 1, c), body: raw.slice(c + 1) };
}
