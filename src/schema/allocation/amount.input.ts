import { Field, InputType } from 'type-graphql';
import { IsBaseUnitQuantity, IsCurrencyCode } from '../../workflows/input.rules.js';

@InputType({ description: 'An amount in base units. The quantity is a decimal integer string, never a number.' })
export class AmountInput {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc".' })
  @IsCurrencyCode()
  currency!: string;

  @Field(() => String, { description: 'Positive base-unit integer, digits only, no leading zeros, at most 2^256 − 1.' })
  @IsBaseUnitQuantity()
  quantity!: string;
}
