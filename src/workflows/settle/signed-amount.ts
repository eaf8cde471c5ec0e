/** A signed base-unit quantity as the schema shows it: the direction said, the magnitude and the signed string, never a number. */
export interface SignedAmountView {
  currency: string;
  /** The magnitude, base units, decimal digits. */
  quantity: string;
  /** RECEIVE: the client (or, in a partner's net flow, the clients together) receives; PAY: pays. */
  direction: 'PAY' | 'RECEIVE';
  /** The signed quantity as BitGo spells it (negative: pays). */
  signedQuantity: string;
}

/** A signed integer string: an optional minus, then digits without a leading zero; zero is refused (BitGo refuses it too). */
export const SIGNED_QUANTITY = /^-?[1-9][0-9]{0,77}$/;

export function signedAmount(currency: string, signed: bigint): SignedAmountView {
  const negative = signed < 0n;
  return { currency, quantity: (negative ? -signed : signed).toString(), direction: negative ? 'PAY' : 'RECEIVE', signedQuantity: signed.toString() };
}

/** Per currency, the sum of signed quantities (BigInt: exact however large); zero sums are kept (a flow that nets out). */
export function netByCurrency(entries: Iterable<{ currency: string; quantity: string }>): SignedAmountView[] {
  const sums = new Map<string, bigint>();
  for (const { currency, quantity } of entries) sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(quantity));
  return [...sums.keys()].sort().map((currency) => signedAmount(currency, sums.get(currency)!));
}
