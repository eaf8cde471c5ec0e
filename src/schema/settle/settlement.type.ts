import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { DisputeClosedBy, DisputeClosureStatus, SettlementStatus, SettlementTransferStatus, SettlementType, TransferDirection } from './settle.enums.js';

/** Resolves from BitGo's transfer item; `amount` has a resolver (settlement.resolver.ts). */
@ObjectType({ description: 'One movement of one currency in a settlement, between the client\'s and the partner\'s Go accounts.' })
export class SettlementTransfer {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  settlementId!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => String, { description: 'BitGo\'s signed base-unit quantity (negative: the client pays); `amount` says the same with its direction.' })
  quantity!: string;

  @Field(() => SettlementTransferStatus)
  status!: SettlementTransferStatus;

  @Field(() => [String], { description: 'On-chain transaction ids (on-chain settlements only).' })
  txIds!: string[];

  @Field(() => ID, { nullable: true })
  sourceNetworkAccountId?: string;

  @Field(() => ID, { nullable: true })
  destinationNetworkAccountId?: string;

  @Field(() => String, { nullable: true })
  sourceTradingAccountId?: string;

  @Field(() => String, { nullable: true })
  destinationTradingAccountId?: string;

  @Field(() => String, { nullable: true })
  sourceConnectionName?: string;

  @Field(() => String, { nullable: true })
  destinationConnectionName?: string;

  @Field(() => ID, { nullable: true, description: 'The closure of the dispute this transfer adjusts, if any.' })
  disputeClosureId?: string;

  @Field(() => SettlementStatus, { nullable: true, description: 'The status of its settlement (the client\'s transfer list says it).' })
  settlementStatus?: SettlementStatus;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType({ description: 'What closed a dispute, and the transfers it adjusted.' })
export class DisputeClosure {
  @Field(() => ID)
  id!: string;

  @Field(() => DisputeClosedBy)
  closedBy!: DisputeClosedBy;

  @Field(() => String)
  notes!: string;

  @Field(() => DisputeClosureStatus)
  status!: DisputeClosureStatus;

  @Field(() => String, { nullable: true })
  reviewNotes?: string;
}

/** Resolves from BitGo's dispute; `expectedTransfers` has a resolver. */
@ObjectType({ description: 'A client\'s dispute of a settlement: what it expected instead. While open (not retracted) inside the window, it holds the settlement.' })
export class SettlementDispute {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The settlement disputed.' })
  disputedSettlementId!: string;

  @Field(() => ID, { nullable: true, description: 'The settlement that carried the dispute\'s adjustment, once one did.' })
  settledInSettlementId?: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => Boolean, { description: 'Retracted: the settlement goes ahead as it is.' })
  retracted!: boolean;

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => String, { nullable: true })
  retractedReason?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  retractedAt?: string;

  @Field(() => DisputeClosure, { nullable: true, description: 'Set once the dispute is closed.' })
  disputeClosure?: DisputeClosure;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

/** Resolves from BitGo's settlement; `transfers`, `amounts`, `connection` and `disputes` have resolvers. */
@ObjectType({ description: 'A partner\'s settlement: BitGo moved assets between the Go accounts behind its connections, off chain (or on chain).' })
export class Settlement {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  partnerId!: string;

  @Field(() => String, { description: 'The partner\'s own id for it (its idempotency key).' })
  externalId!: string;

  @Field(() => SettlementStatus)
  status!: SettlementStatus;

  @Field(() => SettlementType)
  settlementType!: SettlementType;

  @Field(() => Boolean, { description: 'The partner reconciled it.' })
  reconciled!: boolean;

  @Field(() => String, { nullable: true })
  notes?: string;

  @Field(() => String, { nullable: true, description: 'Why it failed or was rejected.' })
  reason?: string;

  @Field(() => Boolean, { nullable: true, description: 'A client disputed it.' })
  disputed?: boolean;

  @Field(() => TransferDirection, { nullable: true, description: 'The client\'s lists: whether the client\'s accounts send, receive or both.' })
  transferDirection?: TransferDirection;

  @Field(() => DateTimeScalar, { nullable: true, description: 'v2: the time of the last trade settled; the dispute window runs from it.' })
  cutoffAt?: string;

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  updatedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finalizedAt?: string;
}
