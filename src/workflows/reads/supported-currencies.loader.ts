import DataLoader from 'dataloader';
import type { Caller } from '../caller.js';
import type { PartnerReads, SupportedCurrencyView } from './partner-reads.workflow.js';

/** Most partners one supportedCurrencies call names (its URL stays short). */
const MAX_PARTNERS_PER_CALL = 100;

/**
 * `Partner.supportedCurrencies` and `NetworkConnection.supportedCurrencies`: every partner asked for in one tick of
 * one request, per enterprise, is one BitGo call. Built per request in the context factory; each call counts against
 * the request's list budget.
 */
export class SupportedCurrencyLoaders {
  readonly #loaders = new Map<string, DataLoader<string, SupportedCurrencyView[]>>();

  constructor(
    private readonly reads: PartnerReads,
    private readonly caller: Caller,
    private readonly spend: () => void,
  ) {}

  load(enterpriseId: string, partnerId: string): Promise<SupportedCurrencyView[]> {
    let loader = this.#loaders.get(enterpriseId);
    if (!loader) {
      loader = new DataLoader(
        async (ids: readonly string[]) => {
          this.spend();
          const byPartner = await this.reads.supportedCurrencies(this.caller, enterpriseId, ids);
          return ids.map((id) => byPartner.get(id) ?? []);
        },
        { maxBatchSize: MAX_PARTNERS_PER_CALL },
      );
      this.#loaders.set(enterpriseId, loader);
    }
    return loader.load(partnerId.toLowerCase());
  }
}
