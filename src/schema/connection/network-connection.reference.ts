import { isUuid } from '../../common/patterns.js';
import type { GatewayContext } from '../context.type.js';
import type { NetworkConnection } from './network-connection.type.js';

/**
 * Federation: every `_entities` NetworkConnection goes through the per-request loader, in the gateway's default
 * enterprise and view (a reference carries only the key), so N references cost one BitGo call.
 */
export async function resolveNetworkConnectionReference(reference: { id: unknown }, ctx: GatewayContext): Promise<NetworkConnection | null> {
  // A malformed id resolves to null on its own instead of failing the whole batch upstream.
  if (!isUuid(reference.id)) return null;
  return (await ctx.connections.for(ctx.workflows.connections.scopeOf({})).load(reference.id.toLowerCase())) as NetworkConnection | null;
}
