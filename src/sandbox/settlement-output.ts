import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Books } from './books.js';
import type { StoredDispute, StoredSettlement } from './settlement-books.js';
import type { SettlementRecord, TransferDirection, TransferRecord } from './settlement-wire.types.js';

/**
 * The settlement records as the wire shows them. A transfer's accounts are derived from its sign: the client's side
 * is the connection's network account under the client's trading account, the partner's side the partner's own.
 * The client's view is masked (the partner's accounts are left out, as MaskedV1SettlementTransfersOutput allows);
 * signatures are never shown.
 */

/** The partner's network account id: a fixed UUID derived from its id (the demo partners have one account each). */
export function partnerNetworkAccountId(partnerId: string): string {
  const h = bytesToHex(sha256(utf8ToBytes(`bitgo-sandbox/partner-network-account/${partnerId}`)));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function settlementOut(books: Books, s: StoredSettlement): SettlementRecord {
  const disputed = books.settlements.disputes().some((d) => d.wire.disputedSettlementId === s.wire.id && !d.wire.retracted);
  return { ...structuredClone(s.wire), ...(s.version === 'v2' ? { disputed } : {}) };
}

export function direction(transfers: readonly TransferRecord[]): TransferDirection {
  const sends = transfers.some((t) => t.quantity.startsWith('-'));
  const receives = transfers.some((t) => !t.quantity.startsWith('-'));
  return sends && receives ? 'send-and-receive' : sends ? 'send' : 'receive';
}

interface Sides {
  client: { tradingAccountId: string; networkAccountId: string };
  partner: { tradingAccountId: string; networkAccountId: string };
}

function sides(books: Books, t: TransferRecord, partnerId: string): Sides {
  const c = books.connection(t.connectionId);
  return {
    client: { tradingAccountId: c?.clientId ?? t.connectionId, networkAccountId: c?.networkAccountId ?? t.connectionId },
    partner: { tradingAccountId: partnerId, networkAccountId: partnerNetworkAccountId(partnerId) },
  };
}

/** The partner's view of a transfer (V1GetSettlementOkPayload's items): both accounts. */
export function transferOut(books: Books, t: TransferRecord, partnerId: string): Record<string, unknown> {
  const s = sides(books, t, partnerId);
  const [source, destination] = t.quantity.startsWith('-') ? [s.client, s.partner] : [s.partner, s.client];
  return {
    id: t.id,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    currency: t.currency,
    settlementId: t.settlementId,
    ...(t.disputeClosureId === undefined ? {} : { disputeClosureId: t.disputeClosureId }),
    quantity: t.quantity,
    txIds: [...t.txIds],
    status: t.status,
    sourceTradingAccountId: source.tradingAccountId,
    sourceNetworkAccountId: source.networkAccountId,
    destinationTradingAccountId: destination.tradingAccountId,
    destinationNetworkAccountId: destination.networkAccountId,
  };
}

/** The client's view (MaskedV1SettlementTransfersOutput's items): its own side only, with names and the settlement's status. */
export function maskedTransferOut(books: Books, t: TransferRecord, s: StoredSettlement): Record<string, unknown> {
  const c = books.connection(t.connectionId);
  const client = books.enterprise(c?.clientId ?? '');
  const own = sides(books, t, s.wire.partnerId).client;
  const pays = t.quantity.startsWith('-');
  const names = {
    ...(client ? { [pays ? 'sourceClientName' : 'destinationClientName']: client.name } : {}),
    ...(c ? { [pays ? 'sourceConnectionName' : 'destinationConnectionName']: c.name } : {}),
  };
  return {
    ...(pays
      ? { sourceTradingAccountId: own.tradingAccountId, sourceNetworkAccountId: own.networkAccountId }
      : { destinationTradingAccountId: own.tradingAccountId, destinationNetworkAccountId: own.networkAccountId }),
    currency: t.currency,
    quantity: t.quantity,
    txIds: [...t.txIds],
    status: t.status,
    usdValue: null,
    settlementId: t.settlementId,
    ...(t.disputeClosureId === undefined ? {} : { disputeClosureId: t.disputeClosureId }),
    id: t.id,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    settlementStatus: s.wire.status,
    ...(s.wire.notes === undefined ? {} : { settlementNotes: s.wire.notes }),
    ...names,
  };
}

/** DisputeClosureOutput: the closure with the transfers that settle it (in whichever settlement they landed). */
export function closureOut(books: Books, d: StoredDispute): Record<string, unknown> | undefined {
  const c = d.closure;
  if (c === undefined) return undefined;
  const settling = d.wire.settledInSettlementId === undefined ? undefined : books.settlements.get(d.wire.settledInSettlementId);
  const adjusted = (settling?.transfers ?? []).filter((t) => t.disputeClosureId === c.id).map((t) => transferOut(books, t, d.partnerId));
  return {
    id: c.id,
    closedBy: c.closedBy,
    userId: c.userId,
    notes: c.notes,
    adjustedSettlementTransfers: adjusted,
    createdAt: c.createdAt,
    status: c.status,
    adjustedTransfers: { ...c.adjustedTransfers },
  };
}

/** V1DisputeOutput, with its closure when it has one (V1DisputesWithClosureOutput's items). */
export function disputeOut(books: Books, d: StoredDispute): Record<string, unknown> {
  const closure = closureOut(books, d);
  return { ...structuredClone(d.wire), ...(closure === undefined ? {} : { disputeClosure: closure }) };
}

/** DisputeClosure, as POST …/close answers it (without the signed payload and signature). */
export function closureWire(d: StoredDispute): Record<string, unknown> {
  const c = d.closure!;
  return { id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, closedBy: c.closedBy, userId: c.userId, notes: c.notes, status: c.status, adjustedTransfers: { ...c.adjustedTransfers } };
}
