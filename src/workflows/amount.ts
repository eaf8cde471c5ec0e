/** An amount as every layer spells it: a currency and a base-unit quantity as decimal digits, never a number. */
export interface Amount {
  readonly currency: string;
  readonly quantity: string;
}

/** The same currency and the same quantity, compared as integers (so `"007"` is `"7"`, and 2^70 stays exact). */
export function sameAmount(a: Amount, b: Amount): boolean {
  return a.currency === b.currency && BigInt(a.quantity) === BigInt(b.quantity);
}
