import { ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { IdList, RelayPageArgs, TextList } from '../filter.fields.js';
import { EnterpriseIdArg } from '../page.fields.js';

@InputType({ description: 'BitGo\'s partner directory filters. Lists match any of their values; absent means no filter.' })
export class PartnerFilter {
  @IdList()
  ids?: string[];

  @TextList('Exact partner names.')
  names?: string[];

  @IdList()
  institutionIds?: string[];

  @TextList()
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
