import type { Logger } from './logger.js';

/**
 * One dependency's outage as the logs tell it: the first failure of an episode is a warning, the failures after it
 * are silent (a burst of refused requests is one event for an operator, not one line per request), and the first
 * success after them is an info line saying how long it lasted and how many failures it held.
 */
export interface Episode {
  /** A failure: logs a warning when it opens an episode, nothing while one is open. Returns true when it opened one. */
  failed(error?: unknown, fields?: Record<string, unknown>): boolean;
  /** A success: logs recovery when it closes an episode, nothing otherwise. Returns true when it closed one. */
  recovered(fields?: Record<string, unknown>): boolean;
  /** Whether an episode is open (the dependency's last word was a failure). */
  readonly open: boolean;
}

export interface EpisodeOptions {
  logger: Pick<Logger, 'warn' | 'info'>;
  /** The dependency's name as logs and metrics label it: `store`, `redis`, `bitgo`, `otlp`. */
  dependency: string;
  /** What failed, in words ("the store is unavailable"); the recovery line says it is back. */
  message: string;
  /** Clock, for the episode's duration. */
  now?: () => number;
}

export function createEpisode({ logger, dependency, message, now = Date.now }: EpisodeOptions): Episode {
  let openedAt: number | undefined;
  let failures = 0;
  return {
    failed(error, fields) {
      failures += 1;
      if (openedAt !== undefined) return false;
      openedAt = now();
      // The error's message only: a stack or a driver's error object can carry a connection string.
      const reason = error instanceof Error ? error.message : error === undefined ? undefined : String(error);
      logger.warn({ dependency, ...(reason === undefined ? {} : { reason }), ...fields }, message);
      return true;
    },
    recovered(fields) {
      if (openedAt === undefined) return false;
      const durationMs = now() - openedAt;
      logger.info({ dependency, durationMs, failures, ...fields }, `${dependency} available again`);
      openedAt = undefined;
      failures = 0;
      return true;
    },
    get open() {
      return openedAt !== undefined;
    },
  };
}

/** The edge's shorthand (Redis, BitGo, the OTLP collector): an episode named after its dependency. */
export interface EpisodeLog {
  fail(err: unknown): void;
  ok(): void;
  readonly failing: boolean;
}

export function createEpisodeLog(logger: Pick<Logger, 'warn' | 'info'>, dependency: string): EpisodeLog {
  const episode = createEpisode({ logger, dependency, message: `${dependency} unavailable: degraded until it answers again` });
  return {
    fail: (err) => void episode.failed(err),
    ok: () => void episode.recovered(),
    get failing() {
      return episode.open;
    },
  };
}
