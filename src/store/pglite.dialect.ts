import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PGliteSession } from './pglite-session.js';

/**
 * Kysely over an embedded PGlite. Kysely ships a PGlite dialect only from 0.29, which needs Node 22; this one is
 * for 0.28 on Node 20. PGlite has a single session, so the driver hands its one connection to one holder at a
 * time: a transaction holds it from BEGIN to COMMIT/ROLLBACK and every other query waits its turn, so no
 * statement from elsewhere ever runs inside someone else's transaction. (Awaiting another query on `db` from
 * inside a transaction callback would therefore wait forever: use the transaction's handle, as one must anyway.)
 */
export class PGliteDialect implements Dialect {
  readonly #session: PGliteSession;
  readonly #prepared: ReadonlyMap<string, string>;

  /**
   * `session`: the instance each statement runs on (pglite-session.ts: refused while the disk is full, re-opened after
   * a fatal failure). `prepared`: statement text → name, for the statements to run as named prepared statements (the hot path).
   */
  constructor(session: PGliteSession, prepared: ReadonlyMap<string, string> = new Map()) {
    this.#session = session;
    this.#prepared = prepared;
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#session, this.#prepared);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  readonly #mutex = new Mutex();

  constructor(session: PGliteSession, prepared: ReadonlyMap<string, string>) {
    this.#connection = new PGliteConnection(session, prepared);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(`begin${modes.length ? ` ${modes.join(' ')}` : ''}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(ROLLBACK));
  }

  /** The PGlite instance is closed by its owner (openStore), after a checkpoint. */
  async destroy(): Promise<void> {}
}

/**
 * A transaction's rollback runs whatever the disk: refused, the transaction would stay open on PGlite's one session
 * and the next holder's statements would join it (and its COMMIT commit what was meant to be undone).
 */
const ROLLBACK = 'rollback';

class PGliteConnection implements DatabaseConnection {
  readonly #session: PGliteSession;
  readonly #names: ReadonlyMap<string, string>;
  /** The instance the names in #parsed were parsed on (PGlite's one session lives as long as the instance). */
  #pglite: PGlite | undefined;
  readonly #parsed = new Set<string>();

  constructor(session: PGliteSession, names: ReadonlyMap<string, string>) {
    this.#session = session;
    this.#names = names;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const pglite = await this.#session.acquire({ guarded: compiledQuery.sql !== ROLLBACK });
    if (pglite !== this.#pglite) {
      // A fresh instance (the last one was let go after a fatal failure): nothing is parsed on it yet.
      this.#pglite = pglite;
      this.#parsed.clear();
    }
    const name = this.#names.get(compiledQuery.sql);
    let result;
    try {
      result = name
        ? await this.#executePrepared<R>(pglite, name, compiledQuery.sql, compiledQuery.parameters)
        : await pglite.query<R>(compiledQuery.sql, compiledQuery.parameters as unknown[]);
    } catch (error) {
      throw this.#session.failed(pglite, error);
    }
    this.#session.succeeded();
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  /**
   * `query()` costs six protocol exchanges with the WASM backend per call (parse, describe, bind, describe,
   * execute, sync) and a fresh parse and plan. A named statement is parsed once per session; each call is then
   * one exchange of bind + describe + execute + sync, with the values sent as text for the server to type (the
   * statements cast where a type is not implied). About half the CPU per statement.
   */
  async #executePrepared<R>(pglite: PGlite, name: string, text: string, parameters: readonly unknown[]) {
    if (!this.#parsed.has(name)) {
      await pglite.execProtocol(concat([protocol.serialize.parse({ name, text }), protocol.serialize.sync()]));
      this.#parsed.add(name);
    }
    const { messages } = await pglite.execProtocol(
      concat([
        protocol.serialize.bind({ statement: name, values: parameters.map(asText) }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
    );
    const [result] = parse.parseResults(messages, pglite.parsers);
    if (!result) throw new Error(`PGlite answered no result for prepared statement ${name}`);
    return result as typeof result & { rows: R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

/** A parameter in PostgreSQL's text format (node-postgres's conventions for the types the journal binds). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** FIFO lock: the next waiter is handed the lock directly, so no one can barge in between. */
class Mutex {
  #locked = false;
  readonly #waiters: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}
