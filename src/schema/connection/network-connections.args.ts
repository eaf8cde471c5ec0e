import { IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { EnterpriseArgs, MAX_PAGE } from '../allocation/allocations.args.js';
import { NetworkConnectionFilter } from './network-connection-filter.input.js';

@ArgsType()
export class NetworkConnectionsArgs extends EnterpriseArgs {
  @Field(() => NetworkConnectionFilter, { nullable: true })
  @ValidateNested()
  filter?: NetworkConnectionFilter;

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

@ArgsType()
export class NetworkConnectionByIdArgs extends EnterpriseArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
