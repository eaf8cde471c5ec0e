import type { Stack } from './stack.js';

export const SETTLEMENT_FIELDS = 'id partnerId externalId status settlementType cutoffAt createdAt';

export const SETTLE = `
  mutation Settle($input: SettleInput!) {
    settle(input: $input) {
      externalId
      version
      settlement { ${SETTLEMENT_FIELDS} }
      dryRun { payload version netFlow { currency quantity direction signedQuantity } }
      userErrors { field message code }
    }
  }`;

export const DISPUTE_FIELDS = 'id disputedSettlementId connectionId retracted reason retractedReason expectedTransfers { currency quantity direction signedQuantity } disputeClosure { id status notes }';

export const DISPUTE_SETTLEMENT = `
  mutation DisputeSettlement($input: DisputeSettlementInput!) {
    disputeSettlement(input: $input) {
      clientRequestId
      dispute { ${DISPUTE_FIELDS} }
      dryRun { payload windowClosesAt settlement { id status } }
      userErrors { field message code }
    }
  }`;

export const UPDATE_SETTLEMENT_DISPUTE = `
  mutation UpdateSettlementDispute($input: UpdateSettlementDisputeInput!) {
    updateSettlementDispute(input: $input) {
      clientRequestId
      dispute { ${DISPUTE_FIELDS} }
      userErrors { field message code }
    }
  }`;

export const CLOSE_SETTLEMENT_DISPUTE = `
  mutation CloseSettlementDispute($input: CloseSettlementDisputeInput!) {
    closeSettlementDispute(input: $input) {
      clientRequestId
      disputeClosure { id status notes closedBy }
      userErrors { field message code }
    }
  }`;

export interface UserErrorAnswer {
  field: string[] | null;
  message: string;
  code: string;
}

export interface SettleAnswer {
  externalId: string;
  version: string | null;
  settlement: { id: string; partnerId: string; externalId: string; status: string; cutoffAt: string | null } | null;
  dryRun: { payload: string; version: string; netFlow: Array<{ currency: string; quantity: string; direction: string; signedQuantity: string }> } | null;
  userErrors: UserErrorAnswer[];
}

export interface DisputeAnswer {
  clientRequestId: string;
  dispute: { id: string; disputedSettlementId: string; connectionId: string; retracted: boolean; disputeClosure: { id: string; status: string } | null; expectedTransfers: Array<{ currency: string; signedQuantity: string; direction: string }> } | null;
  dryRun?: { payload: string; windowClosesAt: string | null; settlement: { id: string; status: string } } | null;
  userErrors: UserErrorAnswer[];
}

/** Connection → currency → signed quantity, as settle's input takes it. */
export function settlementAmounts(amounts: Record<string, Record<string, string>>): Array<{ connectionId: string; amounts: Array<{ currency: string; quantity: string }> }> {
  return Object.entries(amounts).map(([connectionId, byCurrency]) => ({ connectionId, amounts: Object.entries(byCurrency).map(([currency, quantity]) => ({ currency, quantity })) }));
}

export async function settle(stack: Pick<Stack, 'gql'>, input: Record<string, unknown>): Promise<{ payload: SettleAnswer | undefined; errors: unknown }> {
  const res = await stack.gql<{ settle: SettleAnswer }>(SETTLE, { input });
  return { payload: res.data?.settle, errors: res.errors };
}

export async function disputeSettlement(stack: Pick<Stack, 'gql'>, input: Record<string, unknown>): Promise<{ payload: DisputeAnswer | undefined; errors: unknown }> {
  const res = await stack.gql<{ disputeSettlement: DisputeAnswer }>(DISPUTE_SETTLEMENT, { input });
  return { payload: res.data?.disputeSettlement, errors: res.errors };
}

export async function updateSettlementDispute(stack: Pick<Stack, 'gql'>, input: Record<string, unknown>): Promise<{ payload: DisputeAnswer | undefined; errors: unknown }> {
  const res = await stack.gql<{ updateSettlementDispute: DisputeAnswer }>(UPDATE_SETTLEMENT_DISPUTE, { input });
  return { payload: res.data?.updateSettlementDispute, errors: res.errors };
}

export async function closeSettlementDispute(stack: Pick<Stack, 'gql'>, input: Record<string, unknown>): Promise<{ payload: { clientRequestId: string; disputeClosure: { id: string; status: string } | null; userErrors: UserErrorAnswer[] } | undefined; errors: unknown }> {
  const res = await stack.gql<{ closeSettlementDispute: { clientRequestId: string; disputeClosure: { id: string; status: string } | null; userErrors: UserErrorAnswer[] } }>(CLOSE_SETTLEMENT_DISPUTE, { input });
  return { payload: res.data?.closeSettlementDispute, errors: res.errors };
}
