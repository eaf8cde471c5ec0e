import { Args, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { PartnerRequestSnapshot } from '../../store/change-feed.js';
import { isLiveFailure, type LiveFailure } from '../../workflows/live/live-queue.js';
import type { ConnectionChangeEvent } from '../../workflows/live/connection-subscriptions.js';
import type { AllocationChangeEvent } from '../../workflows/live/live-subscription.js';
import type { GatewayContext } from '../context.type.js';
import { toGraphQLError } from '../graphql-errors.js';
import { PartnerAllocationRequest } from '../partner/partner-allocation-request.type.js';
import { AllocationChange } from './allocation-change.type.js';
import { ConnectionChange } from './connection-change.type.js';
import { AllocationChangedArgs, ConnectionChangedArgs, PartnerAllocationRequestChangedArgs } from './live.args.js';

// Arguments are checked once, by the workflow, when subscribing: not again for every event.
const CHECKED_WHEN_SUBSCRIBING = { validateFn: () => undefined };

interface SubscribeData<A> {
  args: A;
  context: GatewayContext;
}

/**
 * Thin: the workflow's iterator out, each event resolved as it is. Errors carry their code here because the
 * callback protocol sends them to the router as graphql-js made them (no formatter runs on that path).
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => AllocationChange, {
    description: 'Allocations as they move: each change once, in order per allocation. Name at least one of ids, connectionIds, clientExternalIds.',
    subscribe: ({ args, context }: SubscribeData<AllocationChangedArgs>) => coded(context.workflows.live.allocationChanged(context.caller, args)),
  })
  allocationChanged(
    @Args(() => AllocationChangedArgs, CHECKED_WHEN_SUBSCRIBING) _args: AllocationChangedArgs,
    @Root() event: AllocationChangeEvent | LiveFailure,
    @Ctx() ctx: GatewayContext,
  ): AllocationChange {
    if (isLiveFailure(event)) throw coded(event.failure);
    ctx.renew();
    return event as AllocationChange;
  }

  @Subscription(() => ConnectionChange, {
    description: 'Connections as they change: initialized by the partner, renamed, deactivated, reactivated. Each change once, in order per connection.',
    subscribe: ({ args, context }: SubscribeData<ConnectionChangedArgs>) => coded(context.workflows.live.connectionChanged(context.caller, args)),
  })
  connectionChanged(
    @Args(() => ConnectionChangedArgs, CHECKED_WHEN_SUBSCRIBING) _args: ConnectionChangedArgs,
    @Root() event: ConnectionChangeEvent | LiveFailure,
    @Ctx() ctx: GatewayContext,
  ): ConnectionChange {
    if (isLiveFailure(event)) throw coded(event.failure);
    ctx.renew();
    return event as unknown as ConnectionChange;
  }

  @Subscription(() => PartnerAllocationRequest, {
    description: 'The partner ledger as it moves: every inbound reservation, clear and release of the partner enterprise.',
    subscribe: ({ args, context }: SubscribeData<PartnerAllocationRequestChangedArgs>) => coded(context.workflows.live.partnerRequestChanged(context.caller, args)),
  })
  partnerAllocationRequestChanged(
    @Args(() => PartnerAllocationRequestChangedArgs, CHECKED_WHEN_SUBSCRIBING) _args: PartnerAllocationRequestChangedArgs,
    @Root() event: PartnerRequestSnapshot | LiveFailure,
    @Ctx() ctx: GatewayContext,
  ): PartnerAllocationRequest {
    if (isLiveFailure(event)) throw coded(event.failure);
    ctx.renew();
    // Instants travel through the change feed as ISO strings; enum values are the wire's, as the type's are.
    const request = { ...event, receivedAt: new Date(event.receivedAt), clearedAt: event.clearedAt === null ? null : new Date(event.clearedAt), updatedAt: new Date(event.updatedAt) };
    return request as unknown as PartnerAllocationRequest;
  }
}

/** The subscription's error, coded by the one mapping (graphql-errors.ts); anything else is left as it is, to be masked. */
function coded<T>(value: Promise<T>): Promise<T>;
function coded(value: Error): Error;
function coded<T>(value: Promise<T> | Error): Promise<T> | Error {
  if (value instanceof Promise) {
    return value.catch((error: unknown) => {
      throw error instanceof Error ? coded(error) : error;
    });
  }
  return toGraphQLError(value) ?? value;
}
