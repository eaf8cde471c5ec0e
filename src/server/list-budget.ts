import type { ListBudget } from '../schema/context.type.js';
import { badInput } from '../workflows/app-error.js';

/** Most BitGo list reads one request may cause, entity batches from a router included. */
export const MAX_LISTS_PER_REQUEST = 100;

/**
 * Counts the lists a request resolves. The validation rule bounds aliases in the query text; this also
 * bounds `_entities` batches, where one field in the text resolves once per referenced entity.
 */
export class RequestListBudget implements ListBudget {
  #left: number;

  constructor(limit = MAX_LISTS_PER_REQUEST) {
    this.#left = limit;
  }

  spend(): void {
    if (this.#left <= 0) throw badInput(`One request may read at most ${MAX_LISTS_PER_REQUEST} BitGo lists (allocations, connections, balances, partners, supported currencies); split it into several requests`);
    this.#left -= 1;
  }
}
