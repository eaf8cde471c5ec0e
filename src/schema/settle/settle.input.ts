import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { IsBitGoUuid, IsCurrencyCode, IsEnterpriseId, IsPrintableText, IsSignedQuantity } from '../../workflows/input.rules.js';

@InputType({ description: 'A signed base-unit amount: a decimal integer string with a minus when the client pays, never a number.' })
export class SignedAmountInput {
  @Field(() => String, { description: 'BitGo currency code, e.g. "ofctbtc".' })
  @IsCurrencyCode()
  currency!: string;

  @Field(() => String, { description: 'Signed base-unit integer: positive, the client receives; negative, the client pays. No leading zeros, not zero.' })
  @IsSignedQuantity()
  quantity!: string;
}

@InputType({ description: 'What one connection\'s client receives or pays, per currency.' })
export class SettlementAmountInput {
  @Field(() => ID, { description: 'One of the partner\'s active connections.' })
  @IsBitGoUuid()
  connectionId!: string;

  @Field(() => [SignedAmountInput])
  @ArrayMaxSize(100)
  @ValidateNested()
  amounts!: SignedAmountInput[];
}

@InputType({ description: 'The partner\'s settlement of its clients\' trades (at least once every 24 hours).' })
export class SettleInput {
  @Field(() => ID, { nullable: true, description: 'The partner\'s enterprise; defaults to the gateway\'s partner enterprise, else its configured one.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => String, { description: 'The partner\'s own id for the settlement, and its idempotency key: a repeat answers the one settlement it made.' })
  @IsPrintableText(256, false)
  externalId!: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(1024)
  notes?: string;

  @Field(() => [SettlementAmountInput], { description: 'Per connection and currency, what its client receives (positive) or pays (negative).' })
  @ArrayMaxSize(100)
  @ValidateNested()
  settlementAmounts!: SettlementAmountInput[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'v2: the time of the last trade settled. Given: the v2 route (unless SETTLEMENT_VERSION=v1 refuses it).' })
  @IsOptional()
  cutoffAt?: Date;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Check and preview only: the connections, BitGo\'s payload and the net flow per currency. Nothing is signed, written or sent to be made.' })
  dryRun?: boolean;
}

@InputType({ description: 'Dispute a pending settlement inside its window: what the client expected instead.' })
export class DisputeSettlementInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID)
  @IsBitGoUuid()
  settlementId!: string;

  @Field(() => ID, { description: 'The client\'s connection the settlement moved (Settlement.connection).' })
  @IsBitGoUuid()
  connectionId!: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(1024)
  reason?: string;

  @Field(() => [SignedAmountInput], { description: 'What the client expected per currency (empty: it expected nothing to move).' })
  @ArrayMaxSize(100)
  @ValidateNested()
  expectedTransfers!: SignedAmountInput[];

  @Field(() => String, { nullable: true, description: 'Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it.' })
  @IsPrintableText(256)
  clientRequestId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Check and preview only: the settlement, its window and the payload. Nothing is signed or sent.' })
  dryRun?: boolean;
}

@InputType({ description: 'Retract a dispute (the settlement goes ahead) or un-retract it (it holds the settlement again), inside the window.' })
export class UpdateSettlementDisputeInput {
  @Field(() => ID, { nullable: true })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID)
  @IsBitGoUuid()
  disputeId!: string;

  @Field(() => Boolean)
  retracted!: boolean;

  @Field(() => String, { nullable: true, description: 'Retracting: kept as retractedReason; un-retracting: as reason.' })
  @IsPrintableText(1024)
  reason?: string;

  @Field(() => [SignedAmountInput], { nullable: true, description: 'Replaces what the client expected, when given.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested()
  expectedTransfers?: SignedAmountInput[];

  @Field(() => String, { nullable: true })
  @IsPrintableText(256)
  clientRequestId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  dryRun?: boolean;
}

@InputType({ description: 'Close a dispute that was not valid: the settlement\'s transfers go ahead as they were.' })
export class CloseSettlementDisputeInput {
  @Field(() => ID, { nullable: true })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID)
  @IsBitGoUuid()
  disputeId!: string;

  @Field(() => String, { description: 'Why it is closed.' })
  @IsPrintableText(1024, false)
  notes!: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(256)
  clientRequestId?: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  dryRun?: boolean;
}
