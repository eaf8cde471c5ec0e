import { IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IsBitGoUuid, IsEnterpriseId, IsPrintableText, ReasonFitsStatus } from '../../workflows/input.rules.js';
import { AllocationType, PolicyResult } from './allocation.enums.js';
import { AmountInput } from './amount.input.js';

export enum AllocationUpdateStatus {
  CLEARED = 'cleared',
  RELEASED = 'released',
}
registerEnumType(AllocationUpdateStatus, { name: 'AllocationUpdateStatus', description: 'The final state a partner gives a reserved allocation.' });

@InputType({ description: 'A partner\'s decision on a reserved allocation (partners with asynchronous allocations only).' })
export class UpdateAllocationInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The partner enterprise; defaults to the one the gateway receives BitGo\'s partner calls for, else the gateway\'s configured enterprise.',
  })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => AllocationType, {
    nullable: true,
    description: 'ALLOCATION or DEALLOCATION: deallocations to asynchronous partners are settled the same way. From the partner ledger when absent, else ALLOCATION.',
  })
  type?: AllocationType;

  @Field(() => ID, { description: 'The allocation\'s (or deallocation\'s) id.' })
  @IsBitGoUuid()
  allocationId!: string;

  @Field(() => AllocationUpdateStatus)
  status!: AllocationUpdateStatus;

  @Field(() => String, { nullable: true, description: 'Required for RELEASED, refused for CLEARED.' })
  @ReasonFitsStatus(AllocationUpdateStatus.RELEASED, 1000)
  rejectReason?: string;

  // The fields below are BitGo's request as the partner ledger holds it: taken from there when absent, and
  // required (a userError names each missing one) when the ledger holds no request for allocationId.

  @Field(() => AmountInput, { nullable: true, description: 'Must match the allocation\'s amount. From the partner ledger when absent.' })
  @IsOptional()
  @ValidateNested()
  amount?: AmountInput;

  @Field(() => ID, { nullable: true, description: 'From the partner ledger when absent.' })
  @IsOptional()
  @IsBitGoUuid()
  clientId?: string;

  @Field(() => ID, { nullable: true, description: 'From the partner ledger when absent.' })
  @IsOptional()
  @IsBitGoUuid()
  connectionId?: string;

  @Field(() => String, { nullable: true, description: 'From the partner ledger when absent.' })
  @IsOptional()
  @IsPrintableText(256, false)
  partnersClientId?: string;

  @Field(() => String, { nullable: true, description: 'From the partner ledger when absent.' })
  @IsOptional()
  @IsPrintableText(256, false)
  partnersConnectionId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'The partner\'s own id for the allocation (or deallocation). From the partner ledger when absent (BitGo\'s id when BitGo sent none).',
  })
  @IsOptional()
  @IsPrintableText(256, false)
  partnersAllocationId?: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(256)
  evaluationId?: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(256)
  pendingApprovalId?: string;

  @Field(() => PolicyResult, { nullable: true })
  policyResult?: PolicyResult;
}
