import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { createEpisode, type Episode } from '../common/episode-log.js';
import type { Logger } from '../common/logger.js';
import { lockDataDir } from './data-dir.lock.js';
import type { Database } from './database.type.js';
import { PREPARED_STATEMENTS } from './journal.sql.js';
import { PGliteDialect } from './pglite.dialect.js';
import { PGliteSession } from './pglite-session.js';
import { asStoreUnavailable, breaksConnection, StoreUnavailableError } from './store-unavailable.error.js';

export type StoreEngine = 'postgres' | 'pglite';

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL through a node-postgres pool. Unset or empty: the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** The embedded store's directory (created when missing); holds `store.lock` and PGlite's `pgdata/`. */
  dataDir: string;
  /** PostgreSQL schema holding the tables (migrateStore creates it when missing); default `public`. Tests use a fresh one each. */
  schema?: string | undefined;
  /** Largest number of PostgreSQL connections; default 10. */
  poolSize?: number | undefined;
  /** Errors of idle pooled connections (the server restarted, the network dropped); they are retried by the pool. */
  onPoolError?: ((error: Error) => void) | undefined;
  /**
   * PostgreSQL: the longest wait for a connection (a free one in the pool, or a new one to the server) and for each
   * statement's answer (client side, so a black-holed server cannot hold a caller; and server side, statement_timeout).
   * Past it the call fails with StoreUnavailableError. Unset: no deadline (migrations run by `npm run migrate`).
   */
  timeoutMs?: number | undefined;
  /** Embedded: below this many free bytes on DATA_DIR's disk every statement is refused (default DISK_RESERVE_BYTES, 32 MiB). */
  diskReserveBytes?: number | undefined;
  /** Told of every call that found the store unavailable and of every one that reached it (logs once per outage). */
  episode?: Pick<Episode, 'failed' | 'recovered'> | undefined;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: StoreEngine;
  /** The schema the tables live in (always `public` on PGlite). */
  readonly schema: string;
  /**
   * Housekeeping the engine does not do itself: PGlite runs no autovacuum, so this vacuums (dead row versions of
   * answered requests) and analyzes (planner statistics) its tables. On PostgreSQL autovacuum does it: nothing.
   */
  maintain(): Promise<void>;
  /** PGlite: CHECKPOINT, close, release the data-dir lock. PostgreSQL: drain the pool. Idempotent. */
  close(): Promise<void>;
}

/** The store's outages as the logs tell them: a warning when one starts, an info line when the store answers again. */
export function storeEpisode(logger: Logger): Episode {
  return createEpisode({ logger, dependency: 'store', message: 'store unavailable: what needs it (signed writes, the audit trail) is refused with STORE_UNAVAILABLE until it answers again' });
}

/** Opens the store the configuration names. Run `migrateStore` on it before use. */
export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPGlite(options.dataDir, options);
}

function openPostgres(databaseUrl: string, options: StoreOptions): Store {
  const schema = options.schema ?? 'public';
  const timeoutMs = options.timeoutMs;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`store schema ${JSON.stringify(schema)} is not a plain lowercase identifier`);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    application_name: 'bitgo-allocations-gateway',
    // Every connection resolves unqualified table names in the store's schema: the SQL text stays the same
    // whatever the schema, so statements stay prepared-statement friendly.
    options: `-c search_path=${schema}${timeoutMs ? ` -c statement_timeout=${timeoutMs}` : ''}`,
    keepAlive: true,
    ...(timeoutMs ? { connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs } : {}),
  });
  const { episode } = options;
  // An idle connection's failure: the pool has already dropped it.
  pool.on('error', (error) => {
    episode?.failed(asStoreUnavailable(error));
    options.onPoolError?.(error);
  });
  // A connection's failure while it is checked out (its backend terminated mid-query: a restart, a failover,
  // pg_terminate_backend) is emitted as 'error' on the client as well as failing its query; without a listener that
  // event ends the process. The query's caller gets the failure, and the wrapper below keeps the client out of the pool.
  pool.on('connect', (client) => client.on('error', (error) => episode?.failed(asStoreUnavailable(error))));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparing(pool, PREPARED_STATEMENTS, episode) }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    engine: 'postgres',
    schema,
    maintain: async () => {},
    close: () => (closing ??= db.destroy()),
  };
}

