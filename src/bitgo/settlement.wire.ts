/**
 * Wire shapes of settling and disputes in docs/bitgo/network-openapi.yaml: the client's settlements, transfers and
 * disputes, the partner's signed settlements (v1, and v2 with `cutoffAt`) and its reads. Every quantity is a signed
 * base-unit decimal string (positive: the client receives; negative: the client pays), never a number.
 */

export type WireSettlementStatus = 'pending' | 'completed' | 'failed' | 'rejected';
export const SETTLEMENT_STATUSES: readonly WireSettlementStatus[] = ['pending', 'completed', 'failed', 'rejected'];

export type WireSettlementTransferStatus =
  | 'pending'
  | 'pending_onchain'
  | 'onchain_initiated'
  | 'onchain_failed'
  | 'completed'
  | 'failed'
  | 'rejected'
  | 'disputed'
  | 'pending_settlement_assignment';

export type WireSettlementType = 'onchain' | 'offchain';
export type WireTransferDirection = 'send' | 'receive' | 'send-and-receive';

/** V1SettlementOutput: one of the four status shapes, flattened (the status says which fields are there). */
export interface WireSettlement {
  id: string;
  partnerId: string;
  externalId: string;
  status: WireSettlementStatus;
  settlementType: WireSettlementType;
  reconciled: boolean;
  initiatedBy: string;
  notes?: string;
  /** failed and rejected only. */
  reason?: string;
  createdAt: string;
  updatedAt: string;
  /** completed and rejected only. */
  finalizedAt?: string;
  rtId?: string;
  lossSLAAlertSent: boolean;
  gainSLAAlertSent: boolean;
  /** v2 settlements: the partner's time of the last trade settled; the dispute window runs from it. */
  cutoffAt?: string;
  disputed?: boolean;
  /** The client list only: whether the client's accounts send, receive or both. */
  transferDirection?: WireTransferDirection;
}

/** An item of MaskedV1SettlementTransfersOutput (client) or of V1GetSettlementOkPayload.settlementTransfers (partner). */
export interface WireSettlementTransfer {
  id: string;
  settlementId: string;
  currency: string;
  /** NonZeroBigAmount: a signed base-unit integer string. */
  quantity: string;
  txIds: string[];
  status: WireSettlementTransferStatus;
  usdValue?: string | number | null;
  disputeClosureId?: string;
  sourceTradingAccountId?: string;
  sourceNetworkAccountId?: string;
  destinationTradingAccountId?: string;
  destinationNetworkAccountId?: string;
  createdAt: string;
  updatedAt: string;
  settlementStatus?: WireSettlementStatus;
  settlementNotes?: string;
  sourceClientName?: string;
  destinationClientName?: string;
  sourceConnectionName?: string;
  destinationConnectionName?: string;
}

/** DisputeClosureOutput (and DisputeClosure, as the close route answers it). */
export interface WireDisputeClosure {
  id: string;
  closedBy: 'client' | 'admin';
  userId: string;
  notes: string;
  status: 'pending_review' | 'approved' | 'rejected';
  adjustedTransfers: Record<string, string>;
  adjustedSettlementTransfers?: WireSettlementTransfer[];
  reviewedBy?: string;
  reviewNotes?: string;
  createdAt: unknown;
  updatedAt?: unknown;
}

/** V1DisputeOutput, with its closure when the list carries one. */
export interface WireDispute {
  id: string;
  createdAt: string;
  updatedAt: string;
  connectionId: string;
  disputedSettlementId: string;
  userId: string;
  /** currency → signed base-unit quantity the client expected. */
  expectedTransfers: Record<string, string>;
  retracted: boolean;
  settledInSettlementId?: string;
  reason?: string;
  retractedBy?: string;
  retractedAt?: string;
  disputeClosureId?: string;
  retractedReason?: string;
  disputeClosure?: WireDisputeClosure;
}

export interface WireSettlementsList {
  settlements: WireSettlement[];
}

/** V1ClientGetSettlementOkPayload / V1GetSettlementOkPayload. */
export interface WireSettlementGet {
  settlement: WireSettlement;
  settlementTransfers: WireSettlementTransfer[];
  settlingDisputes: WireDispute[];
  settlementDisputes: WireDispute[];
}

export interface WireSettlementTransfersList {
  settlementTransfers: WireSettlementTransfer[];
}

export interface WireDisputesList {
  disputes: WireDispute[];
}

export interface WireDisputeAnswer {
  dispute: WireDispute;
}

export interface WireDisputeClosureAnswer {
  disputeClosure: WireDisputeClosure;
}

/** V1PartnerSettlementOkPayload / V2PartnerSettlementOkPayload. */
export interface WireSettlementAnswer {
  settlement: WireSettlement & { settlingDisputes?: WireDispute[] };
}

/** UnmappedPartySettlementAmountsRecord: connection id → currency → signed base-unit quantity. */
export type WireSettlementAmounts = Record<string, Record<string, string>>;

/** Body of …/partners/settlements-signing: what BitGo builds the settlement payload from. */
export interface WireSettlementSigningRequest {
  externalId: string;
  notes?: string;
  settlementAmounts: WireSettlementAmounts;
  nonce: string;
  /** v2 only. */
  cutoffAt?: string;
}

/** Query of GET …/clients/settlements (and, with the partner's extras, …/partners/settlements). */
export interface WireSettlementListQuery {
  settlementIds?: readonly string[];
  partnerIds?: readonly string[];
  partyConnectionIds?: readonly string[];
  counterpartyConnectionIds?: readonly string[];
  statuses?: readonly WireSettlementStatus[];
  onlyShowDisputed?: boolean;
  /** Partner list only. */
  externalIds?: readonly string[];
  createdOnOrAfter?: string;
  createdBefore?: string;
  updatedOnOrAfter?: string;
  updatedBefore?: string;
  pageNumber?: number;
  pageSize?: number;
}

/** Query of GET …/clients/settlementTransfers. */
export interface WireSettlementTransferListQuery {
  currencies?: readonly string[];
  initiatedBy?: readonly string[];
  partnerIds?: readonly string[];
  settlementIds?: readonly string[];
  settlementStatuses?: readonly WireSettlementStatus[];
  settlementTransferStatuses?: readonly WireSettlementTransferStatus[];
  settlementUpdatedBefore?: string;
  settlementUpdatedOnOrAfter?: string;
  sortDirection?: 'ASC' | 'DESC';
  pageNumber?: number;
  pageSize?: number;
}

/** Query of GET …/clients/settlement/disputes and …/partners/settlement/disputes (partner extras marked). */
export interface WireDisputeListQuery {
  settlementIds?: readonly string[];
  settledInSettlementIds?: readonly string[];
  connectionIds?: readonly string[];
  partnerIds?: readonly string[];
  closed?: boolean;
  disputeIds?: readonly string[];
  /** Partner list only. */
  settlementExternalIds?: readonly string[];
  showRetracted?: boolean;
  clientIds?: readonly string[];
  pageNumber?: number;
  pageSize?: number;
}
