import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { NetworkBalance } from '../../workflows/reads/balance-reads.workflow.js';
import { EnterpriseArgs } from '../allocation/allocations.args.js';
import { NetworkConnection } from '../connection/network-connection.type.js';
import type { GatewayContext } from '../context.type.js';
import { Balances, ConnectionBalances } from './balances.type.js';

/** Thin: one memoised report per operation and (enterprise, view); connections through the batching loader. */
@Resolver(() => ConnectionBalances)
export class BalancesResolver {
  @Query(() => Balances, { description: 'The enterprise\'s balances: its own account and every connection\'s. Read at most once per operation.' })
  balances(@Args() args: EnterpriseArgs, @Ctx() ctx: GatewayContext): Promise<Balances> {
    return ctx.balances.for(ctx.workflows.balances.scopeOf(args)) as Promise<Balances>;
  }

  @FieldResolver(() => NetworkConnection, { description: 'The connection, as BitGo\'s connection list holds it (batched: one call for all of them).' })
  async connection(@Root() entry: ConnectionBalances, @Ctx() ctx: GatewayContext): Promise<NetworkConnection> {
    const { summary } = entry as ConnectionBalances & NetworkBalance;
    // A connection the report shows but the list no longer does is still answered, with what the report knows.
    return ((await ctx.connections.loadFor(entry, entry.connectionId)) ?? summary) as NetworkConnection;
  }
}
