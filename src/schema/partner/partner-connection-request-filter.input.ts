import { ArrayMaxSize, ArrayMinSize, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_LIST } from '../allocation/allocation-filter.input.js';
import { PartnerConnectionStatus } from './partner-connection-request.enums.js';

@InputType({ description: 'Filters of the partner\'s connections. Lists match any of their values; absent means no filter.' })
export class PartnerConnectionFilter {
  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  clientIds?: string[];

  @Field(() => [String], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  partnersClientIds?: string[];
}

@InputType({ description: 'Filters of the partner\'s connection requests. Lists match any of their values; absent means no filter.' })
export class PartnerConnectionRequestFilter extends PartnerConnectionFilter {
  @Field(() => [PartnerConnectionStatus], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  statuses?: PartnerConnectionStatus[];
}
