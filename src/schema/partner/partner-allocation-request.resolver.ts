import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AppError, AppErrorCode } from '../../workflows/app-error.js';
import { Allocation } from '../allocation/allocation.type.js';
import type { GatewayContext } from '../context.type.js';
import { PartnerAllocationRequestConnection } from './partner-allocation-request-connection.type.js';
import { PartnerAllocationRequest } from './partner-allocation-request.type.js';
import { PartnerAllocationRequestsArgs } from './partner-allocation-requests.args.js';

/** Thin: arguments in, workflow call out; `allocation` goes through the request's DataLoader (one BitGo list call per page). */
@Resolver(() => PartnerAllocationRequest)
export class PartnerAllocationRequestResolver {
  @Query(() => PartnerAllocationRequestConnection, {
    description: 'Partner side: the requests BitGo sent this partner to reserve funds, newest first (Relay). Needs a token BitGo accepts for the partner enterprise.',
  })
  partnerAllocationRequests(@Args() args: PartnerAllocationRequestsArgs, @Ctx() ctx: GatewayContext): Promise<PartnerAllocationRequestConnection> {
    const reads = ctx.workflows.partnerLedger;
    if (!reads) {
      throw new AppError(
        AppErrorCode.NOT_FOUND,
        'This gateway keeps no partner ledger: it receives BitGo\'s partner calls only when BITGO_WEBHOOK_PUBLIC_KEY (or _FILE) is set, or in sandbox mode',
      );
    }
    return reads.list(ctx.caller, args) as Promise<PartnerAllocationRequestConnection>;
  }

  @FieldResolver(() => Allocation, { nullable: true, description: 'BitGo\'s record of it (partner view); null when BitGo shows none.' })
  allocation(@Root() request: PartnerAllocationRequest, @Ctx() ctx: GatewayContext): Promise<Allocation | null> {
    return ctx.loaders.for({ enterpriseId: request.enterpriseId, view: 'partner' }).load(request.id) as Promise<Allocation | null>;
  }
}
