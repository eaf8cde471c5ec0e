import { Field, ID, InputType } from 'type-graphql';
import { AmountInput } from './amount.input.js';

@InputType({ description: 'An allocation (or deallocation) request. The gateway gets BitGo\'s payload, signs it and submits it.' })
export class AllocateInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  enterpriseId?: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => AmountInput)
  amount!: AmountInput;

  @Field(() => String, {
    nullable: true,
    description: 'Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it to retry safely.',
  })
  clientExternalId?: string;

  @Field(() => String, { nullable: true })
  notes?: string;
}
