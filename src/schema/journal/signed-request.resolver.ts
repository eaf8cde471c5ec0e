import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context.type.js';
import { SignedRequestConnection } from './signed-request-connection.type.js';
import { SignedRequestEvent } from './signed-request-event.type.js';
import { SignedRequest } from './signed-request.type.js';
import { SignedRequestsArgs } from './signed-requests.args.js';

/** Thin: arguments in, workflow call out; events batched per request by the context's loader. */
@Resolver(() => SignedRequest)
export class SignedRequestResolver {
  @Query(() => SignedRequestConnection, {
    description:
      'The audit trail: every request the gateway signed for the enterprise, newest first (Relay). Only for callers BitGo lets read the enterprise.',
  })
  signedRequests(@Args() args: SignedRequestsArgs, @Ctx() ctx: GatewayContext): Promise<SignedRequestConnection> {
    return ctx.workflows.signedRequests.list(ctx.caller, args) as Promise<SignedRequestConnection>;
  }

  @FieldResolver(() => [SignedRequestEvent])
  events(@Root() row: SignedRequest, @Ctx() ctx: GatewayContext): Promise<SignedRequestEvent[]> {
    return ctx.signedRequestEvents.load({ id: row.id, kind: row.kind }) as Promise<SignedRequestEvent[]>;
  }
}
