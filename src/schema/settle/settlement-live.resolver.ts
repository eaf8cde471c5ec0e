import { Args, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { isLiveFailure, type LiveFailure } from '../../workflows/live/live-queue.js';
import type { SettlementChangeEvent } from '../../workflows/live/settlement-subscriptions.js';
import type { GatewayContext } from '../context.type.js';
import { toGraphQLError } from '../graphql-errors.js';
import { SettlementChange, SettlementChangedArgs } from './settlement-change.type.js';

const CHECKED_WHEN_SUBSCRIBING = { validateFn: () => undefined };

/** Thin: the workflow's iterator out, each event resolved as it is (errors coded here, as live.resolver.ts does). */
@Resolver()
export class SettlementLiveResolver {
  @Subscription(() => SettlementChange, {
    description: 'Settlements as they move: created, completed, failed, disputed. Name settlementIds, or (PARTNER view) externalIds.',
    subscribe: ({ args, context }: { args: SettlementChangedArgs; context: GatewayContext }) =>
      context.workflows.live.settlementChanged(context.caller, args).catch((error: unknown) => {
        throw error instanceof Error ? (toGraphQLError(error) ?? error) : error;
      }),
  })
  settlementChanged(
    @Args(() => SettlementChangedArgs, CHECKED_WHEN_SUBSCRIBING) _args: SettlementChangedArgs,
    @Root() event: SettlementChangeEvent | LiveFailure,
    @Ctx() ctx: GatewayContext,
  ): SettlementChange {
    if (isLiveFailure(event)) throw toGraphQLError(event.failure) ?? event.failure;
    ctx.renew();
    return event as unknown as SettlementChange;
  }
}
