import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ENTERPRISE_ID } from '../../common/patterns.js';
import { MAX_PAGE } from '../allocation/allocations.args.js';
import { SignedRequestFilter } from './signed-request-filter.input.js';

@ArgsType()
export class SignedRequestsArgs {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsOptional()
  @Matches(ENTERPRISE_ID, { message: 'enterpriseId must be a BitGo enterprise id' })
  enterpriseId?: string;

  @Field(() => SignedRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: SignedRequestFilter;

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
