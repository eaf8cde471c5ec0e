import { Field, ID, ObjectType } from 'type-graphql';
import { AllocationStatus, AllocationType } from '../allocation/allocation.enums.js';
import { Amount } from '../allocation/amount.type.js';
import { DateTimeScalar } from '../date-time.scalar.js';

/**
 * A request BitGo sent to this gateway's partner endpoints, as the partner ledger holds it. The fields the live
 * subscription needs; the partner ledger (its query, its `allocation` field) completes the type.
 */
@ObjectType({ description: 'An allocation (or deallocation) BitGo asked this partner to reserve, as the partner ledger holds it.' })
export class PartnerAllocationRequest {
  @Field(() => ID, { description: 'BitGo\'s allocation (or deallocation) id.' })
  id!: string;

  @Field(() => AllocationType)
  type!: AllocationType;

  @Field(() => AllocationStatus)
  status!: AllocationStatus;

  @Field(() => Amount)
  amount!: Amount;

  @Field(() => ID, { description: 'The client enterprise.' })
  clientId!: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => String)
  partnersConnectionId!: string;

  @Field(() => String, { nullable: true })
  partnersClientId?: string | null;

  @Field(() => String, { nullable: true })
  partnersAllocationId?: string | null;

  @Field(() => DateTimeScalar)
  receivedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  clearedAt?: string | null;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}
