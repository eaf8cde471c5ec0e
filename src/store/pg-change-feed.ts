import { sql, type QueryExecutorProvider } from 'kysely';
import pg from 'pg';
import type { Change, ChangeFeed, ChangeListener, FeedChange } from './change-feed.js';

export interface PgChangeFeedOptions {
  /** The store's database (its pool resolves `live_changes` in the store's schema). */
  db: QueryExecutorProvider;
  /** For the one dedicated connection that LISTENs: a pooled connection cannot hold a LISTEN. */
  databaseUrl: string;
  /** The store's schema: part of the channel name, so stores sharing a database never hear each other. */
  schema: string;
  /** Told when the listening connection drops and comes back (never with a secret). */
  onEvent?: (event: 'dropped' | 'reconnected', detail: { attempt: number; code?: string }) => void;
  /** How long a change stays readable for a replica catching up; default 10 minutes. */
  retentionMs?: number;
  /**
   * A round trip on the listening connection this often; one still unanswered at the next is a half-open
   * connection (a NAT or firewall that dropped it silently), dropped and reconnected. Default 5 s.
   */
  heartbeatMs?: number;
  /**
   * The longest wait for the listening connection to connect and for each of its round trips (LISTEN, the heartbeat's
   * query): a server behind a black hole never answers, and a connect with no deadline would never be retried.
   * Default 5 s (STORE_TIMEOUT_MS).
   */
  timeoutMs?: number;
  /** Reconnect backoff: base × 2^attempt, at most max; default 100 ms to 5 s. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

/** Changes published while a connection was down are re-read from this far before its last healthy moment. */
const CATCH_UP_MARGIN_MS = 5_000;
const CATCH_UP_PAGE = 10_000;
/** Sequence numbers remembered to drop a change seen twice (a catch-up overlapping live delivery). */
const SEEN_LIMIT = 50_000;
const PRUNE_EVERY_MS = 60_000;

interface Row {
  seq: string;
  body: string;
}

/**
 * The change feed across replicas on PostgreSQL: `publish` inserts the change into `live_changes` and NOTIFYs
 * its `seq` in the same statement (delivered at commit); every replica's listener reads the notified rows by
 * seq through the pool and hands them to its listeners in seq order. NOTIFY is only a wake-up: a notification
 * sent while a listener's connection is down is lost, so after every reconnect the listener re-reads the rows
 * created since its last healthy moment (minus a margin) and tells its listeners to re-read what they watch.
 */
export class PgChangeFeed implements ChangeFeed {
  readonly #options: PgChangeFeedOptions;
  readonly #channel: string;
  readonly #listeners = new Set<ChangeListener>();
  readonly #seen = new Set<string>();
  readonly #dropped = new WeakSet<pg.Client>();
  #client: pg.Client | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;
  /** Database time of the last round trip that proved the listening connection alive. */
  #healthyAt: Date | undefined;
  #pending = new Set<string>();
  #flushScheduled = false;
  /** Reads and deliveries run one after another, so listeners see changes in order. */
  #work: Promise<void> = Promise.resolve();
  #prunedAt = 0;
  /** Clients with a heartbeat in flight. */
  readonly #beating = new WeakSet<pg.Client>();
  /** A read that failed: everything since this is re-read (with backoff) until a catch-up succeeds. */
  #recoverFrom: Date | undefined;
  #recovery: NodeJS.Timeout | undefined;
  #recoveryAttempt = 0;
  /** Reconnects so far (tests and logs). */
  reconnects = 0;
  /** Catch-ups after a failed read (tests and logs). */
  recoveries = 0;

  constructor(options: PgChangeFeedOptions) {
    this.#options = options;
    this.#channel = `live_changes:${options.schema}`.slice(0, 63);
  }

  /** Connects the listening connection; throws when the first connection fails (later drops reconnect). */
  async start(): Promise<void> {
    const client = await this.#connect();
    if (!client) throw new Error('change feed: could not connect its LISTEN connection to PostgreSQL');
  }

