import { createHash } from 'node:crypto';
import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { CallOptions, Endpoint, WriteOptions } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import { enterpriseOfPath, readKindOf, viewOfRoute, type ReadKind } from '../../bitgo/read-kinds.js';
import type { CacheLookup, ReadCacheStore } from '../../store/read-cache.store.js';

/** A store that can also answer a lookup synchronously (MemoryReadCacheStore). */
type SyncReadCacheStore = ReadCacheStore & { lookup(kind: string, key: string): CacheLookup };
import type { EnterpriseAccess } from './enterprise-access.js';
import { ReadTicket } from './read-ticket.js';

/** How a read was answered: from the cache, by another caller's call in flight, by BitGo for it, or around the cache. */
export type ReadOutcome = 'hit' | 'coalesced' | 'miss' | 'bypass';

export interface ReadCacheObserver {
  read(kind: ReadKind, outcome: ReadOutcome): void;
  invalidated(kind: ReadKind): void;
}

export interface ReadCacheOptions {
  client: BitGoTransport;
  /** Undefined: the cache is off (every read goes to BitGo; answers still carry their hints). */
  store: ReadCacheStore | undefined;
  /** Per kind; 0 keeps that kind out of the cache. */
  ttlMs: Readonly<Record<ReadKind, number>>;
  /** Proves that a token may read an enterprise in a view before it is served what another token fetched. */
  proof: Pick<EnterpriseAccess, 'check'>;
  /**
   * How long a token's own successful call vouches for it: past this, even the token that fetched an entry is
   * proven again before it is served (a revoked token stops seeing cached data within this time). The proof's
   * verdicts are kept as long.
   */
  proofTtlMs: number;
  observer?: ReadCacheObserver | undefined;
  now?: () => number;
}

type Query = Readonly<Record<string, string | undefined>>;

interface Flight {
  generation: number;
  tokenHash: string;
  fetchedAt: number;
  /** BitGo's answer as parsed (for the caller that made the call) and as text (each joiner parses its own copy). */
  answer: Promise<{ value: unknown; text: string }>;
}

/**
 * The read cache, in front of the BitGo client's GETs (a BitGoTransport, handed to the read workflows only: writes,
 * their pre-checks and the reconciler hold the client itself). An entry is keyed by route template, path (the
 * enterprise in it) and query; the route template names the view. Who may be served an entry: the token that
 * fetched it, or another once it is proven (one cheap read, its verdict kept for a bounded time) to read the same
 * enterprise in the same view; a token that is not proven goes to BitGo itself, which answers it as it would without
 * a cache. Concurrent identical misses make one call (per process). What changes an entry is the store's business
 * (generations, see read-cache.store.ts); `invalidate` is told by read-cache.invalidation.ts.
 */
export class ReadCache implements BitGoTransport {
  readonly #options: ReadCacheOptions;
  readonly #now: () => number;
  readonly #flights = new Map<string, Flight>();
  /** The store, when it can answer at once (in memory). */
  readonly #memory: SyncReadCacheStore | undefined;
  /** Digests of the tokens seen lately: a dashboard's callers send the same few tokens again and again. */
  readonly #digests = new Map<string, string>();
  /** Tokens (by digest) BitGo has just refused through this cache: served nothing cached until BitGo answers them again. */
  readonly #refused = new Set<string>();

  constructor(options: ReadCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const store = options.store as Partial<SyncReadCacheStore> | undefined;
    this.#memory = typeof store?.lookup === 'function' ? (store as SyncReadCacheStore) : undefined;
  }

  get enabled(): boolean {
    return this.#options.store !== undefined;
  }

  ttlOf(kind: ReadKind): number {
    return this.#options.ttlMs[kind];
  }

