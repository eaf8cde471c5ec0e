import type { ApolloServerOptions } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../common/logger.js';
import { AppErrorCode } from '../../workflows/app-error.js';
import { toGraphQLError } from '../../schema/graphql-errors.js';

export interface ErrorFormatOptions {
  logger: Pick<Logger, 'error'>;
  /** The id of the request an error belongs to, for the log line (formatError is given no request). */
  requestIdOf?: (error: unknown) => string | undefined;
  /**
   * Production: drop "Did you mean …?" from every message, and the numbers of the limits. Apollo's own switch
   * covers validation only; variable errors ("Field "status" is not defined by type "AllocationFilter". Did you
   * mean "statuses"?") are raised while executing and pass through here.
   */
  hideSuggestions?: boolean;
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** graphql-js's bare message when validating a document would take too long (e.g. a thousand fields that must be compared). */
const VALIDATION_ABORTED = 'Validation aborted.';
const VALIDATION_ABORTED_SAYS = 'Validation aborted: the operation has too many fields to compare; select fewer fields or split it.';

/** graphql-js's token limit, which names the limit. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/;

/**
 * What a client is told instead of graphql-js's or armor's wording when that wording explains nothing,
 * misleads (armor calls every refusal a "Syntax Error"), or reveals a limit in production.
 */
function clearer(message: string, code: unknown, production: boolean): string {
  if (message === VALIDATION_ABORTED) return VALIDATION_ABORTED_SAYS;
  const tokens = TOO_MANY_TOKENS.exec(message);
  if (tokens) return `The operation is too long${production ? '' : ` (more than ${tokens[1]} tokens)`}; split it into several requests.`;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && message.startsWith('Syntax Error: ')) message = message.slice('Syntax Error: '.length);
  return production ? message.replace(SUGGESTION, '') : message;
}

/** Codes a client may see as they are: ours, and Apollo's own request-level ones. */
const KNOWN_CODES = new Set<string>([...Object.values(AppErrorCode), ...Object.values(ApolloServerErrorCode)]);
KNOWN_CODES.delete(ApolloServerErrorCode.INTERNAL_SERVER_ERROR);

/**
 * Apollo's formatError: known errors keep their code; anything unexpected is logged (name and stack frames
 * only) and masked, so no internal detail reaches a client.
 */
export function errorFormatter({ logger, requestIdOf, hideSuggestions = false }: ErrorFormatOptions): NonNullable<ApolloServerOptions<never>['formatError']> {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const message = clearer(formatted.message, formatted.extensions?.code, hideSuggestions);
    if (message !== formatted.message) formatted = { ...formatted, message };
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    if (mapped && mapped !== original) {
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: mapped.extensions };
    }
    const code = (mapped?.extensions.code ?? formatted.extensions?.code) as string | undefined;
    if (code && KNOWN_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const err = original instanceof Error ? original : undefined;
    // The stack's frames, not its first line: an unexpected error's message may quote data it was handed.
    const frames = err?.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    logger.error({ requestId: requestIdOf?.(error), err: { name: err?.name, frames }, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal error; it has been logged',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
