import DataLoader from 'dataloader';
import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { Caller } from '../caller.js';
import type { AllocationReads, Scope } from './allocation-reads.workflow.js';

/** Most ids one BitGo list call is asked for. */
export const MAX_IDS_PER_CALL = 100;

/**
 * Per-request batching of lookups by id: every `allocation(id)` and entity reference resolved in one tick
 * becomes one `allocationIds` list call per (enterprise, view). Built in the context factory, never shared
 * across requests, so one caller's token never serves another's lookups.
 */
export class AllocationLoaders {
  readonly #loaders = new Map<string, DataLoader<string, WireAllocation | null>>();

  constructor(
    private readonly reads: AllocationReads,
    private readonly caller: Caller,
  ) {}

  for(scope: Scope): DataLoader<string, WireAllocation | null> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let loader = this.#loaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.reads.loadByIds(this.caller, scope, ids), { maxBatchSize: MAX_IDS_PER_CALL });
      this.#loaders.set(key, loader);
    }
    return loader;
  }
}
