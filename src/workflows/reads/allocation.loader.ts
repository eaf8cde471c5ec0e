import DataLoader from 'dataloader';
import type { WireAllocation } from '../../bitgo/wire.types.js';
import { badInput } from '../app-error.js';
import type { Caller } from '../caller.js';
import type { AllocationReads, Scope } from './allocation-reads.workflow.js';

/** Most ids one BitGo list call is asked for. */
export const MAX_IDS_PER_CALL = 100;

/**
 * Most distinct ids one request may look up: ten BitGo calls, as one operation may read ten lists. Aliases
 * are bounded in the text (graphql-armor, the upstream budget rule); this also bounds `_entities` batches,
 * where one field resolves once per reference.
 */
export const MAX_IDS_PER_REQUEST = 10 * MAX_IDS_PER_CALL;

/**
 * Per-request batching of lookups by id: every `allocation(id)` and entity reference resolved in one tick
 * becomes one `allocationIds` list call per (enterprise, view). Built in the context factory, never shared
 * across requests, so one caller's token never serves another's lookups.
 */
export class AllocationLoaders {
  readonly #loaders = new Map<string, DataLoader<string, WireAllocation | null>>();
  readonly #seen = new Set<string>();

  constructor(
    private readonly reads: AllocationReads,
    private readonly caller: Caller,
    private readonly maxIds = MAX_IDS_PER_REQUEST,
  ) {}

  /** One allocation by id (lowercase), batched with the request's other lookups; refused past the request's budget. */
  load(scope: Scope, id: string): Promise<WireAllocation | null> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    if (!this.#seen.has(`${key}:${id}`)) {
      if (this.#seen.size >= this.maxIds) {
        return Promise.reject(badInput(`One request may look up at most ${this.maxIds} allocations by id; split it, or list them with filter.ids`));
      }
      this.#seen.add(`${key}:${id}`);
    }
    let loader = this.#loaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.reads.loadByIds(this.caller, scope, ids), { maxBatchSize: MAX_IDS_PER_CALL });
      this.#loaders.set(key, loader);
    }
    return loader.load(id);
  }
}
