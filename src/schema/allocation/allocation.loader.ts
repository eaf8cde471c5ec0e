import DataLoader from 'dataloader';
import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { AllocationService, Scope } from './allocation.service.js';
import { MAX_LIST } from './allocation-filter.input.js';

/**
 * Per-request batching of lookups by id: every `allocation(id)` and entity
 * reference resolved in one tick becomes one `allocationIds` list call per
 * (enterprise, view). Built in the context factory, never shared across requests,
 * so one caller's token never serves another's lookups.
 */
export class AllocationLoaders {
  readonly #loaders = new Map<string, DataLoader<string, WireAllocation | null>>();

  constructor(
    private readonly service: AllocationService,
    private readonly token: string | undefined,
  ) {}

  for(scope: Scope): DataLoader<string, WireAllocation | null> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let loader = this.#loaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => this.service.loadByIds(this.token, scope, ids), { maxBatchSize: MAX_LIST });
      this.#loaders.set(key, loader);
    }
    return loader;
  }
}
