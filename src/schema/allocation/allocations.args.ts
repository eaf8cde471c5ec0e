import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ENTERPRISE_ID } from '../../common/patterns.js';
import { AllocationView } from './allocation.enums.js';
import { AllocationFilter } from './allocation-filter.input.js';
import { AllocationOrder } from './allocation-order.input.js';

export const MAX_PAGE = 100;

@ArgsType()
export class EnterpriseArgs {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsOptional()
  @Matches(ENTERPRISE_ID, { message: 'enterpriseId must be a BitGo enterprise id' })
  enterpriseId?: string;

  @Field(() => AllocationView, { nullable: true, description: 'Defaults to the gateway\'s configured view (CLIENT unless set).' })
  view?: AllocationView;
}

@ArgsType()
export class AllocationsArgs extends EnterpriseArgs {
  @Field(() => AllocationFilter, { nullable: true })
  @ValidateNested()
  filter?: AllocationFilter;

  @Field(() => AllocationOrder, { nullable: true })
  orderBy?: AllocationOrder;

  @Field(() => Int, { nullable: true, description: 'Page size going forward: 25 by default, at most 100.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE)
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Page size going backward, at most 100.' })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE)
  last?: number;

  @Field(() => String, { nullable: true })
  before?: string;
}
