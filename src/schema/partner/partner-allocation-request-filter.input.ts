import { ArrayMaxSize, ArrayMinSize, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AllocationStatus, AllocationType } from '../allocation/allocation.enums.js';
import { MAX_LIST } from '../allocation/allocation-filter.input.js';
import { DateTimeScalar } from '../date-time.scalar.js';

@InputType({ description: 'Filters of the partner ledger. Lists match any of their values; absent means no filter.' })
export class PartnerAllocationRequestFilter {
  @Field(() => [AllocationType], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  types?: AllocationType[];

  @Field(() => [AllocationStatus], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  statuses?: AllocationStatus[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  connectionIds?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  clientIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive lower bound on receivedAt.' })
  receivedOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive upper bound on receivedAt.' })
  receivedBefore?: Date;
}
