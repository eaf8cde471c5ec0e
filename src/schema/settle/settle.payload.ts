import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { UserError } from '../user-error.type.js';
import { SettlementVersion } from './settle.enums.js';
import { SignedAmount } from './signed-amount.type.js';
import { DisputeClosure, Settlement, SettlementDispute } from './settlement.type.js';

@ObjectType({ description: 'What a settle dry run found.' })
export class SettleDryRun {
  @Field(() => String, { description: 'BitGo\'s payload that would be signed. Not kept: the real mutation fetches a fresh one (its own nonce).' })
  payload!: string;

  @Field(() => SettlementVersion)
  version!: SettlementVersion;

  @Field(() => [SignedAmount], { description: 'Per currency, what the clients together receive (RECEIVE) or pay (PAY); the partner\'s side is the opposite.' })
  netFlow!: SignedAmount[];
}

@ObjectType()
export class SettlePayload {
  @Field(() => Settlement, { nullable: true, description: 'The settlement BitGo made (v1: completed; v2: pending until its cutoff and dispute window pass).' })
  settlement!: Settlement | null;

  @Field(() => String)
  externalId!: string;

  @Field(() => SettlementVersion, { nullable: true, description: 'The route used (or that would be).' })
  version!: SettlementVersion | null;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => SettleDryRun, { nullable: true })
  dryRun?: SettleDryRun | null;
}

@ObjectType({ description: 'What a dispute dry run found.' })
export class DisputeDryRun {
  @Field(() => String, { description: 'The payload that would be signed (as the contract defines it). Not kept.' })
  payload!: string;

  @Field(() => Settlement)
  settlement!: Settlement;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the settlement\'s dispute window closes; null when BitGo gives the partner none.' })
  windowClosesAt!: Date | null;
}

@ObjectType()
export class SettlementDisputePayload {
  @Field(() => SettlementDispute, { nullable: true })
  dispute!: SettlementDispute | null;

  @Field(() => String, { description: 'The idempotency key used: yours, or the one generated for you.' })
  clientRequestId!: string;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => DisputeDryRun, { nullable: true })
  dryRun?: DisputeDryRun | null;
}

@ObjectType()
export class CloseSettlementDisputePayload {
  @Field(() => DisputeClosure, { nullable: true })
  disputeClosure!: DisputeClosure | null;

  @Field(() => String)
  clientRequestId!: string;

  @Field(() => [UserError])
  userErrors!: UserError[];

  @Field(() => DisputeDryRun, { nullable: true })
  dryRun?: DisputeDryRun | null;
}
