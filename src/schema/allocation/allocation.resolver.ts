import { IsUUID } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NetworkConnection } from '../connection/network-connection.type.js';
import type { GatewayContext } from '../context.type.js';
import { AllocationConnection } from './allocation-connection.type.js';
import { Allocation } from './allocation.type.js';
import { AllocationsArgs, EnterpriseArgs } from './allocations.args.js';

@ArgsType()
export class AllocationByIdArgs extends EnterpriseArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

/** Thin: arguments in, workflow call out. */
@Resolver(() => Allocation)
export class AllocationResolver {
  @Query(() => AllocationConnection, { description: 'BitGo allocations and deallocations, filtered, ordered and paged (Relay).' })
  allocations(@Args() args: AllocationsArgs, @Ctx() ctx: GatewayContext): Promise<AllocationConnection> {
    ctx.lists.spend();
    return ctx.workflows.allocations.list(ctx.caller, args) as Promise<AllocationConnection>;
  }

  @Query(() => Allocation, { nullable: true, description: 'One allocation or deallocation by id; null when BitGo has none visible.' })
  async allocation(@Args() args: AllocationByIdArgs, @Ctx() ctx: GatewayContext): Promise<Allocation | null> {
    const scope = ctx.workflows.allocations.scopeOf(args);
    // BitGo's UUIDs are lowercase; the loader's answers are keyed that way.
    return (await ctx.loaders.for(scope).load(args.id.toLowerCase())) as Allocation | null;
  }

  @FieldResolver(() => NetworkConnection, { nullable: true, description: 'The connection it moves funds on (batched: one BitGo call for every allocation of the operation).' })
  connection(@Root() allocation: Allocation, @Ctx() ctx: GatewayContext): Promise<NetworkConnection | null> {
    return ctx.connections.loadFor(allocation, allocation.connectionId) as Promise<NetworkConnection | null>;
  }
}
