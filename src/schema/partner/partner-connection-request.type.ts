import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { ConnectionRefusal, PartnerConnectionStatus } from './partner-connection-request.enums.js';

/** Resolves from the store's row; `networkConnection` has its own resolver. */
@ObjectType({ description: 'A connection BitGo asked this partner to initialize (POST /bitgo/v1/connections), and how the partner answered.' })
export class PartnerConnectionRequest {
  @Field(() => ID, { description: 'BitGo\'s connection id.' })
  connectionId!: string;

  @Field(() => ID, { description: 'The client enterprise.' })
  clientId!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => PartnerConnectionStatus)
  status!: PartnerConnectionStatus;

  @Field(() => ConnectionRefusal, { nullable: true, description: 'Why it was refused; null when accepted.' })
  refusal!: ConnectionRefusal | null;

  @Field(() => String, { nullable: true, description: 'The account on the partner\'s platform the token stood for (answered to BitGo when accepted).' })
  partnersClientId!: string | null;

  @Field(() => String, { nullable: true, description: 'The partner\'s own id for the connection (answered to BitGo when accepted).' })
  partnersConnectionId!: string | null;

  @Field(() => Int, { description: 'BitGo\'s calls for this connection, retries included.' })
  attempts!: number;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  /** Not a field: the partner enterprise the row belongs to, for the `networkConnection` lookup. */
  enterpriseId!: string;
}
