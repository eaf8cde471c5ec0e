import type { AllocationRecord } from './wire.types.js';
import type { Ledger } from './ledger.js';

/**
 * How a record moves money. An allocation takes from the client's trading
 * balance and gives to the connection; a deallocation the other way. While
 * reserved the money sits in `held` on the side it came from, so it can be
 * returned exactly if the record is released.
 */
interface Sides {
  from: string;
  to: string;
  currency: string;
  quantity: bigint;
}

function sides(record: AllocationRecord, clientId: string): Sides {
  const quantity = BigInt(record.amount.quantity);
  const currency = record.amount.currency;
  return record.type === 'allocation'
    ? { from: clientId, to: record.connectionId, currency, quantity }
    : { from: record.connectionId, to: clientId, currency, quantity };
}

/** True when the source side has enough available to fund the record. */
export function canFund(ledger: Ledger, record: AllocationRecord, clientId: string): boolean {
  const s = sides(record, clientId);
  return ledger.get(s.from, s.currency).available >= s.quantity;
}

/** Record becomes reserved: take from the source's available into its held. */
export function hold(ledger: Ledger, record: AllocationRecord, clientId: string): void {
  const s = sides(record, clientId);
  ledger.adjust(s.from, s.currency, -s.quantity, s.quantity);
}

/** Reserved → cleared: the held money lands on the destination. */
export function settleHeld(ledger: Ledger, record: AllocationRecord, clientId: string): void {
  const s = sides(record, clientId);
  ledger.adjust(s.from, s.currency, 0n, -s.quantity);
  ledger.adjust(s.to, s.currency, s.quantity, 0n);
}

/** Reserved → released: the held money goes back where it came from. */
export function returnHeld(ledger: Ledger, record: AllocationRecord, clientId: string): void {
  const s = sides(record, clientId);
  ledger.adjust(s.from, s.currency, s.quantity, -s.quantity);
}

/** Straight to cleared. */
export function transfer(ledger: Ledger, record: AllocationRecord, clientId: string): void {
  hold(ledger, record, clientId);
  settleHeld(ledger, record, clientId);
}
