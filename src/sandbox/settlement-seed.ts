import type { Books } from './books.js';
import { SEEDED_CURRENCIES } from './currencies.js';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, DEMO_PARTNER_USER_ID, DEMO_USER_ID, HELIOS_PARTNER_ID, ORBIT_PARTNER_ID, OTHER_CONNECTION_IDS, QUANTA_PARTNER_ID } from './demo.js';
import type { Prng } from './prng.js';
import type { StoredSettlement } from './settlement-books.js';
import { createSettlement, finalize, type AmountLine } from './settlement-engine.js';
import { closeDispute, raiseDispute, setRetracted } from './settlement-disputes.js';

/** How many settlements the seed makes, and the ids tests and docs can name. */
export const SEEDED_SETTLEMENTS = 50;
export const seededSettlementId = (n: number): string => `5a1e0000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
export const seededDisputeId = (n: number): string => `d15e0000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const closureId = (n: number): string => `c105e000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const transferId = (n: number): string => `7a1e0000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** The seeded disputes: 1 open on the first pending settlement, 2 closed and settled in a later one, 3 retracted. */
export const SEEDED_DISPUTES = { open: seededDisputeId(1), closedAndSettled: seededDisputeId(2), retracted: seededDisputeId(3) } as const;

const START = Date.UTC(2026, 6, 1);
const END = Date.UTC(2026, 10, 30);
/** Cutoffs of the seeded pending settlements: far ahead, so that they stay pending (and disputable) until a test moves the clock. */
const PENDING_CUTOFF = Date.UTC(2030, 0, 1);
const PENDING = 3;
const C = DEMO_CONNECTION_IDS;
const O = OTHER_CONNECTION_IDS;

const GROUPS = [
  { partnerId: DEMO_PARTNER_ENTERPRISE_ID, connections: [C.nimbusMain, C.nimbusSecondary, O.beaconNimbus], weight: 0.45 },
  { partnerId: HELIOS_PARTNER_ID, connections: [C.helios], weight: 0.2 },
  { partnerId: QUANTA_PARTNER_ID, connections: [C.quanta, O.beaconQuanta], weight: 0.2 },
  { partnerId: ORBIT_PARTNER_ID, connections: [C.orbit], weight: 0.15 },
] as const;

/**
 * Settlements over the second half of 2026, after the allocation history, through the engine itself so that the
 * balances they moved are the ledger's: Nimbus settles v2 (disputes enabled), the others v1; every settlement and
 * transfer status occurs, with three disputes. Deterministic for a seed; ids are fixed.
 */
