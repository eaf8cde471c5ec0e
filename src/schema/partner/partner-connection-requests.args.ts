import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { RelayPageArgs } from '../page.fields.js';
import { EnterpriseIdArg } from '../page.fields.js';
import { PartnerConnectionFilter, PartnerConnectionRequestFilter } from './partner-connection-request-filter.input.js';

@ArgsType()
class PartnerConnectionPaging extends RelayPageArgs {
  @EnterpriseIdArg('The partner enterprise; defaults to the one the gateway receives BitGo\'s calls for.')
  enterpriseId?: string;
}

@ArgsType()
export class PartnerConnectionsArgs extends PartnerConnectionPaging {
  @Field(() => PartnerConnectionFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerConnectionFilter;
}

@ArgsType()
export class PartnerConnectionRequestsArgs extends PartnerConnectionPaging {
  @Field(() => PartnerConnectionRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerConnectionRequestFilter;
}
