import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ENTERPRISE_ID } from '../../common/patterns.js';
import { MAX_PAGE } from '../allocation/allocations.args.js';
import { PartnerAllocationRequestFilter } from './partner-allocation-request-filter.input.js';

@ArgsType()
export class PartnerAllocationRequestsArgs {
  @Field(() => ID, { nullable: true, description: 'The partner enterprise; defaults to the one the gateway receives BitGo\'s calls for.' })
  @IsOptional()
  @Matches(ENTERPRISE_ID, { message: 'enterpriseId must be a BitGo enterprise id' })
  enterpriseId?: string;

  @Field(() => PartnerAllocationRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerAllocationRequestFilter;

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
