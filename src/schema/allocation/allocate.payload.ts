import { Field, ObjectType } from 'type-graphql';
import { Allocation } from './allocation.type.js';
import { UserError } from '../user-error.type.js';

@ObjectType({ description: 'What a dry run would sign, and the balance it would draw on.' })
export class DryRun {
  @Field(() => String, { description: 'The exact string that would be signed. Not kept: the real mutation fetches a fresh one (with its own nonce).' })
  payload!: string;

  @Field(() => String, {
    description: 'Base units available now: the trading account\'s in that currency (allocate), or the connection\'s network balance (deallocate).',
  })
  available!: string;

  @Field(() => String, { description: 'available − quantity, in base units.' })
  availableAfter!: string;
}

@ObjectType()
export class AllocatePayload {
  @Field(() => Allocation, { nullable: true, description: 'The allocation as BitGo holds it (also when RELEASED).' })
  allocation!: Allocation | null;

  @Field(() => String, { description: 'The idempotency key used: yours, or the one generated for you.' })
  clientExternalId!: string;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => DryRun, { nullable: true, description: 'Only for `dryRun: true`, and only when every check passed.' })
  dryRun?: DryRun | null;
}

@ObjectType()
export class UpdateAllocationPayload {
  @Field(() => Allocation, { nullable: true, description: 'The allocation as BitGo now holds it.' })
  allocation!: Allocation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
