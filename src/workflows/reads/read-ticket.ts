/**
 * One request's dealings with the read cache: whether it asked for fresh data (`Cache-Control: no-cache`, `@fresh`),
 * how old the oldest cached part of its answer is, and how long the whole answer stays fresh (the least of its
 * parts' time left). Made per request by the context factory; read by the server for `Age`, `Cache-Control` and
 * `extensions.readCache`.
 */
export class ReadTicket {
  fresh: boolean;
  hits = 0;
  misses = 0;
  /** Epoch ms of the oldest cached part's fetch; undefined when nothing came from the cache. */
  oldestFetchedAt: number | undefined;
  /** Least time left (ms) before a part of the answer is due for a re-read; undefined when no BitGo read was made. */
  freshForMs: number | undefined;
  /** A read that cannot be hinted (a route outside every read kind, a store that could not answer). */
  uncacheable = false;
  /** Some read went through a cache that is on (READ_CACHE): only then does the answer carry `extensions.readCache`. */
  cacheOn = false;

  constructor(fresh = false) {
    this.fresh = fresh;
  }

  /** A part answered from BitGo now (`fetchedAt` = now) or from the cache; `ttlMs` is its kind's. */
  record(cached: boolean, fetchedAt: number, ttlMs: number, now: number): void {
    if (cached) {
      this.hits += 1;
      if (this.oldestFetchedAt === undefined || fetchedAt < this.oldestFetchedAt) this.oldestFetchedAt = fetchedAt;
    } else this.misses += 1;
    const left = Math.max(0, fetchedAt + ttlMs - now);
    if (this.freshForMs === undefined || left < this.freshForMs) this.freshForMs = left;
  }

  /** Age of the oldest cached part, in ms (0 when none). */
  ageMs(now: number): number {
    return this.oldestFetchedAt === undefined ? 0 : Math.max(0, now - this.oldestFetchedAt);
  }
}

/** Whether a request's Cache-Control asks for an answer not taken from a cache (no-cache, no-store, max-age=0). */
export function asksFresh(cacheControl: string | string[] | undefined): boolean {
  if (cacheControl === undefined) return false;
  const value = (Array.isArray(cacheControl) ? cacheControl.join(',') : cacheControl).toLowerCase();
  return /(?:^|[\s,])(?:no-cache|no-store|max-age\s*=\s*0)(?:$|[\s,;])/.test(value);
}
