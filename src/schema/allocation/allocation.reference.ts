import { isUuid } from '../../common/patterns.js';
import type { GatewayContext } from '../context.type.js';
import type { Allocation } from './allocation.type.js';

/** Federation: every `_entities` Allocation goes through the per-request DataLoader, so N references cost one BitGo call. */
export async function resolveAllocationReference(reference: { id: unknown }, ctx: GatewayContext): Promise<Allocation | null> {
  // A malformed id resolves to null on its own instead of failing the whole batch upstream.
  if (!isUuid(reference.id)) return null;
  const scope = ctx.workflows.allocations.scopeOf({});
  return (await ctx.loaders.for(scope).load(reference.id.toLowerCase())) as Allocation | null;
}
