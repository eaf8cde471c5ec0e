import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One currency of an account, in base units.' })
export class CurrencyBalance {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc" (in a PARTNER view, the partner\'s own code).' })
  currency!: string;

  @Field(() => String, {
    description: 'What can be allocated or traded now: a decimal string, never a number (a partner\'s may carry a fraction, per its configuration).',
  })
  available!: string;

  @Field(() => String, { description: 'What is held (encumbered) by records still in flight: a decimal string.' })
  held!: string;
}
