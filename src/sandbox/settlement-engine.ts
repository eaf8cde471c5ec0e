import { randomUUID } from 'node:crypto';
import type { Books } from './books.js';
import type { Ledger } from './ledger.js';
import type { StoredDispute, StoredSettlement } from './settlement-books.js';
import type { SettlementRecord, TransferRecord } from './settlement-wire.types.js';

/**
 * How a settlement moves money, BigInt only. Each transfer is between a client's connection (its account: what is
 * allocated to the partner) and the partner's own account, in one currency: negative, the connection pays the partner;
 * positive, the partner pays the connection. v1 moves `available` at once. v2 first holds what each payer owes
 * (available → held, on the payer's side, as a reserved allocation does) and, once the dispute window has passed,
 * either delivers it (held → the payee's available) or, for a connection whose dispute still stands, gives it back.
 * A settlement the payers cannot cover, summed per account and currency, is refused before anything changes.
 */

export interface AmountLine {
  connectionId: string;
  currency: string;
  /** Signed, non-zero. */
  quantity: bigint;
}

interface Leg {
  from: string;
  to: string;
  currency: string;
  amount: bigint;
}

function leg(t: { connectionId: string; currency: string; quantity: bigint | string }, partnerId: string): Leg {
  const q = BigInt(t.quantity);
  return q < 0n ? { from: t.connectionId, to: partnerId, currency: t.currency, amount: -q } : { from: partnerId, to: t.connectionId, currency: t.currency, amount: q };
}

/** What each paying account owes in each currency, summed over the lines. */
export function liabilities(lines: readonly AmountLine[], partnerId: string): Map<string, { account: string; currency: string; amount: bigint }> {
  const out = new Map<string, { account: string; currency: string; amount: bigint }>();
  for (const line of lines) {
    const l = leg(line, partnerId);
    const key = `${l.from}\u0000${l.currency}`;
    const owed = out.get(key) ?? { account: l.from, currency: l.currency, amount: 0n };
    owed.amount += l.amount;
    out.set(key, owed);
  }
  return out;
}

/** The first liability the payer's available balance cannot cover, described; undefined when all are covered. */
export function shortfall(ledger: Ledger, lines: readonly AmountLine[], partnerId: string): string | undefined {
  for (const owed of liabilities(lines, partnerId).values()) {
    const available = ledger.get(owed.account, owed.currency).available;
    if (available < owed.amount) {
      const who = owed.account === partnerId ? 'the partner' : `connection ${owed.account}`;
      return `liabilities exceed the allocated balance: ${who} owes ${owed.amount} ${owed.currency} and has ${available} available`;
    }
  }
  return undefined;
}

export const moveNow = (ledger: Ledger, t: TransferRecord, partnerId: string): void => {
  const l = leg(t, partnerId);
  ledger.adjust(l.from, l.currency, -l.amount, 0n);
  ledger.adjust(l.to, l.currency, l.amount, 0n);
};

export const holdBack = (ledger: Ledger, t: TransferRecord, partnerId: string): void => {
  const l = leg(t, partnerId);
  ledger.adjust(l.from, l.currency, -l.amount, l.amount);
};

const deliverHeld = (ledger: Ledger, t: TransferRecord, partnerId: string): void => {
  const l = leg(t, partnerId);
  ledger.adjust(l.from, l.currency, 0n, -l.amount);
  ledger.adjust(l.to, l.currency, l.amount, 0n);
};

const returnHeld = (ledger: Ledger, t: TransferRecord, partnerId: string): void => {
  const l = leg(t, partnerId);
  ledger.adjust(l.from, l.currency, l.amount, -l.amount);
};

export interface NewSettlement {
  partnerId: string;
  externalId: string;
  notes?: string | undefined;
  lines: readonly AmountLine[];
  /** v2 only. */
  cutoffAt?: string | undefined;
  version: 'v1' | 'v2';
  initiatedBy: string;
  fingerprint?: string;
  payload?: string;
  signature?: string;
  /** For the seed: fixed ids and times instead of fresh ones. */
  id?: string;
  transferIds?: () => string;
  at?: number;
}

