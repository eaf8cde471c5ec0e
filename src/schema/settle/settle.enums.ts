import { registerEnumType } from 'type-graphql';

// Enum values are BitGo's own, so records resolve without mapping.

export enum SettlementStatus {
  PENDING = 'pending',
  COMPLETED = 'completed',
  FAILED = 'failed',
  REJECTED = 'rejected',
}

export enum SettlementTransferStatus {
  PENDING = 'pending',
  PENDING_ONCHAIN = 'pending_onchain',
  ONCHAIN_INITIATED = 'onchain_initiated',
  ONCHAIN_FAILED = 'onchain_failed',
  COMPLETED = 'completed',
  FAILED = 'failed',
  REJECTED = 'rejected',
  DISPUTED = 'disputed',
  PENDING_SETTLEMENT_ASSIGNMENT = 'pending_settlement_assignment',
}

export enum SettlementType {
  ONCHAIN = 'onchain',
  OFFCHAIN = 'offchain',
}

export enum TransferDirection {
  SEND = 'send',
  RECEIVE = 'receive',
  SEND_AND_RECEIVE = 'send-and-receive',
}

export enum AmountDirection {
  PAY = 'PAY',
  RECEIVE = 'RECEIVE',
}

export enum SettlementVersion {
  V1 = 'v1',
  V2 = 'v2',
}

export enum DisputeClosedBy {
  CLIENT = 'client',
  ADMIN = 'admin',
}

export enum DisputeClosureStatus {
  PENDING_REVIEW = 'pending_review',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}

registerEnumType(SettlementStatus, { name: 'SettlementStatus', description: 'PENDING until processed (v2: until its cutoff and dispute window pass); then COMPLETED, FAILED or REJECTED.' });
registerEnumType(SettlementTransferStatus, { name: 'SettlementTransferStatus', description: 'Where one transfer of a settlement stands.' });
registerEnumType(SettlementType, { name: 'SettlementType', description: 'OFFCHAIN: BitGo moved the assets between Go accounts; ONCHAIN: they moved on chain.' });
registerEnumType(TransferDirection, { name: 'TransferDirection', description: 'Whether the client\'s accounts send, receive, or both, in a settlement.' });
registerEnumType(AmountDirection, { name: 'AmountDirection', description: 'RECEIVE: the client receives the quantity; PAY: the client pays it.' });
registerEnumType(SettlementVersion, { name: 'SettlementVersion', description: 'V1: settled at once, no disputes. V2: with cutoffAt, processed after the dispute window.' });
registerEnumType(DisputeClosedBy, { name: 'DisputeClosedBy', description: 'Who closed a dispute: the client, or a BitGo admin.' });
registerEnumType(DisputeClosureStatus, { name: 'DisputeClosureStatus', description: 'Where BitGo\'s review of a dispute\'s closure stands.' });
