import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An amount in base units. The quantity is a decimal integer string, never a number.' })
export class AmountInput {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc".' })
  currency!: string;

  @Field(() => String, { description: 'Positive base-unit integer, digits only, no leading zeros, at most 2^256 − 1.' })
  quantity!: string;
}
