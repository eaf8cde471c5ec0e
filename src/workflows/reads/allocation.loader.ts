import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { Caller } from '../caller.js';
import type { AllocationReads } from './allocation-reads.workflow.js';
import { ScopedLoaders } from './scoped.loader.js';

/** `allocation(id)` and Allocation entity references: one `allocationIds` list call per tick and scope. */
export class AllocationLoaders extends ScopedLoaders<WireAllocation> {
  constructor(reads: AllocationReads, caller: Caller) {
    super((scope, ids) => reads.loadByIds(caller, scope, ids), 'allocations');
  }
}