export function seedSettlements(books: Books, prng: Prng): void {
  const times = Array.from({ length: SEEDED_SETTLEMENTS }, () => prng.int(START, END)).sort((a, b) => a - b);
  const groups = times.map(() => pickGroup(prng.next()));
  // The last Nimbus settlements stay pending; the first always includes the demo client's main connection.
  const nimbus = groups.flatMap((g, i) => (g.partnerId === DEMO_PARTNER_ENTERPRISE_ID ? [i] : []));
  const pending = new Set(nimbus.slice(-PENDING));
  const disputedAt = nimbus[Math.floor(nimbus.length / 3)]!;
  let transfers = 0;
  const nextTransfer = () => transferId(++transfers);
  const pendingSettlements: StoredSettlement[] = [];
  times.forEach((at, i) => {
    const g = groups[i]!;
    const id = seededSettlementId(i + 1);
    const must = pending.has(i) || i === disputedAt ? [C.nimbusMain] : [];
    const lines = amountLines(books, prng, g.partnerId, [...new Set([...must, ...g.connections.filter(() => prng.chance(0.6))])].slice(0, 3), must.length ? must : [g.connections[0]!]);
    const v2 = g.partnerId === DEMO_PARTNER_ENTERPRISE_ID;
    const base = { partnerId: g.partnerId, externalId: `${g.partnerId.slice(0, 4)}-day-${new Date(at).toISOString().slice(0, 10)}-${i + 1}`, lines, initiatedBy: DEMO_PARTNER_USER_ID, id, transferIds: nextTransfer, at };
    const notes = prng.chance(0.4) ? { notes: `daily settlement ${new Date(at).toISOString().slice(0, 10)}` } : {};
    const r = prng.next();
    if (!v2 && r < 0.2) {
      // Refused after the fact: the settlement is recorded, its transfers never ran.
      const failed = r < 0.12;
      books.settlements.insert({
        wire: {
          id, partnerId: g.partnerId, externalId: base.externalId, reason: failed ? 'insufficient balance when processed' : 'rejected by BitGo operations: amounts do not reconcile',
          status: failed ? 'failed' : 'rejected', settlementType: 'offchain', reconciled: true, initiatedBy: base.initiatedBy, ...notes,
          createdAt: new Date(at).toISOString(), updatedAt: new Date(at + 60_000).toISOString(), ...(failed ? {} : { finalizedAt: new Date(at + 60_000).toISOString() }),
          lossSLAAlertSent: false, gainSLAAlertSent: false,
        },
        transfers: lines.map((l) => ({ id: nextTransfer(), settlementId: id, connectionId: l.connectionId, currency: l.currency, quantity: l.quantity.toString(), status: failed ? 'failed' : 'rejected', txIds: [], createdAt: new Date(at).toISOString(), updatedAt: new Date(at + 60_000).toISOString() })),
        version: 'v1',
      });
      return;
    }
    const cutoff = pending.has(i) ? PENDING_CUTOFF + i * 60_000 : at - prng.int(60_000, 3_600_000);
    const made = createSettlement(books, { ...base, ...notes, version: v2 ? 'v2' : 'v1', ...(v2 ? { cutoffAt: new Date(cutoff).toISOString() } : {}) });
    if ('refused' in made) throw new Error(`seed: settlement ${id} refused: ${made.refused}`);
    const s = made.settlement;
    if (!v2 || pending.has(i)) {
      if (pending.has(i)) pendingSettlements.push(s);
      return;
    }
    if (i === disputedAt) {
      const d = raiseDispute(books, s, { connectionId: C.nimbusMain, clientId: DEMO_CLIENT_ENTERPRISE_ID, userId: DEMO_USER_ID, expectedTransfers: expectedOf(s, C.nimbusMain), reason: 'amounts do not match our trade blotter', id: SEEDED_DISPUTES.closedAndSettled, at: new Date(at + 600_000).toISOString() });
      finalize(books, s, s.finalizeAt!);
      closeDispute(books, d, { userId: DEMO_USER_ID, notes: 'reconciled with the partner: the original transfers were right', id: closureId(2), at: new Date(Date.parse(s.finalizeAt!) + 600_000).toISOString() });
    } else {
      finalize(books, s, s.finalizeAt!);
    }
  });
  const [first, second] = pendingSettlements;
  if (first) raiseDispute(books, first, { connectionId: C.nimbusMain, clientId: DEMO_CLIENT_ENTERPRISE_ID, userId: DEMO_USER_ID, expectedTransfers: expectedOf(first, C.nimbusMain), reason: 'a trade is missing', id: SEEDED_DISPUTES.open, at: new Date(Date.parse(first.wire.createdAt) + 300_000).toISOString() });
  if (second) {
    const d = raiseDispute(books, second, { connectionId: C.nimbusMain, clientId: DEMO_CLIENT_ENTERPRISE_ID, userId: DEMO_USER_ID, expectedTransfers: expectedOf(second, C.nimbusMain), id: SEEDED_DISPUTES.retracted, at: new Date(Date.parse(second.wire.createdAt) + 300_000).toISOString() });
    setRetracted(books, d, { retracted: true, userId: DEMO_USER_ID, reason: 'found the trade', at: new Date(Date.parse(second.wire.createdAt) + 900_000).toISOString() });
  }
}

function pickGroup(r: number): (typeof GROUPS)[number] {
  let acc = 0;
  for (const g of GROUPS) if (r < (acc += g.weight)) return g;
  return GROUPS[GROUPS.length - 1]!;
}

/** What the client expected instead: the original amounts, the first one off by a tenth. */
function expectedOf(s: StoredSettlement, connectionId: string): Record<string, string> {
  const out: Record<string, string> = {};
  s.transfers.filter((t) => t.connectionId === connectionId).forEach((t, i) => {
    const q = BigInt(t.quantity);
    out[t.currency] = (i === 0 && q / 10n !== 0n ? q + q / 10n : q).toString();
  });
  return out;
}

/** One or two currencies per connection; a connection pays only what is allocated to it (so nothing goes negative). */
function amountLines(books: Books, prng: Prng, partnerId: string, connections: readonly string[], fallback: readonly string[]): AmountLine[] {
  const partner = books.partner(partnerId);
  const currencies = Object.keys(SEEDED_CURRENCIES).filter((c) => partner?.currencies.includes(c) ?? true);
  const lines: AmountLine[] = [];
  for (const connectionId of connections.length ? connections : fallback) {
    const picked = new Set([prng.pick(currencies), ...(prng.chance(0.3) ? [prng.pick(currencies)] : [])]);
    for (const currency of picked) {
      const unit = 10n ** BigInt(SEEDED_CURRENCIES[currency]!);
      const size = 1n + prng.bigBelow(20n * unit);
      const allocated = books.connectionBalance(connectionId, currency).available;
      const pays = prng.chance(0.55) && allocated > 1n;
      lines.push({ connectionId, currency, quantity: pays ? -(1n + prng.bigBelow(size < allocated ? size : allocated / 2n || 1n)) : size });
    }
  }
  return lines;
}
