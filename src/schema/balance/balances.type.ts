import { Field, ID, ObjectType } from 'type-graphql';
import { CurrencyBalance } from './currency-balance.type.js';

/** One entry of BitGo's networkBalances; `connection` is a field resolver (balances.resolver.ts). */
@ObjectType({ description: 'What is allocated to one connection, as the balances report states it.' })
export class ConnectionBalances {
  @Field(() => ID)
  connectionId!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => String, { description: 'The partner\'s own id for the connection.' })
  partnersConnectionId!: string;

  @Field(() => String, { nullable: true, description: 'The connection\'s name. CLIENT view only.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The partner institution\'s identifier. CLIENT view only.' })
  partnerInstitutionIdentifier!: string | null;

  @Field(() => ID, { nullable: true, description: 'The client enterprise. PARTNER view only.' })
  clientId!: string | null;

  @Field(() => [CurrencyBalance], { description: 'Per currency. BitGo updates these only on allocations, deallocations and settlement.' })
  balances!: CurrencyBalance[];
}

@ObjectType({ description: 'An enterprise\'s balances at BitGo: its own account, and what is allocated to each connection.' })
export class Balances {
  @Field(() => ID, { nullable: true, description: 'The client enterprise. CLIENT view only.' })
  clientId!: string | null;

  @Field(() => [CurrencyBalance], {
    description: 'The enterprise\'s own BitGo trading balances (live). Empty in a PARTNER view when the partner may not see its own.',
  })
  balances!: CurrencyBalance[];

  @Field(() => [ConnectionBalances], { description: 'Every connection the partner has initialized, in BitGo\'s order.' })
  networkBalances!: ConnectionBalances[];
}
