import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context.js';
import { AllocateInput } from './allocate.input.js';
import { AllocatePayload, UpdateAllocationPayload } from './allocate.payload.js';
import { UpdateAllocationInput } from './update-allocation.input.js';

// Inputs skip the schema-wide validator (which throws BAD_USER_INPUT): the service answers bad input as userErrors.
const AS_USER_ERRORS = { validateFn: () => undefined };

@Resolver()
export class AllocationMutationResolver {
  @Mutation(() => AllocatePayload, { description: 'Allocate funds to a connection. Signed inside the gateway; idempotent on clientExternalId.' })
  allocate(@Arg('input', () => AllocateInput, AS_USER_ERRORS) input: AllocateInput, @Ctx() ctx: GatewayContext): Promise<AllocatePayload> {
    return ctx.services.writes.allocate(ctx.services.allocations.requireToken(ctx.token), 'allocation', input);
  }

  @Mutation(() => AllocatePayload, { description: 'Return funds from a connection. Signed inside the gateway; idempotent on clientExternalId.' })
  deallocate(@Arg('input', () => AllocateInput, AS_USER_ERRORS) input: AllocateInput, @Ctx() ctx: GatewayContext): Promise<AllocatePayload> {
    return ctx.services.writes.allocate(ctx.services.allocations.requireToken(ctx.token), 'deallocation', input);
  }

  @Mutation(() => UpdateAllocationPayload, { description: 'Partner side: clear or release a reserved allocation.' })
  updateAllocation(
    @Arg('input', () => UpdateAllocationInput, AS_USER_ERRORS) input: UpdateAllocationInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<UpdateAllocationPayload> {
    return ctx.services.writes.updateAllocation(ctx.services.allocations.requireToken(ctx.token), input);
  }
}
