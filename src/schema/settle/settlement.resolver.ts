import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { WireSettlement } from '../../bitgo/settlement.wire.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import { readScopeOf } from '../../workflows/reads/read-scope.js';
import { detailOf } from '../../workflows/settle/settlement-reads.workflow.js';
import { netByCurrency, signedAmount } from '../../workflows/settle/signed-amount.js';
import { NetworkConnection } from '../connection/network-connection.type.js';
import type { GatewayContext } from '../context.type.js';
import { SignedAmount } from './signed-amount.type.js';
import { SettlementConnection, SettlementDisputeConnection, SettlementTransferConnection } from './settlement-connection.type.js';
import { Settlement, SettlementDispute, SettlementTransfer } from './settlement.type.js';
import {
  LatestSettlementsArgs,
  PartnerSettlementDisputesArgs,
  PartnerSettlementsArgs,
  SettlementByIdArgs,
  SettlementDisputesArgs,
  SettlementsArgs,
  SettlementTransfersArgs,
} from './settlements.args.js';

const wire = (s: Settlement) => s as unknown as WireSettlement;

/** Thin: arguments in, workflow call out; what settlements read further is batched per request (SettlementLoaders). */
@Resolver(() => Settlement)
export class SettlementResolver {
  @Query(() => SettlementConnection, { description: 'The client\'s settlements: what moved its money at its partners (Relay).' })
  settlements(@Args() args: SettlementsArgs, @Ctx() ctx: GatewayContext): Promise<SettlementConnection> {
    ctx.lists.spend();
    return ctx.workflows.settlements.list(ctx.caller, 'client', args) as Promise<SettlementConnection>;
  }

  @Query(() => Settlement, { nullable: true, description: 'One of the client\'s settlements, with its transfers and disputes; null when BitGo shows none.' })
  async settlement(@Args() args: SettlementByIdArgs, @Ctx() ctx: GatewayContext): Promise<Settlement | null> {
    return ((await ctx.workflows.settlements.get(ctx.caller, 'client', args))?.settlement ?? null) as Settlement | null;
  }

  @Query(() => SettlementTransferConnection, { description: 'The client\'s settlement transfers, newest update first (Relay).' })
  settlementTransfers(@Args() args: SettlementTransfersArgs, @Ctx() ctx: GatewayContext): Promise<SettlementTransferConnection> {
    ctx.lists.spend();
    return ctx.workflows.settlements.transfers(ctx.caller, args) as Promise<SettlementTransferConnection>;
  }

  @Query(() => SettlementDisputeConnection, { description: 'The client\'s disputes of settlements (Relay).' })
  settlementDisputes(@Args() args: SettlementDisputesArgs, @Ctx() ctx: GatewayContext): Promise<SettlementDisputeConnection> {
    ctx.lists.spend();
    return ctx.workflows.settlements.disputes(ctx.caller, 'client', args) as Promise<SettlementDisputeConnection>;
  }

  @Query(() => SettlementConnection, { description: 'The partner\'s settlements (Relay): reconcile the day\'s settlement by its externalId.' })
  partnerSettlements(@Args() args: PartnerSettlementsArgs, @Ctx() ctx: GatewayContext): Promise<SettlementConnection> {
    ctx.lists.spend();
    return ctx.workflows.settlements.list(ctx.caller, 'partner', args) as Promise<SettlementConnection>;
  }

  @Query(() => Settlement, { nullable: true, description: 'One of the partner\'s settlements, with its transfers and disputes.' })
  async partnerSettlement(@Args() args: SettlementByIdArgs, @Ctx() ctx: GatewayContext): Promise<Settlement | null> {
    return ((await ctx.workflows.settlements.get(ctx.caller, 'partner', args))?.settlement ?? null) as Settlement | null;
  }

  @Query(() => SettlementDisputeConnection, { description: 'Disputes of the partner\'s settlements (Relay).' })
  partnerSettlementDisputes(@Args() args: PartnerSettlementDisputesArgs, @Ctx() ctx: GatewayContext): Promise<SettlementDisputeConnection> {
    ctx.lists.spend();
    return ctx.workflows.settlements.disputes(ctx.caller, 'partner', args) as Promise<SettlementDisputeConnection>;
  }

  @FieldResolver(() => [SettlementTransfer], {
    nullable: true,
    description: 'Its transfers: from the detail when read by id; else the client\'s, one call for every settlement of the page. Null on a partner\'s list item (partnerSettlement(id) answers them).',
  })
  transfers(@Root() settlement: Settlement, @Ctx() ctx: GatewayContext): Promise<SettlementTransfer[]> | SettlementTransfer[] | null {
    const detail = detailOf(wire(settlement));
    if (detail) return detail.settlementTransfers as SettlementTransfer[];
    if (readScopeOf(settlement)?.view === 'partner') return null;
    return ctx.settlements.transfersOf(wire(settlement)) as Promise<SettlementTransfer[]>;
  }

  @FieldResolver(() => [SignedAmount], {
    nullable: true,
    description: 'Per currency, what the client received (RECEIVE) or paid (PAY): the sum of its transfers\' signed quantities, exact. Null where `transfers` is.',
  })
  async amounts(@Root() settlement: Settlement, @Ctx() ctx: GatewayContext): Promise<SignedAmount[] | null> {
    const transfers = await this.transfers(settlement, ctx);
    return transfers ? (netByCurrency(transfers) as SignedAmount[]) : null;
  }

  @FieldResolver(() => NetworkConnection, { nullable: true, description: 'The client\'s connection it moved (batched: one connections call for every partner of the operation).' })
  connection(@Root() settlement: Settlement, @Ctx() ctx: GatewayContext): Promise<NetworkConnection | null> | null {
    if (readScopeOf(settlement)?.view === 'partner') return null;
    return ctx.settlements.connectionOf(wire(settlement)) as Promise<NetworkConnection | null>;
  }

  @FieldResolver(() => [SettlementDispute], { nullable: true, description: 'Its disputes, when read by id (settlement, partnerSettlement); null on list items (query settlementDisputes).' })
  disputes(@Root() settlement: Settlement): SettlementDispute[] | null {
    return (detailOf(wire(settlement))?.settlementDisputes ?? null) as SettlementDispute[] | null;
  }
}

@Resolver(() => SettlementTransfer)
export class SettlementTransferResolver {
  @FieldResolver(() => SignedAmount, { description: 'The quantity with its direction said.' })
  amount(@Root() transfer: SettlementTransfer): SignedAmount {
    return signedAmount(transfer.currency, BigInt(transfer.quantity)) as SignedAmount;
  }
}

@Resolver(() => SettlementDispute)
export class SettlementDisputeResolver {
  @FieldResolver(() => [SignedAmount], { description: 'What the client expected per currency, with its direction said.' })
  expectedTransfers(@Root() dispute: SettlementDispute): SignedAmount[] {
    const expected = (dispute as unknown as { expectedTransfers?: Record<string, string> }).expectedTransfers ?? {};
    return netByCurrency(Object.entries(expected).map(([currency, quantity]) => ({ currency, quantity }))) as SignedAmount[];
  }
}

@Resolver(() => NetworkConnection)
export class ConnectionSettlementsResolver {
  @FieldResolver(() => [Settlement], {
    description: 'The latest settlements that moved this connection, newest first: one settlements call and one transfers call for every connection of the operation.',
  })
  settlements(@Root() connection: NetworkConnection, @Args() args: LatestSettlementsArgs, @Ctx() ctx: GatewayContext): Promise<Settlement[]> {
    return ctx.settlements.latestFor(connection as unknown as WireConnection, args.latest) as Promise<Settlement[]>;
  }
}
