import { registerEnumType } from 'type-graphql';

// Enum values are the journal's own values, so rows resolve without mapping.

export enum SignedRequestKind {
  ALLOCATE = 'allocate',
  DEALLOCATE = 'deallocate',
  UPDATE_ALLOCATION = 'update_allocation',
  CONNECT = 'connect',
  SETTLE = 'settle',
  DISPUTE_SETTLEMENT = 'dispute_settlement',
  UPDATE_SETTLEMENT_DISPUTE = 'update_settlement_dispute',
  CLOSE_SETTLEMENT_DISPUTE = 'close_settlement_dispute',
}

export enum SignedRequestState {
  PENDING = 'pending',
  SETTLED = 'settled',
  UNKNOWN = 'unknown',
  ABANDONED = 'abandoned',
}

export enum SignedRequestEventType {
  COMMITTED = 'committed',
  ATTEMPT = 'attempt',
  ANSWER = 'answer',
  ABANDONED = 'abandoned',
}

registerEnumType(SignedRequestKind, {
  name: 'SignedRequestKind',
  description: 'Which mutation signed the request: allocate, deallocate, a partner\'s updateAllocation, connect, a partner\'s settle, or a client\'s disputeSettlement, updateSettlementDispute or closeSettlementDispute.',
});
registerEnumType(SignedRequestState, {
  name: 'SignedRequestState',
  description:
    'PENDING: committed, no definite answer yet (or BitGo asked for the identical request again). UNKNOWN: sent, and what BitGo did is not known yet; ' +
    'the gateway keeps re-sending the same bytes. SETTLED: BitGo answered definitely. ABANDONED: no definite answer within the maximum age.',
});
registerEnumType(SignedRequestEventType, {
  name: 'SignedRequestEventType',
  description: 'COMMITTED before the first send; ATTEMPT before each send; ANSWER with what BitGo said (or why nothing came); ABANDONED when the gateway gave up.',
});
