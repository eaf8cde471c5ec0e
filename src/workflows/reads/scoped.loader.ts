import DataLoader from 'dataloader';
import type { Scope } from './read-scope.js';

/** Most ids one BitGo list call is asked for. */
const MAX_IDS_PER_CALL = 100;

/**
 * Per-request batching of lookups by id: every lookup made in one tick becomes one list call per (enterprise,
 * view). Built in the context factory, never shared across requests, so one caller's token never serves
 * another's lookups.
 */
export class ScopedLoaders<T> {
  readonly #loaders = new Map<string, DataLoader<string, T | null>>();

  constructor(private readonly loadByIds: (scope: Scope, ids: readonly string[]) => Promise<(T | null)[]>) {}

  for(scope: Scope): DataLoader<string, T | null> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let loader = this.#loaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.loadByIds(scope, ids), { maxBatchSize: MAX_IDS_PER_CALL });
      this.#loaders.set(key, loader);
    }
    return loader;
  }
}