  /** The listening connection's server process (tests end it with pg_terminate_backend). */
  get listenerPid(): number | undefined {
    return (this.#client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  async publish(change: Change): Promise<void> {
    const subject = subjectOf(change);
    await sql`
      WITH row AS (INSERT INTO live_changes (kind, subject_id, body) VALUES (${change.kind}, ${subject}, ${JSON.stringify(change)}) RETURNING seq)
      SELECT pg_notify(${this.#channel}, seq::text) FROM row`.execute(this.#options.db);
    this.#pruneNowAndThen();
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#retry);
    clearTimeout(this.#recovery);
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      this.#dropped.add(client);
      await client.end().catch(() => undefined);
    }
    await this.#work;
    this.#listeners.clear();
  }

  /** One connection attempt; on failure another is scheduled (backoff). */
  async #connect(): Promise<pg.Client | undefined> {
    const reconnect = this.#healthyAt !== undefined;
    const client = new pg.Client({
      connectionString: this.#options.databaseUrl,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'bitgo-allocations-gateway-listener',
      connectionTimeoutMillis: this.#options.timeoutMs ?? 5_000,
      query_timeout: this.#options.timeoutMs ?? 5_000,
    });
    client.on('notification', (message) => {
      if (message.channel === this.#channel && message.payload) this.#notified(message.payload);
    });
    // Both fire for one failure: #drop acts once per client.
    client.on('error', (error: Error & { code?: string }) => this.#drop(client, error.code));
    client.on('end', () => this.#drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.#channel)}`);
      const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
      if (this.#stopped) {
        this.#dropped.add(client);
        await client.end().catch(() => undefined);
        return undefined;
      }
      this.#client = client;
      const since = this.#healthyAt;
      this.#healthyAt = rows[0]!.now;
      this.#heartbeat = setInterval(() => this.#beat(client), this.#options.heartbeatMs ?? 5_000);
      this.#heartbeat.unref();
      if (reconnect && since) {
        this.reconnects += 1;
        this.#options.onEvent?.('reconnected', { attempt: this.#attempt });
        this.#enqueue(() => this.#catchUp(since), since);
      }
      this.#attempt = 0;
      return client;
    } catch (error) {
      this.#drop(client, (error as { code?: string }).code);
      return undefined;
    }
  }

  #beat(client: pg.Client): void {
    // The last beat never came back: the connection is half-open (TCP would take many minutes to say so).
    if (this.#beating.has(client)) return this.#drop(client, 'heartbeat_timeout');
    this.#beating.add(client);
    client
      .query<{ now: Date }>('SELECT now() AS now')
      .then(({ rows }) => {
        this.#beating.delete(client);
        if (this.#client === client) this.#healthyAt = rows[0]!.now;
      })
      .catch(() => this.#drop(client));
  }

  #drop(client: pg.Client, code?: string): void {
    if (this.#dropped.has(client)) return;
    this.#dropped.add(client);
    if (this.#client === client) {
      this.#client = undefined;
      clearInterval(this.#heartbeat);
    }
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.#stopped) return;
    this.#options.onEvent?.('dropped', { attempt: this.#attempt, ...(code ? { code } : {}) });
    const delay = Math.min((this.#options.reconnectBaseMs ?? 100) * 2 ** this.#attempt, this.#options.reconnectMaxMs ?? 5_000);
    this.#attempt += 1;
    this.#retry = setTimeout(() => void this.#connect(), delay);
    this.#retry.unref();
  }

  #notified(seq: string): void {
    if (!/^\d+$/.test(seq) || this.#seen.has(seq)) return;
    this.#pending.add(seq);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // Notifications that arrive together are read with one query.
    // The rows were created no earlier than about the listener's last healthy moment: a failed read re-reads from there.
    const since = this.#healthyAt;
    setImmediate(() => {
      this.#flushScheduled = false;
      const seqs = [...this.#pending];
      this.#pending.clear();
      this.#enqueue(() => this.#read(seqs), since);
    });
  }

  /** Runs `task` after the ones before it; if it fails, what it would have delivered is re-read from `since`. */
  #enqueue(task: () => Promise<void>, since: Date | undefined): void {
    this.#work = this.#work.then(task).catch((error: unknown) => {
      this.#options.onEvent?.('dropped', { attempt: this.#attempt, code: (error as { code?: string }).code ?? 'read_failed' });
      this.#recover(since);
    });
  }

  /** A read or catch-up failed (the pool lost its server, say): catch up from `since`, with backoff, until one succeeds. */
  #recover(since: Date | undefined): void {
    if (this.#stopped) return;
    const from = since ?? new Date(Date.now() - (this.#options.retentionMs ?? 600_000));
    if (this.#recoverFrom === undefined || from < this.#recoverFrom) this.#recoverFrom = from;
    if (this.#recovery) return;
    const delay = Math.min((this.#options.reconnectBaseMs ?? 100) * 2 ** this.#recoveryAttempt, this.#options.reconnectMaxMs ?? 5_000);
    this.#recoveryAttempt += 1;
    this.#recovery = setTimeout(() => {
      this.#recovery = undefined;
      const start = this.#recoverFrom!;
      this.#recoverFrom = undefined;
      this.recoveries += 1;
      this.#enqueue(async () => {
        await this.#catchUp(start);
        this.#recoveryAttempt = 0;
      }, start);
    }, delay);
    this.#recovery.unref();
  }

  async #read(seqs: readonly string[]): Promise<void> {
    const { rows } = await sql<Row>`SELECT seq, body FROM live_changes WHERE seq = ANY(${seqs}::bigint[]) ORDER BY seq`.execute(this.#options.db);
    this.#deliver(rows);
  }

  /** Every change created since `since` (less a margin), page by page, then a wake-up for what listeners watch. */
  async #catchUp(since: Date): Promise<void> {
    const from = new Date(since.getTime() - CATCH_UP_MARGIN_MS);
    let after = '0';
    for (;;) {
      const { rows } = await sql<Row>`
        SELECT seq, body FROM live_changes WHERE created_at >= ${from} AND seq > ${after}::bigint ORDER BY seq LIMIT ${CATCH_UP_PAGE}`.execute(this.#options.db);
      this.#deliver(rows);
      if (rows.length < CATCH_UP_PAGE) break;
      after = String(rows.at(-1)!.seq);
    }
    for (const listener of this.#listeners) listener.wake?.();
  }

  #deliver(rows: readonly Row[]): void {
    for (const row of rows) {
      const seq = String(row.seq);
      if (this.#seen.has(seq)) continue;
      this.#seen.add(seq);
      if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
      const change = { ...(JSON.parse(row.body) as Change), seq } as FeedChange;
      for (const listener of this.#listeners) listener.change(change);
    }
  }

  /** Old rows are deleted at most once a minute per replica; a failed delete is retried the next time. */
  #pruneNowAndThen(): void {
    const now = Date.now();
    if (now - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = now;
    const retentionSeconds = (this.#options.retentionMs ?? 600_000) / 1000;
    sql`DELETE FROM live_changes WHERE created_at < now() - make_interval(secs => ${retentionSeconds})`.execute(this.#options.db).catch(() => {
      this.#prunedAt = 0;
    });
  }
}

/** The record a change is about (kept beside it in live_changes). */
function subjectOf(change: Change): string {
  switch (change.kind) {
    case 'allocation':
      return change.allocation.id;
    case 'partner_request':
      return change.request.id;
    case 'connection':
      return change.connection.id;
    case 'settlement':
      return change.settlement.id;
    case 'settlement_hint':
      return change.settlementId;
    default:
      return change.allocationId;
  }
}
