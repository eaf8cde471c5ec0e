import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AllocationStatus } from '../allocation/allocation.enums.js';

@ObjectType({ description: 'What BitGo answered to a send, or why no answer came.' })
export class SignedRequestOutcome {
  @Field(() => Int, { nullable: true, description: 'HTTP status; null when no answer arrived (timeout, dropped connection).' })
  httpStatus!: number | null;

  @Field(() => ID, { nullable: true, description: 'The id of the record BitGo answered with (or that the request names), whatever its kind.' })
  recordId!: string | null;

  @Field(() => String, { nullable: true, description: 'BitGo\'s status of that record, as BitGo spells it.' })
  recordStatus!: string | null;

  @Field(() => ID, { nullable: true, description: '`recordId` when the record is an allocation (allocate, deallocate, updateAllocation); else null.' })
  allocationId!: string | null;

  @Field(() => AllocationStatus, { nullable: true, description: 'The allocation\'s status when the record is an allocation; else null.' })
  allocationStatus!: AllocationStatus | null;

  @Field(() => String, { nullable: true, description: 'BitGo\'s error message, or the kind of failure.' })
  message!: string | null;
}
