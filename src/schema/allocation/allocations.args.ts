import { ValidateNested } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { EnterpriseIdArg, PageCursor, PageSize } from '../page.fields.js';
import { AllocationView } from './allocation.enums.js';
import { AllocationFilter } from './allocation-filter.input.js';
import { AllocationOrder } from './allocation-order.input.js';

@ArgsType()
export class EnterpriseArgs {
  @EnterpriseIdArg()
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
