import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { IdListFilter, TextListFilter } from '../list-filter.fields.js';
import { RelayPageArgs } from '../page.fields.js';
import { EnterpriseIdArg } from '../page.fields.js';

@InputType({ description: 'BitGo\'s partner directory filters. Lists match any of their values; absent means no filter.' })
export class PartnerFilter {
  @IdListFilter()
  ids?: string[];

  @TextListFilter(256, 'Exact partner names.')
  names?: string[];

  @IdListFilter()
  institutionIds?: string[];

  @TextListFilter(256)
  institutionIdentifiers?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: only partners taking connections; false: only inactive ones.' })
  active?: boolean;
}

@ArgsType()
export class PartnersArgs extends RelayPageArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => PartnerFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerFilter;
}
