import { IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { EnterpriseIdArg, RelayPageArgs } from '../page.fields.js';
import { PartnerSettlementDisputeFilter, PartnerSettlementFilter, SettlementDisputeFilter, SettlementFilter, SettlementTransferFilter } from './settlement-filter.input.js';

@ArgsType()
export class SettlementsArgs extends RelayPageArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => SettlementFilter, { nullable: true })
  @ValidateNested()
  filter?: SettlementFilter;
}

@ArgsType()
export class PartnerSettlementsArgs extends RelayPageArgs {
  @EnterpriseIdArg('Defaults to the gateway\'s partner enterprise, else its configured one.')
  enterpriseId?: string;

  @Field(() => PartnerSettlementFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerSettlementFilter;
}

@ArgsType()
export class SettlementTransfersArgs extends RelayPageArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => SettlementTransferFilter, { nullable: true })
  @ValidateNested()
  filter?: SettlementTransferFilter;
}

@ArgsType()
export class SettlementDisputesArgs extends RelayPageArgs {
  @EnterpriseIdArg()
  enterpriseId?: string;

  @Field(() => SettlementDisputeFilter, { nullable: true })
  @ValidateNested()
  filter?: SettlementDisputeFilter;
}

@ArgsType()
export class PartnerSettlementDisputesArgs extends RelayPageArgs {
  @EnterpriseIdArg('Defaults to the gateway\'s partner enterprise, else its configured one.')
  enterpriseId?: string;

  @Field(() => PartnerSettlementDisputeFilter, { nullable: true })
  @ValidateNested()
  filter?: PartnerSettlementDisputeFilter;
}

@ArgsType()
export class SettlementByIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;

  @EnterpriseIdArg()
  enterpriseId?: string;
}

/** Most settlements NetworkConnection.settlements answers. */
export const MAX_LATEST = 25;

@ArgsType()
export class LatestSettlementsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: `How many, newest first: at most ${MAX_LATEST}.` })
  @Min(1)
  @Max(MAX_LATEST)
  latest!: number;
}
