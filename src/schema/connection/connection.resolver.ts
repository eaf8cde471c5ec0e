import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.type.js';
import { AllocationConnection } from '../allocation/allocation-connection.type.js';
import { AllocationsArgs } from '../allocation/allocations.args.js';
import { Connection } from './connection.type.js';

@Resolver(() => Connection)
export class ConnectionResolver {
  @FieldResolver(() => AllocationConnection, { description: 'Allocations on this connection; the same arguments as Query.allocations.' })
  allocations(@Root() connection: Connection, @Args() args: AllocationsArgs, @Ctx() ctx: GatewayContext): Promise<AllocationConnection> {
    ctx.lists.spend();
    return ctx.workflows.allocations.listForConnection(ctx.caller, connection.id, args) as Promise<AllocationConnection>;
  }
}