/** Creates, moves and stores the settlement, or answers why it is refused (then nothing has changed). */
export function createSettlement(books: Books, n: NewSettlement): { settlement: StoredSettlement } | { refused: string } {
  const store = books.settlements;
  const atMs = n.at ?? store.now();
  const at = new Date(atMs).toISOString();
  const id = n.id ?? randomUUID();
  const nextId = n.transferIds ?? randomUUID;
  // v2 settles the closed disputes of earlier settlements whose transfers were held back: their adjusted transfers join this one.
  const assigned = n.version === 'v2' ? unassignedClosedDisputes(books, n.partnerId) : [];
  const transfers: TransferRecord[] = [];
  for (const line of n.lines) transfers.push(transfer(nextId(), id, line, at));
  for (const d of assigned) {
    for (const [currency, quantity] of Object.entries(d.closure!.adjustedTransfers)) {
      transfers.push({ ...transfer(nextId(), id, { connectionId: d.wire.connectionId, currency, quantity: BigInt(quantity) }, at), disputeClosureId: d.closure!.id });
    }
  }
  const problem = shortfall(books.ledger, transfers.map((t) => ({ connectionId: t.connectionId, currency: t.currency, quantity: BigInt(t.quantity) })), n.partnerId);
  if (problem !== undefined) return { refused: problem };

  const wire: SettlementRecord = {
    id,
    partnerId: n.partnerId,
    externalId: n.externalId,
    status: n.version === 'v1' ? 'completed' : 'pending',
    settlementType: 'offchain',
    reconciled: true,
    initiatedBy: n.initiatedBy,
    ...(n.notes === undefined ? {} : { notes: n.notes }),
    createdAt: at,
    updatedAt: at,
    ...(n.version === 'v1' ? { finalizedAt: at } : {}),
    lossSLAAlertSent: false,
    gainSLAAlertSent: false,
    ...(n.cutoffAt === undefined ? {} : { cutoffAt: n.cutoffAt }),
  };
  const stored: StoredSettlement = {
    wire,
    transfers,
    version: n.version,
    ...(n.fingerprint === undefined ? {} : { fingerprint: n.fingerprint }),
    ...(n.payload === undefined ? {} : { payload: n.payload }),
    ...(n.signature === undefined ? {} : { signature: n.signature }),
  };
  for (const t of transfers) {
    if (n.version === 'v1') {
      moveNow(books.ledger, t, n.partnerId);
      t.status = 'completed';
    } else {
      holdBack(books.ledger, t, n.partnerId);
    }
  }
  if (n.version === 'v2') {
    const from = Math.max(atMs, n.cutoffAt === undefined ? atMs : Date.parse(n.cutoffAt));
    stored.finalizeAt = new Date(from + store.disputeWindowMs).toISOString();
  }
  store.insert(stored);
  for (const d of assigned) {
    d.wire.settledInSettlementId = id;
    d.wire.updatedAt = at;
    store.touchDispute(d);
  }
  return { settlement: stored };
}

function transfer(id: string, settlementId: string, line: AmountLine, at: string): TransferRecord {
  return { id, settlementId, connectionId: line.connectionId, currency: line.currency, quantity: line.quantity.toString(), status: 'pending', txIds: [], createdAt: at, updatedAt: at };
}

/** Closed disputes on the partner's settlements whose transfers were held back and are not settled anywhere yet. */
function unassignedClosedDisputes(books: Books, partnerId: string): StoredDispute[] {
  return books.settlements.disputes().filter((d) => d.partnerId === partnerId && d.closure !== undefined && d.wire.settledInSettlementId === undefined);
}

/** The dispute that holds a connection's transfers in a settlement back: raised, neither retracted nor closed. */
export function standingDispute(books: Books, settlementId: string, connectionId: string): StoredDispute | undefined {
  return books.settlements.disputes().find((d) => d.wire.disputedSettlementId === settlementId && d.wire.connectionId === connectionId && !d.wire.retracted && d.closure === undefined);
}

/** Whether a client may still dispute (or retract, un-retract) the settlement. */
export function windowOpen(books: Books, s: StoredSettlement): boolean {
  return s.version === 'v2' && s.wire.status === 'pending' && s.finalizeAt !== undefined && books.settlements.now() < Date.parse(s.finalizeAt);
}

/** Processes every v2 settlement whose window has passed; answers how many. Run before each request is handled. */
export function finalizeDue(books: Books): number {
  const now = books.settlements.now();
  let done = 0;
  for (const s of books.settlements.all()) {
    if (s.wire.status !== 'pending' || s.finalizeAt === undefined || Date.parse(s.finalizeAt) > now) continue;
    finalize(books, s, new Date(Math.max(now, Date.parse(s.finalizeAt))).toISOString());
    done++;
  }
  return done;
}

export function finalize(books: Books, s: StoredSettlement, at: string): void {
  for (const t of s.transfers) {
    if (t.status !== 'pending') continue;
    // Transfers settling an earlier dispute's closure are never held back by a dispute on this settlement.
    if (t.disputeClosureId === undefined && standingDispute(books, s.wire.id, t.connectionId) !== undefined) {
      returnHeld(books.ledger, t, s.wire.partnerId);
      t.status = 'disputed';
    } else {
      deliverHeld(books.ledger, t, s.wire.partnerId);
      t.status = 'completed';
    }
    t.updatedAt = at;
  }
  s.wire.status = 'completed';
  s.wire.finalizedAt = at;
  s.wire.updatedAt = at;
  books.settlements.touch(s);
}
