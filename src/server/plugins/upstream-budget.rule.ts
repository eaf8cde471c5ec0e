import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { MAX_IDS_PER_REQUEST } from '../../workflows/reads/allocation.loader.js';

/** At most this many `allocations` lists in one operation: each costs BitGo one to log(n) calls. */
export const MAX_LIST_FIELDS = 10;

/** At most this many `allocation(id)` lookups in one operation: batched 100 to a BitGo call. */
export const MAX_LOOKUP_FIELDS = MAX_IDS_PER_REQUEST;

/**
 * A validation rule (checked once per document, then cached by Apollo): one request must not fan out into an
 * unbounded number of BitGo calls through aliases, neither lists nor lookups by id. It stays a rule of its own
 * rather than a graphql-armor cost: armor's cost cannot weigh one field above another, and counts `first` only
 * when it is a literal, while these bounds hold whatever the variables say. Entity batches, whose size is only
 * known at run time, are bounded per request by the list budget and the loaders.
 */
export function upstreamBudgetRule(context: ValidationContext): ASTVisitor {
  let lists = 0;
  let lookups = 0;
  return {
    Field(node) {
      const name = node.name.value;
      if (name === 'allocations' && ++lists === MAX_LIST_FIELDS + 1) {
        context.reportError(
          new GraphQLError(`An operation may select at most ${MAX_LIST_FIELDS} \`allocations\` lists; split it into several requests`, { nodes: [node] }),
        );
      }
      if (name === 'allocation' && ++lookups === MAX_LOOKUP_FIELDS + 1) {
        context.reportError(
          new GraphQLError(`An operation may look up at most ${MAX_LOOKUP_FIELDS} allocations by id; use allocations(filter: { ids }) or split it`, { nodes: [node] }),
        );
      }
    },
  };
}
