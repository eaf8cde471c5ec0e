import { Field, InputType } from 'type-graphql';
import { IdListFilter, TextListFilter } from '../list-filter.fields.js';

@InputType({ description: 'BitGo\'s connection list filters. Lists match any of their values; absent means no filter.' })
export class NetworkConnectionFilter {
  @IdListFilter('Connection ids (UUIDs), at most 100.')
  ids?: string[];

  @TextListFilter(256, 'Exact connection names. CLIENT view only.')
  names?: string[];

  @IdListFilter()
  partnerIds?: string[];

  @IdListFilter('PARTNER view only.')
  clientIds?: string[];

  @TextListFilter(256, 'The partner\'s own ids for the client. PARTNER view only.')
  partnersClientIds?: string[];

  @TextListFilter(256, 'The partner\'s own ids for the connection. PARTNER view only.')
  partnersConnectionIds?: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}
