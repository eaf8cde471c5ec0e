import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CURRENCY } from '../../common/patterns.js';
import { DateTimeScalar } from '../date-time.scalar.js';
import { IdListFilter, ListFilter, TextListFilter } from '../list-filter.fields.js';
import { AllocationStatus, AllocationType, TrustOrg } from './allocation.enums.js';

export { MAX_LIST } from '../list-filter.fields.js';

@InputType({ description: 'Every BitGo list filter. Lists match any of their values; absent means no filter.' })
export class AllocationFilter {
  @IdListFilter('Allocation ids (UUIDs), at most 100.')
  ids?: string[];

  @ListFilter(() => [AllocationType], 'Defaults to both types.')
  types?: AllocationType[];

  @ListFilter(() => [AllocationStatus])
  statuses?: AllocationStatus[];

  @TextListFilter(32, 'BitGo currency codes, e.g. "ofctbtc".', Matches(CURRENCY, { each: true, message: 'each value of $property must be a lowercase BitGo currency code' }))
  currencies?: string[];

  @IdListFilter()
  connectionIds?: string[];

  @IdListFilter()
  partnerIds?: string[];

  @IdListFilter('PARTNER view only.')
  clientIds?: string[];

  @Field(() => TrustOrg, { nullable: true })
  trustOrg?: TrustOrg;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive lower bound on createdAt.' })
  createdOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive upper bound on createdAt ("created on or before", as BitGo documents it).' })
  createdBefore?: Date;
}
