import { Field, ObjectType } from 'type-graphql';
import { Allocation } from './allocation.type.js';
import { UserError } from '../user-error.type.js';

@ObjectType()
export class AllocatePayload {
  @Field(() => Allocation, { nullable: true, description: 'The allocation as BitGo holds it (also when RELEASED).' })
  allocation!: Allocation | null;

  @Field(() => String, { description: 'The idempotency key used: yours, or the one generated for you.' })
  clientExternalId!: string;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class UpdateAllocationPayload {
  @Field(() => Allocation, { nullable: true, description: 'The allocation as BitGo now holds it.' })
  allocation!: Allocation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
