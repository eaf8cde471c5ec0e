import type { Logger } from './logger.js';

/** One dependency's health as the log tells it: a warning when an episode begins, a line when it ends. */
export interface EpisodeLog {
  /** The dependency failed: logs a warning if it was healthy until now, nothing while the episode lasts. */
  fail(err: unknown): void;
  /** The dependency answered: logs the end of the episode if one was going on. */
  ok(): void;
  /** Whether an episode is going on. */
  readonly failing: boolean;
}

/**
 * Logs a dependency's outage once per episode, not once per request: a Redis, PostgreSQL or BitGo that is away
 * for a minute under load would otherwise write thousands of identical lines. Only the error's name and code are
 * logged: a driver's message may quote a URL with its password, or the data it was handed.
 */
export function createEpisodeLog(logger: Pick<Logger, 'warn' | 'info'>, dependency: string): EpisodeLog {
  let since: number | undefined;
  return {
    fail(err) {
      if (since !== undefined) return;
      since = Date.now();
      const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
      logger.warn({ dependency, err: { name, code } }, `${dependency} unavailable: degraded until it answers again`);
    },
    ok() {
      if (since === undefined) return;
      const lastedMs = Date.now() - since;
      since = undefined;
      logger.info({ dependency, lastedMs }, `${dependency} available again`);
    },
    get failing() {
      return since !== undefined;
    },
  };
}
