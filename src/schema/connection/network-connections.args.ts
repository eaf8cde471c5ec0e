import { IsUUID, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { EnterpriseArgs } from '../allocation/allocations.args.js';
import { PageCursor, PageSize } from '../page.fields.js';
import { NetworkConnectionFilter } from './network-connection-filter.input.js';

@ArgsType()
export class NetworkConnectionsArgs extends EnterpriseArgs {
  @Field(() => NetworkConnectionFilter, { nullable: true })
  @ValidateNested()
  filter?: NetworkConnectionFilter;

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

@ArgsType()
export class NetworkConnectionByIdArgs extends EnterpriseArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}
