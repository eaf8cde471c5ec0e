import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AllocationStatus } from '../allocation/allocation.enums.js';

@ObjectType({ description: 'What BitGo answered to a send, or why no answer came.' })
export class SignedRequestOutcome {
  @Field(() => Int, { nullable: true, description: 'HTTP status; null when no answer arrived (timeout, dropped connection).' })
  httpStatus!: number | null;

  @Field(() => ID, { nullable: true })
  allocationId!: string | null;

  @Field(() => AllocationStatus, { nullable: true })
  allocationStatus!: AllocationStatus | null;

  @Field(() => String, { nullable: true, description: 'BitGo\'s error message, or the kind of failure.' })
  message!: string | null;
}
