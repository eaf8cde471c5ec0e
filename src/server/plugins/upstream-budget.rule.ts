import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { MAX_IDS_PER_REQUEST } from '../../workflows/reads/scoped.loader.js';

/** At most this many `allocations`, `networkConnections`, `partners` and settlement lists in one operation: each costs BitGo one to log(n) calls. */
export const MAX_LIST_FIELDS = 10;

/** The fields that read a paged BitGo list (Query's and NetworkConnection's `allocations` alike). */
const LIST_FIELDS = new Set(['allocations', 'networkConnections', 'partners', 'settlements', 'settlementTransfers', 'settlementDisputes', 'partnerSettlements', 'partnerSettlementDisputes']);

/** At most this many lookups by id of each kind in one operation: batched 100 to a BitGo call. */
export const MAX_LOOKUP_FIELDS = MAX_IDS_PER_REQUEST;

/** Root lookups by id (each aliased copy one more id), and what they look up. */
const LOOKUP_FIELDS: ReadonlyMap<string, string> = new Map([
  ['allocation', 'allocations'],
  ['networkConnection', 'connections'],
]);

/**
 * A validation rule (checked once per document, then cached by Apollo): one request must not fan out into an
 * unbounded number of BitGo calls through aliases, neither lists nor lookups by id. It stays a rule of its own
 * rather than a graphql-armor cost: armor's cost cannot weigh one field above another, and counts `first` only
 * when it is a literal, while these bounds hold whatever the variables say. Entity batches, whose size is only
 * known at run time, are bounded per request by the list budget and the loaders.
 */
export function upstreamBudgetRule(context: ValidationContext): ASTVisitor {
  let lists = 0;
  const lookups = new Map<string, number>();
  return {
    Field(node) {
      const name = node.name.value;
      if (LIST_FIELDS.has(name) && ++lists === MAX_LIST_FIELDS + 1) {
        context.reportError(
          new GraphQLError(`An operation may select at most ${MAX_LIST_FIELDS} \`allocations\`, \`networkConnections\` and \`partners\` lists; split it into several requests`, {
            nodes: [node],
          }),
        );
      }
      const noun = LOOKUP_FIELDS.get(name);
      if (noun === undefined) return;
      const count = (lookups.get(name) ?? 0) + 1;
      lookups.set(name, count);
      if (count === MAX_LOOKUP_FIELDS + 1) {
        context.reportError(new GraphQLError(`An operation may look up at most ${MAX_LOOKUP_FIELDS} ${noun} by id; list them with a filter on ids, or split it`, { nodes: [node] }));
      }
    },
  };
}
