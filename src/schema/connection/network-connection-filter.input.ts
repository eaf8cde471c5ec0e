import { ArrayMaxSize, ArrayMinSize, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MAX_LIST } from '../allocation/allocation-filter.input.js';

@InputType({ description: 'BitGo\'s connection list filters. Lists match any of their values; absent means no filter.' })
export class NetworkConnectionFilter {
  @Field(() => [ID], { nullable: true, description: 'Connection ids (UUIDs), at most 100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  ids?: string[];

  @Field(() => [String], { nullable: true, description: 'Exact connection names. CLIENT view only.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  names?: string[];

  @Field(() => [ID], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  partnerIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'PARTNER view only.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })
  clientIds?: string[];

  @Field(() => [String], { nullable: true, description: 'The partner\'s own ids for the client. PARTNER view only.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  partnersClientIds?: string[];

  @Field(() => [String], { nullable: true, description: 'The partner\'s own ids for the connection. PARTNER view only.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LIST)
  @Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })
  partnersConnectionIds?: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}
