import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IdListFilter, TextListFilter } from '../list-filter.fields.js';
import { PartnerConnectionStatus } from './partner-connection-request.enums.js';

@InputType({ description: 'Filters of the partner\'s connections. Lists match any of their values; absent means no filter.' })
export class PartnerConnectionFilter {
  @IdListFilter()
  clientIds?: string[];

  @TextListFilter(256)
  partnersClientIds?: string[];
}

@InputType({ description: 'Filters of the partner\'s connection requests. Lists match any of their values; absent means no filter.' })
export class PartnerConnectionRequestFilter extends PartnerConnectionFilter {
  @Field(() => [PartnerConnectionStatus], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  statuses?: PartnerConnectionStatus[];
}
