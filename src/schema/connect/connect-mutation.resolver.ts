import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context.type.js';
import { ConnectInput, UpdateConnectionInput } from './connect.input.js';
import { ConnectPayload, UpdateConnectionPayload } from './connect.payload.js';

// Inputs skip the schema-wide validator (which throws BAD_USER_INPUT): the workflows answer bad input as userErrors.
const AS_USER_ERRORS = { validateFn: () => undefined };

/** Thin: the input in, the workflow's answer out. */
@Resolver()
export class ConnectMutationResolver {
  @Mutation(() => ConnectPayload, { description: 'Connect to a partner. Signed inside the gateway; idempotent on clientRequestId; the key\'s secrets are never answered or logged.' })
  connect(@Arg('input', () => ConnectInput, AS_USER_ERRORS) input: ConnectInput, @Ctx() ctx: GatewayContext): Promise<ConnectPayload> {
    return ctx.workflows.connect.run(ctx.caller, input) as Promise<ConnectPayload>;
  }

  @Mutation(() => UpdateConnectionPayload, { description: 'Rename a connection, or (de)activate it. Not signed (BitGo does not sign it); safe to repeat.' })
  updateConnection(@Arg('input', () => UpdateConnectionInput, AS_USER_ERRORS) input: UpdateConnectionInput, @Ctx() ctx: GatewayContext): Promise<UpdateConnectionPayload> {
    return ctx.workflows.updateConnection.run(ctx.caller, input) as Promise<UpdateConnectionPayload>;
  }
}
