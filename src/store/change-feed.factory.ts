import type { ChangeFeed } from './change-feed.js';
import type { Store } from './database.js';
import { InProcessChangeFeed } from './memory/in-process-change-feed.js';
import { PgChangeFeed, type PgChangeFeedOptions } from './pg-change-feed.js';

export interface ChangeFeedOptions {
  /** The URL the store was opened with: the PostgreSQL feed opens its own LISTEN connection with it. */
  databaseUrl?: string | undefined;
  onEvent?: PgChangeFeedOptions['onEvent'];
  /** The listening connection's connect and round-trip deadline (STORE_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
}

/**
 * The change feed that fits a store: across replicas on PostgreSQL (LISTEN/NOTIFY over `live_changes`, the store
 * must be migrated), in process on the embedded engine (one process holds its data directory).
 */
export async function openChangeFeed(store: Pick<Store, 'db' | 'engine' | 'schema'>, options: ChangeFeedOptions): Promise<ChangeFeed> {
  if (store.engine !== 'postgres' || !options.databaseUrl) return new InProcessChangeFeed();
  const feed = new PgChangeFeed({
    db: store.db,
    databaseUrl: options.databaseUrl,
    schema: store.schema,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  await feed.start();
  return feed;
}
