import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { BitGoError } from '../bitgo/errors.js';
import { CursorError } from '../pagination/cursor.js';
import { RelayArgumentError } from '../pagination/relay.js';
import { SigningError } from '../signing/signer.js';

/** Stable `extensions.code` values: part of the API contract. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  SIGNER_UNAVAILABLE: 'SIGNER_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function userInputError(message: string, field?: string | readonly string[]): GraphQLError {
  const path = field === undefined ? undefined : typeof field === 'string' ? field.split('.') : [...field];
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(path ? { field: path } : {}) } });
}

function upstream(error: BitGoError, code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, upstreamStatus: error.status ?? null, requestId: error.requestId ?? null },
  });
}

/** BitGo wire error → GraphQL error with a stable code. Messages name no token and no URL. */
export function fromBitGoError(error: BitGoError): GraphQLError {
  const detail = error.bitgoMessage ? `: ${error.bitgoMessage}` : '';
  if (error.kind === 'http') {
    switch (error.status) {
      case 400:
        return upstream(error, ErrorCode.BAD_USER_INPUT, `BitGo rejected the request${detail}`);
      case 401:
        return upstream(error, ErrorCode.UNAUTHENTICATED, `BitGo did not accept the access token${detail}`);
      case 403:
        return upstream(error, ErrorCode.FORBIDDEN, `BitGo refused access${detail}`);
      case 404:
        return upstream(error, ErrorCode.NOT_FOUND, `BitGo found no such resource${detail}`);
      case 409:
        return upstream(error, ErrorCode.CONFLICT, `BitGo reported a conflict${detail}`);
      case 422:
        return upstream(error, ErrorCode.BAD_USER_INPUT, `BitGo could not process the request${detail}`);
      default:
        break;
    }
  }
  const why =
    error.kind === 'timeout'
      ? 'did not answer in time'
      : error.kind === 'network'
        ? 'could not be reached'
        : error.kind === 'invalid-response'
          ? 'answered with a body that could not be read'
          : 'answered with an error';
  return upstream(error, ErrorCode.UPSTREAM_UNAVAILABLE, `BitGo ${why}; try again later`);
}

/** Errors thrown below the resolvers, turned into what a client may see. */
export function toGraphQLError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return error;
  if (error instanceof BitGoError) return fromBitGoError(error);
  // SigningError messages are written to be safe to show: no key, payload or signature.
  if (error instanceof SigningError) return new GraphQLError(`Signing failed: ${error.message}`, { extensions: { code: ErrorCode.SIGNER_UNAVAILABLE } });
  if (error instanceof CursorError || error instanceof RelayArgumentError) return userInputError(error.message, error.argument);
  return undefined;
}

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/**
 * Apollo's formatError: known errors keep their code; anything unexpected is
 * logged (name and stack only) and masked, so no internal detail reaches a client.
 */
export function formatErrorWith(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    const code = (mapped?.extensions.code ?? formatted.extensions?.code) as string | undefined;
    if (mapped && mapped !== original) {
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: mapped.extensions };
    }
    if (code && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const err = original instanceof Error ? original : undefined;
    // The stack's frames, not its first line: an unexpected error's message may quote data it was handed.
    const frames = err?.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    logger.error({ err: { name: err?.name, frames }, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal error; it has been logged',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
