import { Field, InputType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { IdListFilter, ListFilter, TextListFilter } from '../list-filter.fields.js';
import { SettlementStatus, SettlementTransferStatus } from './settle.enums.js';

@InputType({ description: 'BitGo\'s settlement list filters. Lists match any of their values; absent means no filter.' })
export class SettlementFilter {
  @IdListFilter()
  ids?: string[];

  @IdListFilter()
  partnerIds?: string[];

  @IdListFilter('Settlements with these connections as parties.')
  partyConnectionIds?: string[];

  @IdListFilter('Settlements with these connections as counterparties.')
  counterpartyConnectionIds?: string[];

  @ListFilter(() => [SettlementStatus], 'The client\'s list only (BitGo\'s partner list has no status filter).')
  statuses?: SettlementStatus[];

  @Field(() => Boolean, { nullable: true, description: 'true: only disputed settlements.' })
  onlyDisputed?: boolean;
}

@InputType({ description: 'The partner\'s settlement filters: the client\'s, without statuses, and with externalIds and dates.' })
export class PartnerSettlementFilter {
  @IdListFilter()
  ids?: string[];

  @IdListFilter()
  partyConnectionIds?: string[];

  @IdListFilter()
  counterpartyConnectionIds?: string[];

  @TextListFilter(256, 'The partner\'s own ids (settle\'s externalId).')
  externalIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: only disputed settlements.' })
  onlyDisputed?: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  createdOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  createdBefore?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedBefore?: Date;
}

@InputType({ description: 'BitGo\'s settlement transfer filters. Lists match any of their values; absent means no filter.' })
export class SettlementTransferFilter {
  @TextListFilter(64)
  currencies?: string[];

  @TextListFilter(256, 'BitGo user ids that initiated the settlements.')
  initiatedBy?: string[];

  @IdListFilter()
  partnerIds?: string[];

  @IdListFilter()
  settlementIds?: string[];

  @ListFilter(() => [SettlementStatus])
  settlementStatuses?: SettlementStatus[];

  @ListFilter(() => [SettlementTransferStatus], 'The transfers\' own statuses.')
  statuses?: SettlementTransferStatus[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Settlements updated before this time.' })
  settlementUpdatedBefore?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Settlements updated on or after this time.' })
  settlementUpdatedOnOrAfter?: Date;
}

@InputType({ description: 'BitGo\'s dispute list filters. Lists match any of their values; absent means no filter.' })
export class SettlementDisputeFilter {
  @IdListFilter()
  ids?: string[];

  @IdListFilter('Disputes of these settlements.')
  settlementIds?: string[];

  @IdListFilter('Disputes settled in these settlements.')
  settledInSettlementIds?: string[];

  @IdListFilter()
  connectionIds?: string[];

  @IdListFilter()
  partnerIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: only closed disputes; false: only open ones.' })
  closed?: boolean;
}

@InputType({ description: 'The partner\'s dispute filters: the client\'s, with external ids, clients and retracted ones.' })
export class PartnerSettlementDisputeFilter extends SettlementDisputeFilter {
  @TextListFilter(256, 'Disputes of settlements with these externalIds.')
  settlementExternalIds?: string[];

  @IdListFilter()
  clientIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'true: retracted disputes are listed too.' })
  showRetracted?: boolean;
}
