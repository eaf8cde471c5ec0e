import { Field, ID, ObjectType } from 'type-graphql';
import { AllocationStatus, AllocationType } from '../allocation/allocation.enums.js';
import { Amount } from '../allocation/amount.type.js';
import { DateTimeScalar } from '../date-time.scalar.js';

/** Resolves from the ledger row (workflow view); `allocation` has its own resolver. */
@ObjectType({ description: 'A request BitGo sent this partner to reserve funds (an allocation or a deallocation), as the partner ledger holds it.' })
export class PartnerAllocationRequest {
  @Field(() => ID, { description: 'BitGo\'s allocation (or deallocation) id.' })
  id!: string;

  @Field(() => AllocationType)
  type!: AllocationType;

  @Field(() => AllocationStatus, { description: 'RESERVED until BitGo clears it or the partner settles it with updateAllocation.' })
  status!: AllocationStatus;

  @Field(() => Amount)
  amount!: Amount;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => String)
  partnersConnectionId!: string;

  @Field(() => String, { nullable: true })
  partnersClientId!: string | null;

  @Field(() => String, { nullable: true, description: 'The partner\'s own id, when BitGo sent one (updateAllocation otherwise uses BitGo\'s id).' })
  partnersAllocationId!: string | null;

  @Field(() => String, { nullable: true, description: 'The partner\'s reason, for RELEASED.' })
  rejectReason!: string | null;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  clearedAt!: Date | null;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  /** Not a field: the partner enterprise the row belongs to, for the `allocation` lookup. */
  enterpriseId!: string;
}
