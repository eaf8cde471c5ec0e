import { Field, InputType } from 'type-graphql';
import { AllocationStatus, AllocationType } from '../allocation/allocation.enums.js';
import { DateTimeScalar } from '../date-time.scalar.js';
import { IdListFilter, ListFilter } from '../list-filter.fields.js';

@InputType({ description: 'Filters of the partner ledger. Lists match any of their values; absent means no filter.' })
export class PartnerAllocationRequestFilter {
  @ListFilter(() => [AllocationType])
  types?: AllocationType[];

  @ListFilter(() => [AllocationStatus])
  statuses?: AllocationStatus[];

  @IdListFilter()
  connectionIds?: string[];

  @IdListFilter()
  clientIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive lower bound on receivedAt.' })
  receivedOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive upper bound on receivedAt.' })
  receivedBefore?: Date;
}
