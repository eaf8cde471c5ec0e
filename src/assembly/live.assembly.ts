import type { BitGoClient } from '../bitgo/client.js';
import { createEpisode } from '../common/episode-log.js';
import type { WireAllocation } from '../bitgo/wire.types.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import type { ChangeFeed } from '../store/change-feed.js';
import { openChangeFeed } from '../store/change-feed.factory.js';
import type { Store } from '../store/database.js';
import { InProcessChangeFeed } from '../store/memory/in-process-change-feed.js';
import { FeedChangePublisher, type ChangePublisher } from '../workflows/live/change-publisher.js';
import { LiveSubscriptions } from '../workflows/live/live-subscriptions.workflow.js';
import { partnerEnterpriseIdOf } from './partner.assembly.js';

export interface LiveAssemblyOptions {
  config: Config;
  logger: Logger;
  client: BitGoClient;
  /**
   * How changes reach live subscriptions. Unless given: across replicas through PostgreSQL when `store` is one
   * (and DATABASE_URL names it), else in this process. A given feed is the caller's to close.
   */
  changeFeed: ChangeFeed | undefined;
  store: Store | undefined;
  /** Told of every record the watcher re-read at BitGo. */
  onPolled?: ((records: readonly WireAllocation[]) => void) | undefined;
}

export interface LiveAssembly {
  feed: ChangeFeed;
  /** What every capability tells live subscriptions (and, through the feed, the other replicas). */
  changes: ChangePublisher;
  live: LiveSubscriptions;
  /** Closes the feed when this assembly opened it. */
  close(): Promise<void>;
}

export async function assembleLive({ config, logger, client, changeFeed, store, onPolled }: LiveAssemblyOptions): Promise<LiveAssembly> {
  const feed = changeFeed ?? (store ? await openChangeFeed(store, { databaseUrl: config.databaseUrl, onEvent: feedEvents(logger), timeoutMs: config.storeTimeoutMs }) : new InProcessChangeFeed());
  const live = new LiveSubscriptions({
    client,
    feed,
    defaultEnterpriseId: config.enterpriseId,
    defaultView: config.defaultView,
    defaultPartnerEnterpriseId: partnerEnterpriseIdOf(config),
    perCaller: config.subscriptionsPerCaller,
    pollMinMs: config.subscriptionPollMinMs,
    pollMaxMs: config.subscriptionPollMaxMs,
    tokenRecheckMs: config.subscriptionTokenRecheckMs,
    opensPerMinute: config.operations.readsPerMinute,
    logger,
    onPolled,
  });
  return {
    feed,
    changes: new FeedChangePublisher(feed, logger),
    live,
    close: async () => {
      if (!changeFeed) await feed.close();
    },
  };
}

/**
 * The change feed's connection drops and returns are an operator's business (nothing in them is a secret), once per
 * outage: the first drop warns, the reconnect attempts after it are silent, the return is one info line.
 */
function feedEvents(logger: Logger) {
  const episode = createEpisode({ logger, dependency: 'store', message: 'change feed: LISTEN connection lost; reconnecting with backoff' });
  return (event: 'dropped' | 'reconnected', detail: { attempt: number; code?: string }) =>
    event === 'dropped' ? episode.failed(detail.code, { feed: 'listen' }) : episode.recovered({ feed: 'listen', caughtUp: 'changes since the drop re-read, subscriptions woken' });
}
