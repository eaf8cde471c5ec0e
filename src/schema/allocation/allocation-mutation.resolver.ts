import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.type.js';
import { AllocateInput } from './allocate.input.js';
import { AllocatePayload, UpdateAllocationPayload } from './allocate.payload.js';
import { UpdateAllocationInput } from './update-allocation.input.js';

// Inputs skip the schema-wide validator (which throws BAD_USER_INPUT): the workflows answer bad input as userErrors.
const AS_USER_ERRORS = { validateFn: () => undefined };

/** Thin: the input in, the workflow's answer out. */
@Resolver()
export class AllocationMutationResolver {
  @Mutation(() => AllocatePayload, { description: 'Allocate funds to a connection. Signed inside the gateway; idempotent on clientExternalId.' })
  allocate(@Arg('input', () => AllocateInput, AS_USER_ERRORS) input: AllocateInput, @Ctx() ctx: GatewayContext): Promise<AllocatePayload> {
    return ctx.workflows.allocate.run(ctx.caller, 'allocation', input) as Promise<AllocatePayload>;
  }

  @Mutation(() => AllocatePayload, { description: 'Return funds from a connection. Signed inside the gateway; idempotent on clientExternalId.' })
  deallocate(@Arg('input', () => AllocateInput, AS_USER_ERRORS) input: AllocateInput, @Ctx() ctx: GatewayContext): Promise<AllocatePayload> {
    return ctx.workflows.allocate.run(ctx.caller, 'deallocation', input) as Promise<AllocatePayload>;
  }

  @Mutation(() => UpdateAllocationPayload, {
    description: 'Partner side: clear or release a reserved allocation. With the request in the partner ledger, allocationId and status (and rejectReason to release) are enough.',
  })
  updateAllocation(
    @Arg('input', () => UpdateAllocationInput, AS_USER_ERRORS) input: UpdateAllocationInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<UpdateAllocationPayload> {
    return ctx.workflows.partnerSettle.run(ctx.caller, input) as Promise<UpdateAllocationPayload>;
  }
}
