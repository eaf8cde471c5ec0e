import { Field, ObjectType } from 'type-graphql';
import { AmountDirection } from './settle.enums.js';

@ObjectType({ description: 'A signed base-unit amount with its direction said: what the client receives or pays. Never a number.' })
export class SignedAmount {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc".' })
  currency!: string;

  @Field(() => String, { description: 'The magnitude, base units, decimal digits. It may exceed 2^53: never parse it into a float.' })
  quantity!: string;

  @Field(() => AmountDirection)
  direction!: AmountDirection;

  @Field(() => String, { description: 'BitGo\'s signed spelling of the same amount: negative when the client pays.' })
  signedQuantity!: string;
}
