import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { AllocationStatus, AllocationType, PolicyResult } from './allocation.enums.js';
import { Amount } from './amount.type.js';

/** Resolves straight from BitGo's wire record: names and enum values match. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An allocation or deallocation of funds on a Go Network connection.' })
export class Allocation {
  @Field(() => ID)
  id!: string;

  @Field(() => AllocationType)
  type!: AllocationType;

  @Field(() => AllocationStatus)
  status!: AllocationStatus;

  @Field(() => Amount)
  amount!: Amount;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => String, { description: 'The client\'s idempotency key for this record.' })
  clientExternalId!: string;

  @Field(() => String, { nullable: true })
  partnerExternalId?: string;

  @Field(() => String, { description: 'BitGo user id of whoever initiated it.' })
  initiatedBy!: string;

  @Field(() => String, { nullable: true })
  notes?: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => Boolean, { description: 'True when re-sending the identical request may complete it.' })
  retriable!: boolean;

  // BitGo's policy evaluation, as each of its records carries it: a deliberate twin of network-connection.type.ts's (an inherited
  // class would put these fields first).
  @Field(() => String, { nullable: true })
  evaluationId?: string;

  @Field(() => String, { nullable: true })
  pendingApprovalId?: string;

  @Field(() => PolicyResult, { nullable: true })
  policyResult?: PolicyResult;

  @Field(() => String, { nullable: true, description: 'Why it is not cleared; null once cleared.' })
  reason?: string | null;
}
