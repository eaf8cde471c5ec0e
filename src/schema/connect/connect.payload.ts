import { Field, ObjectType } from 'type-graphql';
import { Allocation } from '../allocation/allocation.type.js';
import { NetworkConnection } from '../connection/network-connection.type.js';
import { UserError } from '../user-error.type.js';
import { Partner } from './partner.type.js';

@ObjectType({ description: 'What a connect dry run found.' })
export class ConnectDryRun {
  @Field(() => String, { description: 'BitGo\'s payload that would be signed, the key\'s secret fields masked. Not kept: the real mutation fetches a fresh one (its own nonce).' })
  payload!: string;

  @Field(() => Partner)
  partner!: Partner;
}

@ObjectType()
export class ConnectPayload {
  @Field(() => NetworkConnection, { nullable: true, description: 'The connection BitGo made; `initialized` is false until the partner initializes it.' })
  connection!: NetworkConnection | null;

  @Field(() => String, { description: 'The idempotency key used: yours, or the one generated for you.' })
  clientRequestId!: string;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => ConnectDryRun, { nullable: true, description: 'Only for `dryRun: true`, and only when every check passed.' })
  dryRun?: ConnectDryRun | null;
}

@ObjectType({ description: 'What an updateConnection dry run found.' })
export class UpdateConnectionDryRun {
  @Field(() => NetworkConnection, { description: 'The connection as it is now.' })
  connection!: NetworkConnection;

  @Field(() => [Allocation], {
    description: 'What deactivating releases: the allocations and deallocations on the connection still in flight (RESERVED), whose held amounts go back; empty unless the update deactivates. At most 100.',
  })
  releases!: Allocation[];

  @Field(() => Boolean, { description: 'More records are in flight than `releases` lists.' })
  moreReleases!: boolean;
}

@ObjectType()
export class UpdateConnectionPayload {
  @Field(() => NetworkConnection, { nullable: true, description: 'The connection as BitGo now holds it.' })
  connection!: NetworkConnection | null;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => UpdateConnectionDryRun, { nullable: true })
  dryRun?: UpdateConnectionDryRun | null;
}
