/**
 * Currencies the sandbox knows, with their base-unit decimals. The test-net
 * OFC names are seeded with balances; the main-net names are accepted too so
 * a request is refused for its balance rather than for its spelling.
 */
export const SEEDED_CURRENCIES: Readonly<Record<string, number>> = {
  ofctbtc: 8,
  ofcteth: 18,
  ofctusdt: 6,
  ofctusdc: 6,
  ofctsol: 9,
  ofctxrp: 6,
};

const MAINNET: Readonly<Record<string, number>> = {
  ofcbtc: 8,
  ofceth: 18,
  ofcusdt: 6,
  ofcusdc: 6,
  ofcsol: 9,
  ofcxrp: 6,
};

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(SEEDED_CURRENCIES, currency) || Object.hasOwn(MAINNET, currency);
}

/** Positive base-10 integer without sign, exponent, decimals or leading zeros. */
export const POSITIVE_QUANTITY = /^[1-9][0-9]*$/;
