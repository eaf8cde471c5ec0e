import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** At most this many `allocations` and `networkConnections` lists in one operation: each costs BitGo one to log(n) calls. */
export const MAX_LIST_FIELDS = 10;

/** The fields that read a paged BitGo list (Query's and NetworkConnection's `allocations` alike). */
const LIST_FIELDS = new Set(['allocations', 'networkConnections']);

/**
 * A validation rule (checked once per document, then cached by Apollo): one
 * request must not fan out into an unbounded number of BitGo list calls through
 * aliases. Lookups by id need no limit: they are batched into one call.
 */
export function upstreamBudgetRule(context: ValidationContext): ASTVisitor {
  let lists = 0;
  return {
    Field(node) {
      if (!LIST_FIELDS.has(node.name.value)) return;
      lists += 1;
      if (lists === MAX_LIST_FIELDS + 1) {
        context.reportError(
          new GraphQLError(`An operation may select at most ${MAX_LIST_FIELDS} \`allocations\` and \`networkConnections\` lists; split it into several requests`, {
            nodes: [node],
          }),
        );
      }
    },
  };
}
