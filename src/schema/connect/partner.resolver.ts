import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { WireConnectionKeySchema } from '../../bitgo/network.wire.js';
import { connectionKeyFields } from '../../workflows/connect/connection-key.js';
import { readScopeOf } from '../../workflows/reads/read-scope.js';
import type { GatewayContext } from '../context.type.js';
import { PartnerDirectoryConnection } from './partner-connection.type.js';
import { ConnectionKeyField, Partner, SupportedCurrency } from './partner.type.js';
import { PartnersArgs } from './partners.args.js';

/** Thin: arguments in, workflow call out; supported currencies batched per request (one BitGo call per tick). */
@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => PartnerDirectoryConnection, { description: 'BitGo\'s partner directory: who the enterprise can connect to, and what each needs (Relay).' })
  partners(@Args() args: PartnersArgs, @Ctx() ctx: GatewayContext): Promise<PartnerDirectoryConnection> {
    ctx.lists.spend();
    return ctx.workflows.partners.list(ctx.caller, args) as Promise<PartnerDirectoryConnection>;
  }

  @FieldResolver(() => [SupportedCurrency], {
    nullable: true,
    description: 'What the partner accepts: one BitGo call for every partner (and connection) of the operation; null (with an error) when it cannot be read, the partner still listed.',
  })
  supportedCurrencies(@Root() partner: Partner, @Ctx() ctx: GatewayContext): Promise<SupportedCurrency[]> {
    const enterpriseId = readScopeOf(partner)?.enterpriseId ?? ctx.workflows.partners.enterpriseOf(undefined);
    return ctx.currencies.load(enterpriseId, partner.id);
  }

  @FieldResolver(() => [ConnectionKeyField], { description: 'The fields of the connectionKey member this partner takes, in order, and which are secrets.' })
  connectionKeyFields(@Root() partner: Partner): ConnectionKeyField[] {
    return connectionKeyFields(partner.connectionKeySchema as unknown as WireConnectionKeySchema);
  }
}
