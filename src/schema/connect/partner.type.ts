import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionKeySchema } from './connect.enums.js';

@ObjectType({ description: 'A field of a connection key, as connect takes it.' })
export class ConnectionKeyField {
  @Field(() => String, { description: 'The field of the ConnectionKeyInput member, e.g. "apiSecret".' })
  name!: string;

  @Field(() => Boolean, { description: 'A secret: never logged or answered by the gateway, kept only sealed, shown masked in signedRequests.' })
  secret!: boolean;
}

@ObjectType({ description: 'A currency a partner accepts for allocations, deallocations and settlements.' })
export class SupportedCurrency {
  @Field(() => String, { description: 'BitGo\'s OFC code, as allocate takes it, e.g. "ofctbtc".' })
  ofcCurrency!: string;

  @Field(() => String, { nullable: true, description: 'The on-chain currency behind it, e.g. "tbtc".' })
  backingCurrency!: string | null;
}

/**
 * Resolves straight from BitGo's partner list item; `supportedCurrencies` and `connectionKeyFields` have resolvers
 * of their own (partner.resolver.ts).
 */
@ObjectType({ description: 'A trading partner in BitGo\'s Go Network directory, with what it takes to connect to it.' })
export class Partner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'BitGo\'s institution record for the partner.' })
  institutionId?: string;

  @Field(() => String)
  institutionIdentifier!: string;

  @Field(() => ConnectionKeySchema, { description: 'The connectionKey member connect must be given for this partner.' })
  connectionKeySchema!: ConnectionKeySchema;

  @Field(() => Boolean, { description: 'False: the partner takes no new connections.' })
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'The BitGo trust organisation the partner belongs to.' })
  trustOrg?: string;

  @Field(() => Boolean, { nullable: true, description: 'False while the partner is still in beta on the network.' })
  stablePartner?: boolean;
}
