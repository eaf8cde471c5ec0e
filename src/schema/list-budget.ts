import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/** Most BitGo list reads one request may cause, entity batches from a router included. */
export const MAX_LISTS_PER_REQUEST = 100;

/**
 * Counts the `allocations` lists a request resolves. The validation rule bounds
 * aliases in the query text; this also bounds `_entities` batches, where one
 * field in the text resolves once per referenced connection.
 */
export class ListBudget {
  #left: number;

  constructor(limit = MAX_LISTS_PER_REQUEST) {
    this.#left = limit;
  }

  spend(): void {
    if (this.#left <= 0) {
      throw new GraphQLError(`One request may read at most ${MAX_LISTS_PER_REQUEST} allocation lists; split it into several requests`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      });
    }
    this.#left -= 1;
  }
}
