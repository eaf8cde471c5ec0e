import { ArgsType, Field, ID } from 'type-graphql';
import { AllocationView } from '../allocation/allocation.enums.js';

// Checked by the live workflow when subscribing (type-graphql does not validate a subscription's subscribe step).

@ArgsType()
export class AllocationChangedArgs {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  enterpriseId?: string | null;

  @Field(() => AllocationView, { nullable: true, description: 'Defaults to the gateway\'s configured view (CLIENT unless set).' })
  view?: AllocationView | null;

  @Field(() => [ID], { nullable: true, description: 'Allocations to follow (at most 100); BitGo must show every one to the caller.' })
  ids?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Follow every allocation on these connections (at most 100).' })
  connectionIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Follow the allocations made under these idempotency keys (at most 100), including ones not made yet.' })
  clientExternalIds?: string[] | null;
}

@ArgsType()
export class PartnerAllocationRequestChangedArgs {
  @Field(() => ID, { nullable: true, description: 'The partner enterprise; defaults to the one BitGo\'s partner calls are for (BITGO_PARTNER_ENTERPRISE_ID).' })
  enterpriseId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only these connections (at most 100); all of the partner\'s when absent.' })
  connectionIds?: string[] | null;
}

@ArgsType()
export class ConnectionChangedArgs {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  enterpriseId?: string | null;

  @Field(() => AllocationView, { nullable: true, description: 'Defaults to the gateway\'s configured view (CLIENT unless set).' })
  view?: AllocationView | null;

  @Field(() => [ID], { description: 'Connections to follow (1 to 100); BitGo must show every one to the caller.' })
  connectionIds!: string[];
}
