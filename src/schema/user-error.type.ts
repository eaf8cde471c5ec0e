import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserErrorCode } from '../workflows/user-error.js';

registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation did not do what was asked.' });

@ObjectType({ description: 'A problem the caller can act on.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "amount", "quantity"].' })
  field?: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}
