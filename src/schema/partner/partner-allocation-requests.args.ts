import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { EnterpriseIdArg, PageCursor, PageSize } from '../page.fields.js';
import { PartnerAllocationRequestFilter } from './partner-allocation-request-filter.input.js';

@ArgsType()
export class PartnerAllocationRequestsArgs {
  @EnterpriseIdArg('The partner enterprise; defaults to the one the gateway receives BitGo\'s calls for.')
  enterpriseId?: string;

  @Field(() => PartnerAllocationRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerAllocationRequestFilter;

  // Relay's paging arguments, last in every list: deliberate twins (an inherited ArgsType would list them first);
  // their rules are page.fields.ts's.
  @PageSize('forward')
  first?: number;

  @PageCursor()
  after?: string;

  @PageSize('backward')
  last?: number;

  @PageCursor()
  before?: string;
}
