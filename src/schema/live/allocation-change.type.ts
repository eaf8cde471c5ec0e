import { Field, ObjectType } from 'type-graphql';
import { AllocationStatus } from '../allocation/allocation.enums.js';
import { Allocation } from '../allocation/allocation.type.js';
import { ChangeSource } from './change-source.enums.js';

/** Resolves straight from the workflow's event: names and enum values match. */
@ObjectType({ description: 'An allocation as it now stands, what it was before (as this subscription saw it) and what changed it.' })
export class AllocationChange {
  @Field(() => Allocation, { description: 'The record as BitGo answered it.' })
  allocation!: Allocation;

  @Field(() => AllocationStatus, { nullable: true, description: 'The status this subscription saw last for this allocation; null when it saw none (a new allocation).' })
  previousStatus?: AllocationStatus | null;

  @Field(() => ChangeSource)
  source!: ChangeSource;
}
