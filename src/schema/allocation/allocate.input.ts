import { ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsBitGoUuid, IsEnterpriseId, IsPrintableText } from '../../workflows/input.rules.js';
import { AmountInput } from './amount.input.js';

@InputType({ description: 'An allocation (or deallocation) request. The gateway gets BitGo\'s payload, signs it and submits it.' })
export class AllocateInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID)
  @IsBitGoUuid()
  connectionId!: string;

  @Field(() => AmountInput)
  @ValidateNested()
  amount!: AmountInput;

  @Field(() => String, {
    nullable: true,
    description: 'Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it to retry safely.',
  })
  @IsPrintableText(256)
  clientExternalId?: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(1000)
  notes?: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Check and preview only: validate, fetch and check BitGo\'s payload, check the connection is active and the balance covers the amount, and answer `dryRun`. Nothing is signed, written or kept.',
  })
  dryRun?: boolean;
}
