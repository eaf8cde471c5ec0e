import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.type.js';
import { CloseSettlementDisputeInput, DisputeSettlementInput, SettleInput, UpdateSettlementDisputeInput } from './settle.input.js';
import { CloseSettlementDisputePayload, SettlePayload, SettlementDisputePayload } from './settle.payload.js';

// Inputs skip the schema-wide validator (which throws BAD_USER_INPUT): the workflows answer bad input as userErrors.
const AS_USER_ERRORS = { validateFn: () => undefined };

/** Thin: the input in, the workflow's answer out. */
@Resolver()
export class SettleMutationResolver {
  @Mutation(() => SettlePayload, { description: 'The partner settles its clients\' trades. Signed inside the gateway; idempotent on externalId; v1 or v2 (SETTLEMENT_VERSION).' })
  settle(@Arg('input', () => SettleInput, AS_USER_ERRORS) input: SettleInput, @Ctx() ctx: GatewayContext): Promise<SettlePayload> {
    return ctx.workflows.settle.run(ctx.caller, input) as Promise<SettlePayload>;
  }

  @Mutation(() => SettlementDisputePayload, { description: 'Dispute a pending settlement inside its window. Signed; idempotent on clientRequestId.' })
  async disputeSettlement(@Arg('input', () => DisputeSettlementInput, AS_USER_ERRORS) input: DisputeSettlementInput, @Ctx() ctx: GatewayContext): Promise<SettlementDisputePayload> {
    const { record, ...rest } = await ctx.workflows.disputes.dispute(ctx.caller, input);
    return { dispute: record, ...rest } as SettlementDisputePayload;
  }

  @Mutation(() => SettlementDisputePayload, { description: 'Retract or un-retract a dispute inside the window. Signed; idempotent on clientRequestId.' })
  async updateSettlementDispute(@Arg('input', () => UpdateSettlementDisputeInput, AS_USER_ERRORS) input: UpdateSettlementDisputeInput, @Ctx() ctx: GatewayContext): Promise<SettlementDisputePayload> {
    const { record, ...rest } = await ctx.workflows.disputes.update(ctx.caller, input);
    return { dispute: record, ...rest } as SettlementDisputePayload;
  }

  @Mutation(() => CloseSettlementDisputePayload, { description: 'Close a dispute that was not valid. Signed; idempotent on clientRequestId.' })
  async closeSettlementDispute(@Arg('input', () => CloseSettlementDisputeInput, AS_USER_ERRORS) input: CloseSettlementDisputeInput, @Ctx() ctx: GatewayContext): Promise<CloseSettlementDisputePayload> {
    const { record, ...rest } = await ctx.workflows.disputes.close(ctx.caller, input);
    return { disputeClosure: record, ...rest } as CloseSettlementDisputePayload;
  }
}
