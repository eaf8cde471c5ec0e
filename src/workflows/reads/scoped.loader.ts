import DataLoader from 'dataloader';
import { badInput } from '../app-error.js';
import type { Scope } from './read-scope.js';

/** Most ids one BitGo list call is asked for. */
const MAX_IDS_PER_CALL = 100;

/**
 * Most distinct ids one request may look up, of each kind: ten BitGo calls, as one operation may read ten
 * lists. Aliases are bounded in the text (graphql-armor, the upstream budget rule); this also bounds
 * `_entities` batches, where one field resolves once per reference.
 */
export const MAX_IDS_PER_REQUEST = 10 * MAX_IDS_PER_CALL;

/** What a resolver gets for one scope: DataLoader's `load`, refused past the request's budget. */
export interface ScopedLoader<T> {
  load(id: string): Promise<T | null>;
}

/**
 * Per-request batching of lookups by id: every lookup made in one tick becomes one list call per (enterprise,
 * view). Built in the context factory, never shared across requests, so one caller's token never serves
 * another's lookups.
 */
export class ScopedLoaders<T> {
  readonly #loaders = new Map<string, ScopedLoader<T>>();
  /** Distinct (scope, id) pairs this request has asked for. */
  readonly #seen = new Set<string>();

  constructor(
    private readonly loadByIds: (scope: Scope, ids: readonly string[]) => Promise<(T | null)[]>,
    /** What the ids name, for the refusal: "allocations", "connections". */
    private readonly noun = 'records',
    private readonly maxIds = MAX_IDS_PER_REQUEST,
  ) {}

  for(scope: Scope): ScopedLoader<T> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let loader = this.#loaders.get(key);
    if (!loader) {
      const batched = new DataLoader((ids: readonly string[]) => this.loadByIds(scope, ids), { maxBatchSize: MAX_IDS_PER_CALL });
      loader = { load: (id) => (this.#admit(`${key}:${id}`) ? batched.load(id) : Promise.reject(this.#refusal())) };
      this.#loaders.set(key, loader);
    }
    return loader;
  }

  #admit(scopedId: string): boolean {
    if (this.#seen.has(scopedId)) return true;
    if (this.#seen.size >= this.maxIds) return false;
    this.#seen.add(scopedId);
    return true;
  }

  #refusal(): Error {
    return badInput(`One request may look up at most ${this.maxIds} ${this.noun} by id; split it, or list them with a filter on ids`);
  }
}
