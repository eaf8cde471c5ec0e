import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { UserError } from '../user-error.type.js';

@ObjectType()
export class IssueConnectionTokenPayload {
  @Field(() => String, { nullable: true, description: 'Shown once, here: the gateway keeps only its SHA-256. Give it to the account\'s user, for connect\'s `token` key.' })
  connectionToken!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String)
  partnersClientId!: string;

  @Field(() => String, { nullable: true })
  partnersConnectionId!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