  async get<T>(endpoint: Endpoint, path: string, query: Query | undefined, options: CallOptions): Promise<T> {
    const kind = readKindOf(endpoint);
    const ticket = options.cache instanceof ReadTicket ? options.cache : undefined;
    const { store, client } = this.#options;
    if (kind === undefined) {
      if (ticket) ticket.uncacheable = true;
      return client.get<T>(endpoint, path, query, options);
    }
    const ttl = this.#options.ttlMs[kind];
    if (!store || ttl === 0) return this.#direct<T>(kind, endpoint, path, query, options, ticket, ttl);
    if (ticket) ticket.cacheOn = true;
    const key = keyOf(endpoint, path, query);
    let lookup: CacheLookup;
    try {
      // The memory store answers without a promise: a hit costs no microtask turn.
      lookup = this.#memory ? this.#memory.lookup(kind, key) : await store.get(kind, key);
    } catch {
      // The store cannot answer (Redis down or slow): no cache, not an error.
      if (ticket) ticket.uncacheable = true;
      return this.#direct<T>(kind, endpoint, path, query, options, ticket, ttl);
    }
    const tokenHash = this.#digest(options.token);
    if (ticket?.fresh) return this.#fetch<T>(kind, key, lookup.generation, tokenHash, endpoint, path, query, options, ticket, 'bypass');
    const now = this.#now();
    const { entry } = lookup;
    if (entry && now - entry.fetchedAt < ttl) {
      const vouched = entry.tokenHash === tokenHash && now - entry.fetchedAt < this.#options.proofTtlMs && !this.#refused.has(tokenHash);
      if (vouched || (await this.#proven(endpoint, path, options, tokenHash))) {
        this.#options.observer?.read(kind, 'hit');
        ticket?.record(true, entry.fetchedAt, ttl, now);
        return JSON.parse(entry.body) as T;
      }
      // Not proven (refused, or BitGo could not say): BitGo answers this token itself, and what it says is not kept.
      return this.#direct<T>(kind, endpoint, path, query, options, ticket, ttl);
    }
    const flight = this.#flights.get(key);
    // Only a call started under the generation seen now: one started before a change may answer what preceded it.
    if (flight && flight.generation === lookup.generation) {
      const same = flight.tokenHash === tokenHash;
      if (same || (await this.#proven(endpoint, path, options, tokenHash))) {
        try {
          const { text } = await flight.answer;
          this.#options.observer?.read(kind, 'coalesced');
          ticket?.record(false, flight.fetchedAt, ttl, this.#now());
          return JSON.parse(text) as T;
        } catch (error) {
          // Another token's failure is not this one's answer (it may be a refusal of that token alone).
          if (same) throw error;
        }
      }
      return this.#direct<T>(kind, endpoint, path, query, options, ticket, ttl);
    }
    return this.#fetch<T>(kind, key, lookup.generation, tokenHash, endpoint, path, query, options, ticket, 'miss');
  }

  send<T>(endpoint: Endpoint, path: string, body: string, options: WriteOptions): Promise<T> {
    return this.#options.client.send<T>(endpoint, path, body, options);
  }

  /** Drops every entry of the kinds, on this replica and (with Redis) every replica; never throws. */
  async invalidate(kinds: readonly ReadKind[]): Promise<void> {
    if (kinds.length === 0) return;
    for (const kind of kinds) this.#options.observer?.invalidated(kind);
    // A store that could not record it distrusts its older entries itself (RedisReadCacheStore's floors).
    await this.#options.store?.invalidate(kinds).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#options.store?.close();
  }

  /** One call, its answer kept under the generation seen before it started (a change meanwhile makes it stale at once). */
  async #fetch<T>(kind: ReadKind, key: string, generation: number, tokenHash: string, endpoint: Endpoint, path: string, query: Query | undefined, options: CallOptions, ticket: ReadTicket | undefined, outcome: ReadOutcome): Promise<T> {
    const fetchedAt = this.#now();
    const ttl = this.#options.ttlMs[kind];
    const store = this.#options.store!;
    // The body is kept as BitGo sent it (no re-serialisation): each joiner and each hit parses a copy of its own.
    let text: string | undefined;
    const call: CallOptions = { ...options, onBody: (body) => void (text = body) };
    const answer = this.#upstream<unknown>(endpoint, path, query, call, tokenHash).then((value) => {
      text ??= JSON.stringify(value);
      store.set(kind, key, { body: text, fetchedAt, generation, tokenHash }, ttl).catch(() => undefined);
      return { value, text };
    });
    const flight: Flight = { generation, tokenHash, fetchedAt, answer };
    this.#flights.set(key, flight);
    this.#options.observer?.read(kind, outcome);
    try {
      const { value } = await answer;
      ticket?.record(false, fetchedAt, ttl, this.#now());
      return value as T;
    } finally {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    }
  }

  async #direct<T>(kind: ReadKind, endpoint: Endpoint, path: string, query: Query | undefined, options: CallOptions, ticket: ReadTicket | undefined, ttl: number): Promise<T> {
    this.#options.observer?.read(kind, 'bypass');
    const fetchedAt = this.#now();
    const value = await this.#upstream<T>(endpoint, path, query, options, this.#digest(options.token));
    ticket?.record(false, fetchedAt, ttl, this.#now());
    return value;
  }

  #digest(token: string): string {
    let digest = this.#digests.get(token);
    if (digest === undefined) {
      if (this.#digests.size >= MAX_DIGESTS) this.#digests.clear();
      digest = hashOf(token);
      this.#digests.set(token, digest);
    }
    return digest;
  }

  /** A call to BitGo, noting whether BitGo refuses the token (then nothing cached reaches it) or accepts it again. */
  async #upstream<T>(endpoint: Endpoint, path: string, query: Query | undefined, options: CallOptions, tokenHash: string): Promise<T> {
    try {
      const value = await this.#options.client.get<T>(endpoint, path, query, options);
      this.#refused.delete(tokenHash);
      return value;
    } catch (error) {
      if (error instanceof BitGoError && error.kind === 'http' && (error.status === 401 || error.status === 403)) {
        if (this.#refused.size >= MAX_REFUSED) this.#refused.delete(this.#refused.values().next().value!);
        this.#refused.add(tokenHash);
      }
      throw error;
    }
  }

  /** Whether BitGo lets this token read the path's enterprise in the route's view (verdicts kept by EnterpriseAccess). */
  async #proven(endpoint: Endpoint, path: string, options: CallOptions, tokenHash: string): Promise<boolean> {
    const enterpriseId = enterpriseOfPath(path);
    // A token BitGo has just refused is answered by BitGo, whatever an older verdict says.
    if (enterpriseId === undefined || this.#refused.has(tokenHash)) return false;
    try {
      await this.#options.proof.check({ token: options.token, service: false, requestId: options.requestId, trace: options.trace }, enterpriseId, viewOfRoute(endpoint.route));
      return true;
    } catch {
      return false;
    }
  }
}

/** Token digests kept (forgotten all at once past it: it is only a shortcut). */
const MAX_DIGESTS = 1_000;

/** Refused tokens remembered at once (the oldest forgotten first). */
const MAX_REFUSED = 10_000;

function keyOf(endpoint: Endpoint, path: string, query: Query | undefined): string {
  let key = `${endpoint.route}\n${path}?`;
  if (query) for (const name in query) if (query[name] !== undefined) key += `${name}=${encodeURIComponent(query[name]!)}&`;
  return key;
}

/** Entries name their token by a digest prefix: a dump of the cache holds nothing to act with. */
function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}