/**
 * Runs the statements named in `names` as named prepared statements (node-postgres prepares each once per
 * connection); every other statement goes through unchanged. Kysely itself sends every statement unnamed.
 * A failure that means the store is unavailable is thrown as StoreUnavailableError; a connection it broke (or that
 * timed out mid-statement, its answer still owed) is released with the error, so the pool ends it instead of handing
 * it out again.
 */
function preparing(pool: pg.Pool, names: ReadonlyMap<string, string>, episode: StoreOptions['episode']): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient & { broken: Error | undefined }>();
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw seen(error, episode);
      }
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        const self: PostgresPoolClient & { broken: Error | undefined } = {
          broken: undefined,
          query: (async (text: string, values?: unknown[]) => {
            const name = names.get(text);
            try {
              const result = await (name ? client.query({ name, text, values }) : client.query(text, values));
              episode?.recovered();
              return result;
            } catch (error) {
              if (breaksConnection(error)) self.broken = error as Error;
              throw seen(error, episode);
            }
          }) as unknown as PostgresPoolClient['query'],
          release: () => {
            const broken = self.broken;
            self.broken = undefined;
            client.release(broken);
          },
        };
        wrapper = self;
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/** A store call's failure as its caller gets it (StoreUnavailableError when it is one), told to the episode. */
function seen(error: unknown, episode: StoreOptions['episode']): unknown {
  const mapped = asStoreUnavailable(error);
  if (mapped instanceof StoreUnavailableError) episode?.failed(mapped);
  else episode?.recovered();
  return mapped;
}

async function openPGlite(dataDir: string, options: Pick<StoreOptions, 'episode' | 'diskReserveBytes'>): Promise<Store> {
  const dir = resolve(dataDir);
  const lock = lockDataDir(dir);
  let session: PGliteSession;
  try {
    mkdirSync(join(dir, 'pgdata'), { recursive: true });
    const open = () => openPGliteInstance(join(dir, 'pgdata'));
    session = new PGliteSession(await open(), { dataDir: dir, open, reserveBytes: options.diskReserveBytes, episode: options.episode });
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(session, PREPARED_STATEMENTS) });
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    try {
      // A checkpoint writes every dirty page to its file, so the next start replays no WAL.
      await sql`CHECKPOINT`.execute(db);
      await db.destroy();
    } finally {
      try {
        // None when the last instance was let go after a fatal failure: it is never called again, not even to close.
        await session.current?.close();
      } finally {
        lock.release();
      }
    }
  };
  return {
    db,
    engine: 'pglite',
    schema: 'public',
    maintain: async () => void (await sql`VACUUM (ANALYZE)`.execute(db)),
    close: () => (closing ??= close()),
  };
}

/** One PGlite instance on `pgdata`, ready for the store's statements (at start-up, and again after a fatal failure). */
async function openPGliteInstance(pgdata: string): Promise<PGlite> {
  const pglite = new PGlite({
    dataDir: pgdata,
    // Same shapes as node-postgres: bigint ids as decimal strings (PGlite would make numbers of them).
    parsers: { 20: (value: string) => value },
    // Each query returns only once its writes reached the files (PGlite's default; spelled out because the
    // journal's promise rests on it).
    relaxedDurability: false,
  });
  await pglite.waitReady;
  // The hot statements are prepared once (pglite.dialect.ts) and, as on a server, run on a generic plan from their
  // sixth execution: planning each execution anew (force_custom_plan) cost 0.65 ms of the journal's 1.5 ms per
  // mutation. A generic plan made while a table is tiny would be a sequential scan, kept as the table grows until
  // the next ANALYZE; with sequential scans off, a statement that has an index is always planned onto it (the key's
  // look-up onto the key's unique index: a test checks the prepared plan against stale statistics). A statement
  // with no usable index still scans: there is no other plan.
  await pglite.exec('SET enable_seqscan = off');
  return pglite;
}
