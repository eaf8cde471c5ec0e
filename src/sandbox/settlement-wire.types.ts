/**
 * The settlement records as network-openapi.yaml shapes them (V1*SettlementOutput, settlement transfers,
 * V1DisputeOutput, DisputeClosureOutput). Quantities are signed base-unit decimal strings from the client's side:
 * negative, the client pays; positive, the client receives. Never numbers.
 */

export type SettlementStatus = 'pending' | 'completed' | 'failed' | 'rejected';
export type SettlementTransferStatus =
  | 'pending'
  | 'pending_onchain'
  | 'onchain_initiated'
  | 'onchain_failed'
  | 'completed'
  | 'failed'
  | 'rejected'
  | 'disputed'
  | 'pending_settlement_assignment';
export type TransferDirection = 'send' | 'receive' | 'send-and-receive';

/** Connection id → currency → signed quantity (UnmappedPartySettlementAmountsRecord). */
export type SettlementAmounts = Record<string, Record<string, string>>;

/** One of the four V1*SettlementOutput shapes, told apart by `status`. */
export interface SettlementRecord {
  id: string;
  partnerId: string;
  externalId: string;
  /** Failed and rejected only. */
  reason?: string;
  status: SettlementStatus;
  settlementType: 'offchain' | 'onchain';
  reconciled: boolean;
  initiatedBy: string;
  notes?: string;
  createdAt: string;
  updatedAt: string;
  /** Completed and rejected only. */
  finalizedAt?: string;
  lossSLAAlertSent: boolean;
  gainSLAAlertSent: boolean;
  cutoffAt?: string;
  disputed?: boolean;
}

/** A transfer as the books keep it: the client's connection and the signed quantity; the wire's accounts are derived. */
export interface TransferRecord {
  id: string;
  settlementId: string;
  connectionId: string;
  currency: string;
  /** Signed, non-zero: negative, the client's connection pays the partner. */
  quantity: string;
  status: SettlementTransferStatus;
  txIds: string[];
  disputeClosureId?: string;
  createdAt: string;
  updatedAt: string;
}

/** Currency → signed non-zero quantity the client expected (ExpectedTransfers). */
export type ExpectedTransfers = Record<string, string>;

export interface DisputeRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  connectionId: string;
  disputedSettlementId: string;
  userId: string;
  expectedTransfers: ExpectedTransfers;
  retracted: boolean;
  settledInSettlementId?: string;
  reason?: string;
  retractedBy?: string;
  retractedAt?: string;
  disputeClosureId?: string;
  retractedReason?: string;
}

export interface DisputeClosureRecord {
  id: string;
  closedBy: 'client' | 'admin';
  userId: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  status: 'pending_review' | 'approved' | 'rejected';
  /** What the dispute is settled with, currency → signed quantity (ExpectedTransfers). */
  adjustedTransfers: ExpectedTransfers;
  payload?: string;
  signature?: string;
}
