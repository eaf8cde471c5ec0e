import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AppError, AppErrorCode } from '../../workflows/app-error.js';
import type { PartnerConnectionsWorkflow } from '../../workflows/partner/partner-connections.workflow.js';
import { NetworkConnection } from '../connection/network-connection.type.js';
import type { GatewayContext } from '../context.type.js';
import { IssueConnectionTokenInput } from './issue-connection-token.input.js';
import { IssueConnectionTokenPayload } from './issue-connection-token.payload.js';
import { PartnerConnectionRequestConnection } from './partner-connection-request-connection.type.js';
import { PartnerConnectionRequestsArgs, PartnerConnectionsArgs } from './partner-connection-requests.args.js';
import { PartnerConnectionRequest } from './partner-connection-request.type.js';

const AS_USER_ERRORS = { validateFn: () => undefined };

function partnerSide(ctx: GatewayContext): PartnerConnectionsWorkflow {
  const workflow = ctx.workflows.partnerConnections;
  if (!workflow) throw new AppError(AppErrorCode.NOT_FOUND, 'This gateway keeps no partner store: it answers BitGo\'s partner calls only when BITGO_WEBHOOK_PUBLIC_KEY (or _FILE) is set, or in sandbox mode');
  return workflow;
}

/** Thin: arguments in, workflow call out; `networkConnection` through the request's loader (one BitGo list call per page). */
@Resolver(() => PartnerConnectionRequest)
export class PartnerConnectionRequestResolver {
  @Query(() => PartnerConnectionRequestConnection, { description: 'Partner side: the connections this partner accepted, newest first (Relay). Needs a token BitGo accepts for the partner enterprise.' })
  partnerConnections(@Args() args: PartnerConnectionsArgs, @Ctx() ctx: GatewayContext): Promise<PartnerConnectionRequestConnection> {
    return partnerSide(ctx).list(ctx.caller, args, 'accepted') as Promise<PartnerConnectionRequestConnection>;
  }

  @Query(() => PartnerConnectionRequestConnection, { description: 'Partner side: every connection BitGo asked this partner to initialize, accepted or refused, newest first (Relay).' })
  partnerConnectionRequests(@Args() args: PartnerConnectionRequestsArgs, @Ctx() ctx: GatewayContext): Promise<PartnerConnectionRequestConnection> {
    return partnerSide(ctx).list(ctx.caller, args) as Promise<PartnerConnectionRequestConnection>;
  }

  @Mutation(() => IssueConnectionTokenPayload, { description: 'Partner side: issue a one-time connection token for an account of the partner\'s platform; BitGo\'s connection call is answered from it.' })
  issueConnectionToken(@Arg('input', () => IssueConnectionTokenInput, AS_USER_ERRORS) input: IssueConnectionTokenInput, @Ctx() ctx: GatewayContext): Promise<IssueConnectionTokenPayload> {
    return partnerSide(ctx).issueToken(ctx.caller, input);
  }

  @FieldResolver(() => NetworkConnection, { nullable: true, description: 'BitGo\'s record of the connection (partner view); null when BitGo shows none.' })
  networkConnection(@Root() request: PartnerConnectionRequest, @Ctx() ctx: GatewayContext): Promise<NetworkConnection | null> {
    return ctx.connections.for({ enterpriseId: request.enterpriseId, view: 'partner' }).load(request.connectionId) as Promise<NetworkConnection | null>;
  }
}
