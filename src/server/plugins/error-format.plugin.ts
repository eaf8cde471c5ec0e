import type { ApolloServerOptions } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../common/logger.js';
import { AppErrorCode } from '../../workflows/app-error.js';
import { toGraphQLError } from '../graphql-errors.js';

export interface ErrorFormatOptions {
  logger: Pick<Logger, 'error'>;
  /** The id of the request an error belongs to, for the log line (formatError is given no request). */
  requestIdOf?: (error: unknown) => string | undefined;
}

/** Codes a client may see as they are: ours, and Apollo's own request-level ones. */
const KNOWN_CODES = new Set<string>([...Object.values(AppErrorCode), ...Object.values(ApolloServerErrorCode)]);
KNOWN_CODES.delete(ApolloServerErrorCode.INTERNAL_SERVER_ERROR);

/**
 * Apollo's formatError: known errors keep their code; anything unexpected is logged (name and stack frames
 * only) and masked, so no internal detail reaches a client.
 */
export function errorFormatter({ logger, requestIdOf }: ErrorFormatOptions): NonNullable<ApolloServerOptions<never>['formatError']> {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
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
