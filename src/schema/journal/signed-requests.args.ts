import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { EnterpriseIdArg, PageCursor, PageSize } from '../page.fields.js';
import { SignedRequestFilter } from './signed-request-filter.input.js';

@ArgsType()
export class SignedRequestsArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => SignedRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: SignedRequestFilter;

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
