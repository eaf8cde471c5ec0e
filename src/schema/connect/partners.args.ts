import { ArrayMaxSize, ArrayMinSize, IsUUID, Length, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { MAX_LIST } from '../allocation/allocation-filter.input.js';
import { EnterpriseIdArg, PageCursor, PageSize } from '../page.fields.js';

@InputType({ description: 'BitGo\'s partner directory filters. Lists match any of their values; absent means no filter.' })
export class PartnerFilter {
  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  ids?: string[];

  @Field(() => [String], { nullable: true, description: 'Exact partner names.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  names?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  institutionIds?: string[];

  @Field(() => [String], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  institutionIdentifiers?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: only partners taking connections; false: only inactive ones.' })
  active?: boolean;
}

@ArgsType()
export class PartnersArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => PartnerFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerFilter;

  @PageSize('forward')
  first?: number;

  @PageCursor()
  after?: string;

  @PageSize('backward')
  last?: number;

  @PageCursor()
  before?: string;
}
