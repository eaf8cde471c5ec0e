import { statfsSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { Episode } from '../common/episode-log.js';
import { asStoreUnavailable, StoreUnavailableError } from './store-unavailable.error.js';

export interface PGliteSessionOptions {
  /** The data directory whose file system is watched for free space. */
  dataDir: string;
  /** Opens a fresh instance on the data directory (crash recovery replays its WAL), ready for statements. */
  open(): Promise<PGlite>;
  /** Below this many free bytes every statement is refused before it runs; see DISK_RESERVE_BYTES. */
  reserveBytes?: number;
  episode?: Pick<Episode, 'failed' | 'recovered'> | undefined;
}

/**
 * Free space the embedded store keeps in hand: more than one WAL segment (16 MiB), so a statement never starts
 * unless the WAL can grow. PGlite survives a data file it cannot extend (53100, the statement fails, nothing is
 * committed), but not a WAL file it cannot create: the statement fails with 53100 "could not write to file
 * pg_wal/xlogtemp…" and the next call into that instance spins forever on the one thread, freezing the whole
 * process (found by filling a tmpfs under DATA_DIR). So it is not asked to try.
 */
export const DISK_RESERVE_BYTES = 32 * 1024 * 1024;

/** How long one look at the free space holds: a burst of statements costs one statfs, not one each. */
const STATFS_EVERY_MS = 100;

/**
 * The embedded store's one PGlite instance as its statements get it. Before each statement: refused
 * (StoreUnavailableError) while the data directory's disk has less than the reserve free. After a failure that
 * leaves the instance unusable (a WAL write failed, the WebAssembly instance aborted), that instance is never
 * called again (a call could hang the process) and the next statement opens a fresh one, once there is room: the
 * store recovers by itself when space returns.
 */
export class PGliteSession {
  readonly #options: PGliteSessionOptions;
  #current: PGlite | undefined;
  #opening: Promise<PGlite> | undefined;
  #freeCheckedAt = 0;
  #freeBytes = Infinity;
  /** Instances given up after a fatal failure (tests and logs). */
  reopened = 0;

  constructor(first: PGlite, options: PGliteSessionOptions) {
    this.#current = first;
    this.#options = options;
  }

  /** The instance for the next statement, or StoreUnavailableError; `guarded: false` skips the disk check (a rollback). */
  async acquire({ guarded = true }: { guarded?: boolean } = {}): Promise<PGlite> {
    const reserve = this.#options.reserveBytes ?? DISK_RESERVE_BYTES;
    const free = guarded || !this.#current ? this.#free() : Infinity;
    if (free < reserve) {
      // Looked at afresh by the next statement: the store is back the moment space is.
      const error = new StoreUnavailableError(`the embedded store's disk is full: ${Math.floor(free / 1024 / 1024)} MiB free in DATA_DIR, below the ${Math.round(reserve / 1024 / 1024)} MiB it keeps in hand`);
      this.#freeCheckedAt = 0;
      this.#options.episode?.failed(error);
      throw error;
    }
    if (this.#current) return this.#current;
    this.#opening ??= this.#options
      .open()
      .then((pglite) => {
        this.#current = pglite;
        this.reopened += 1;
        return pglite;
      })
      .finally(() => (this.#opening = undefined));
    try {
      return await this.#opening;
    } catch (error) {
      throw this.failed(undefined, error);
    }
  }

  /** A statement on `pglite` failed: the error its caller gets; an instance the failure left unusable is let go. */
  failed(pglite: PGlite | undefined, error: unknown): unknown {
    if (pglite && pglite === this.#current && unusableAfter(error)) this.#current = undefined;
    const mapped = asStoreUnavailable(error);
    if (mapped instanceof StoreUnavailableError) {
      // A failed write may have used up the last of the space: look again before the next statement.
      this.#freeCheckedAt = 0;
      this.#options.episode?.failed(mapped);
    } else this.#options.episode?.recovered();
    return mapped;
  }

  succeeded(): void {
    this.#options.episode?.recovered();
  }

  /** The instance to close at shutdown (none when the last one was let go and none reopened). */
  get current(): PGlite | undefined {
    return this.#current;
  }

  #free(): number {
    const now = Date.now();
    if (now - this.#freeCheckedAt >= STATFS_EVERY_MS) {
      this.#freeCheckedAt = now;
      try {
        const stats = statfsSync(this.#options.dataDir);
        this.#freeBytes = Number(stats.bavail) * Number(stats.bsize);
      } catch {
        // A file system that cannot say how full it is: no refusal on that account.
        this.#freeBytes = Infinity;
      }
    }
    return this.#freeBytes;
  }
}

/** Failures after which a PGlite instance must not be called again: a WAL write, a PANIC or FATAL, an aborted WebAssembly instance. */
function unusableAfter(error: unknown): boolean {
  if (error instanceof WebAssembly.RuntimeError) return true;
  if (!(error instanceof Error)) return false;
  const severity = (error as { severity?: unknown }).severity;
  return severity === 'PANIC' || severity === 'FATAL' || /pg_wal\/|xlog/i.test(error.message) || /^PGlite is closed$/.test(error.message);
}
