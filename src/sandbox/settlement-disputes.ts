import { randomUUID } from 'node:crypto';
import type { Books } from './books.js';
import type { StoredDispute, StoredSettlement } from './settlement-books.js';
import type { ExpectedTransfers } from './settlement-wire.types.js';

/**
 * Disputes, as the contract describes them. A client disputes a v2 settlement inside its window, per connection; the
 * dispute holds that connection's transfers back when the window ends (they become `disputed`, the held money goes
 * back to the payer). Retracting lets them run; un-retracting holds them again; both only inside the window. Closing
 * (the client agreeing the dispute was not valid) settles it with the original transfers: with the settlement itself
 * while it is still pending, else with the partner's next v2 settlement, which takes the adjusted transfers in.
 */

export interface Signed {
  nonce: string;
  payload: string;
}

export function raiseDispute(
  books: Books,
  s: StoredSettlement,
  d: { connectionId: string; clientId: string; userId: string; expectedTransfers: ExpectedTransfers; reason?: string | undefined; signed?: Signed; id?: string; at?: string },
): StoredDispute {
  const at = d.at ?? books.settlements.nowIso();
  const dispute: StoredDispute = {
    wire: {
      id: d.id ?? randomUUID(),
      createdAt: at,
      updatedAt: at,
      connectionId: d.connectionId,
      disputedSettlementId: s.wire.id,
      userId: d.userId,
      expectedTransfers: { ...d.expectedTransfers },
      retracted: false,
      ...(d.reason === undefined ? {} : { reason: d.reason }),
    },
    clientId: d.clientId,
    partnerId: s.wire.partnerId,
    signed: d.signed ? [d.signed] : [],
  };
  books.settlements.insertDispute(dispute);
  s.wire.updatedAt = at;
  books.settlements.touch(s);
  return dispute;
}

export function setRetracted(
  books: Books,
  d: StoredDispute,
  change: { retracted: boolean; userId: string; reason?: string | undefined; expectedTransfers?: ExpectedTransfers | undefined; signed?: Signed; at?: string },
): void {
  const at = change.at ?? books.settlements.nowIso();
  const w = d.wire;
  if (change.retracted) {
    w.retracted = true;
    w.retractedBy = change.userId;
    w.retractedAt = at;
    if (change.reason === undefined) delete w.retractedReason;
    else w.retractedReason = change.reason;
  } else {
    w.retracted = false;
    delete w.retractedBy;
    delete w.retractedAt;
    delete w.retractedReason;
    if (change.reason !== undefined) w.reason = change.reason;
  }
  if (change.expectedTransfers !== undefined) w.expectedTransfers = { ...change.expectedTransfers };
  w.updatedAt = at;
  if (change.signed) d.signed.push(change.signed);
  books.settlements.touchDispute(d);
}

export function closeDispute(books: Books, d: StoredDispute, c: { userId: string; notes: string; signed?: Signed; id?: string; at?: string }): void {
  const at = c.at ?? books.settlements.nowIso();
  const disputed = books.settlements.get(d.wire.disputedSettlementId)!;
  const original: ExpectedTransfers = {};
  const own = disputed.transfers.filter((t) => t.connectionId === d.wire.connectionId && t.disputeClosureId === undefined);
  for (const t of own) original[t.currency] = (BigInt(original[t.currency] ?? '0') + BigInt(t.quantity)).toString();
  d.closure = { id: c.id ?? randomUUID(), closedBy: 'client', userId: c.userId, notes: c.notes, createdAt: at, updatedAt: at, status: 'approved', adjustedTransfers: original };
  d.wire.disputeClosureId = d.closure.id;
  d.wire.updatedAt = at;
  // Transfers that ran (or will run) with the disputed settlement need nothing more; held-back ones wait for the next.
  if (!own.some((t) => t.status === 'disputed')) d.wire.settledInSettlementId = disputed.wire.id;
  if (c.signed) d.signed.push(c.signed);
  books.settlements.touchDispute(d);
}
