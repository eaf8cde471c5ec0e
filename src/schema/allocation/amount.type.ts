import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An amount in base units (satoshi, wei, …).' })
export class Amount {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc".' })
  currency!: string;

  @Field(() => String, {
    description: 'Base-unit quantity as a decimal integer string. It may exceed 2^53: never parse it into a float.',
  })
  quantity!: string;
}
