import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { AllocationType, PolicyResult } from './allocation.enums.js';
import { AmountInput } from './amount.input.js';

export enum AllocationUpdateStatus {
  CLEARED = 'cleared',
  RELEASED = 'released',
}
registerEnumType(AllocationUpdateStatus, { name: 'AllocationUpdateStatus', description: 'The final state a partner gives a reserved allocation.' });

@InputType({ description: 'A partner\'s decision on a reserved allocation (partners with asynchronous allocations only).' })
export class UpdateAllocationInput {
  @Field(() => ID, { nullable: true, description: 'The partner enterprise; defaults to the gateway\'s configured enterprise.' })
  enterpriseId?: string;

  @Field(() => AllocationType, {
    nullable: true,
    description: 'ALLOCATION (default) or DEALLOCATION: deallocations to asynchronous partners are settled the same way.',
  })
  type?: AllocationType;

  @Field(() => ID, { description: 'The allocation\'s (or deallocation\'s) id.' })
  allocationId!: string;

  @Field(() => AllocationUpdateStatus)
  status!: AllocationUpdateStatus;

  @Field(() => String, { nullable: true, description: 'Required for RELEASED, refused for CLEARED.' })
  rejectReason?: string;

  @Field(() => AmountInput, { description: 'Must match the allocation\'s amount.' })
  amount!: AmountInput;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => String)
  partnersClientId!: string;

  @Field(() => String)
  partnersConnectionId!: string;

  @Field(() => String, { description: 'The partner\'s own id for the allocation (or deallocation).' })
  partnersAllocationId!: string;

  @Field(() => String, { nullable: true })
  evaluationId?: string;

  @Field(() => String, { nullable: true })
  pendingApprovalId?: string;

  @Field(() => PolicyResult, { nullable: true })
  policyResult?: PolicyResult;
}
