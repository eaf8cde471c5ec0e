import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { readScopeOf } from '../../workflows/reads/read-scope.js';
import { AllocationConnection } from '../allocation/allocation-connection.type.js';
import { AllocationsArgs } from '../allocation/allocations.args.js';
import { CurrencyBalance } from '../balance/currency-balance.type.js';
import { SupportedCurrency } from '../connect/partner.type.js';
import type { GatewayContext } from '../context.type.js';
import { NetworkConnectionConnection } from './network-connection-connection.type.js';
import { NetworkConnection } from './network-connection.type.js';
import { NetworkConnectionByIdArgs, NetworkConnectionsArgs } from './network-connections.args.js';

/** Thin: arguments in, workflow call out. */
@Resolver(() => NetworkConnection)
export class NetworkConnectionResolver {
  @Query(() => NetworkConnectionConnection, { description: 'BitGo Go Network connections, filtered and paged (Relay), oldest first.' })
  networkConnections(@Args() args: NetworkConnectionsArgs, @Ctx() ctx: GatewayContext): Promise<NetworkConnectionConnection> {
    ctx.lists.spend();
    return ctx.workflows.connections.list(ctx.caller, args) as Promise<NetworkConnectionConnection>;
  }

  @Query(() => NetworkConnection, { nullable: true, description: 'One connection by id (batched with every other lookup); null when BitGo has none visible.' })
  networkConnection(@Args() args: NetworkConnectionByIdArgs, @Ctx() ctx: GatewayContext): Promise<NetworkConnection | null> {
    return ctx.connections.for(ctx.workflows.connections.scopeOf(args)).load(args.id.toLowerCase()) as Promise<NetworkConnection | null>;
  }

  @FieldResolver(() => [CurrencyBalance], {
    description: 'What is allocated to this connection, per currency (from the balances report, read once per operation); empty when the report does not list it.',
  })
  balances(@Root() connection: NetworkConnection, @Ctx() ctx: GatewayContext): Promise<CurrencyBalance[]> {
    return ctx.balances.ofConnection(connection);
  }

  @FieldResolver(() => [SupportedCurrency], {
    nullable: true,
    description: 'What the connection\'s partner accepts (an allocate screen\'s currency picker): batched with every other partner of the operation; null when the connection\'s partner is not known.',
  })
  supportedCurrencies(@Root() connection: NetworkConnection, @Ctx() ctx: GatewayContext): Promise<SupportedCurrency[]> | null {
    if (!connection.partnerId) return null;
    const enterpriseId = readScopeOf(connection)?.enterpriseId ?? ctx.workflows.partners.enterpriseOf(undefined);
    return ctx.currencies.load(enterpriseId, connection.partnerId);
  }

  @FieldResolver(() => AllocationConnection, {
    description: 'Allocations on this connection; the same arguments as Query.allocations, enterpriseId and view defaulting to those the connection was read in.',
  })
  allocations(@Root() connection: NetworkConnection, @Args() args: AllocationsArgs, @Ctx() ctx: GatewayContext): Promise<AllocationConnection> {
    ctx.lists.spend();
    return ctx.workflows.allocations.listForConnection(ctx.caller, connection.id, args, readScopeOf(connection)) as Promise<AllocationConnection>;
  }
}
