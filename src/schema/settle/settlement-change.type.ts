import { ArgsType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AllocationView } from '../allocation/allocation.enums.js';
import { ChangeSource } from '../live/change-source.enums.js';
import { Settlement } from './settlement.type.js';

export enum SettlementChangeKind {
  CREATED = 'CREATED',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  DISPUTED = 'DISPUTED',
  UPDATED = 'UPDATED',
}

registerEnumType(SettlementChangeKind, {
  name: 'SettlementChangeKind',
  description: 'CREATED: first seen (a settle made it); COMPLETED; FAILED (failed or rejected); DISPUTED: a client disputed it; UPDATED: anything else.',
});

/** Resolves straight from the workflow's event. */
@ObjectType({ description: 'A settlement as it now stands, what changed, and what changed it.' })
export class SettlementChange {
  @Field(() => Settlement, { description: 'The record as BitGo answered it.' })
  settlement!: Settlement;

  @Field(() => [SettlementChangeKind])
  changes!: SettlementChangeKind[];

  @Field(() => String, { nullable: true, description: 'BitGo\'s status this subscription saw last (lowercase, as BitGo spells it); null when CREATED.' })
  previousStatus!: string | null;

  @Field(() => ChangeSource)
  source!: ChangeSource;
}

// Checked by the live workflow when subscribing (type-graphql does not validate a subscription's subscribe step).
@ArgsType()
export class SettlementChangedArgs {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise (the partner enterprise in the PARTNER view).' })
  enterpriseId?: string | null;

  @Field(() => AllocationView, { nullable: true, description: 'Defaults to the gateway\'s configured view (CLIENT unless set).' })
  view?: AllocationView | null;

  @Field(() => [ID], { nullable: true, description: 'Settlements to follow (at most 100); BitGo must show every one to the caller.' })
  settlementIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'PARTNER view: follow the settlements under these externalIds (at most 100), including ones not made yet.' })
  externalIds?: string[] | null;
}
