import { ArrayMaxSize, ArrayMinSize, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CURRENCY } from '../../common/patterns.js';
import { DateTimeScalar } from '../date-time.scalar.js';
import { AllocationStatus, AllocationType, TrustOrg } from './allocation.enums.js';

/** Most values one list filter takes. */
export const MAX_LIST = 100;

@InputType({ description: 'Every BitGo list filter. Lists match any of their values; absent means no filter.' })
export class AllocationFilter {
  @Field(() => [ID], { nullable: true, description: 'Allocation ids (UUIDs), at most 100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  ids?: string[];

  @Field(() => [AllocationType], { nullable: true, description: 'Defaults to both types.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  types?: AllocationType[];

  @Field(() => [AllocationStatus], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  statuses?: AllocationStatus[];

  @Field(() => [String], { nullable: true, description: 'BitGo currency codes, e.g. "ofctbtc".' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 32, { each: true, message: 'each value of $property must be 1 to 32 characters' })
  @Matches(CURRENCY, { each: true, message: 'each value of $property must be a lowercase BitGo currency code' })
  currencies?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  connectionIds?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  partnerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'PARTNER view only.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  clientIds?: string[];

  @Field(() => TrustOrg, { nullable: true })
  trustOrg?: TrustOrg;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive lower bound on createdAt.' })
  createdOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive upper bound on createdAt ("created on or before", as BitGo documents it).' })
  createdBefore?: Date;
}
