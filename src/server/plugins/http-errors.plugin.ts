import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '../../common/logger.js';
import { AppErrorCode } from '../../workflows/app-error.js';

export interface HttpErrorsOptions {
  logger: Pick<Logger, 'error'>;
}

/**
 * Codes of refusals made before (or instead of) running an operation: by the HTTP layer, Apollo or graphql-ws. The
 * codes a running operation answers are AppErrorCode's (workflows/app-error.ts); docs/reference/errors.md lists both.
 */
export const HttpErrorCode = {
  /** Not a well-formed GraphQL-over-HTTP (or graphql-ws) request: malformed JSON, an empty body, no `query`, a query or mutation sent over WebSocket (Apollo's code). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The document does not parse, or holds more tokens than GRAPHQL_MAX_TOKENS (Apollo's code). */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document is not valid against the schema, or is deeper, wider or costlier than the GRAPHQL_MAX_* limits allow (Apollo's code). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The body is larger than BODY_LIMIT_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The body is not `application/json` (HTTP 415). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** No such route (HTTP 404): GraphQL is at `/graphql`. */
  NOT_FOUND: 'NOT_FOUND',
  /** With PERSISTED_DOCUMENTS: no trusted document has the id the request names (Apollo's code, so APQ-aware clients recognise it). */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** With PERSISTED_DOCUMENTS: a full document that is not one of the trusted ones (the code GraphOS Router uses). */
  QUERY_NOT_IN_SAFELIST: 'QUERY_NOT_IN_SAFELIST',
  /** Anything unexpected: masked (the details go to the log with the request id). */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** The one error shape clients parse: GraphQL's `{ errors: [{ message, extensions: { code } }] }`. */
export function graphqlErrorBody(message: string, code: string, extensions: Record<string, unknown> = {}): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Thrown by the rate limits and the address ceilings (see rate-limit.plugin.ts, address-limit.plugin.ts): HTTP 429 and how many seconds to wait. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  constructor(
    readonly retryAfter: number,
    readonly budget: 'reads' | 'writes' | 'requests from this address' | 'refused tokens from this address',
  ) {
    super(`Rate limit reached for ${budget}; retry in ${retryAfter} s`);
    this.name = 'RateLimitedError';
  }
}

/** Fastify's errors that are the client's, with what to tell the client instead of Fastify's own body. */
const CLIENT_ERRORS: Readonly<Record<string, { code: string; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: HttpErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: HttpErrorCode.BAD_REQUEST, message: 'The request body is empty; send `{ "query": "…" }`' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: HttpErrorCode.BAD_REQUEST, message: 'The request body does not match its Content-Length' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: HttpErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large for this gateway' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported Content-Type: send the operation as application/json' },
};

/**
 * Every refusal Fastify makes itself (bad JSON, an unsupported content type, a body over the limit, an unknown
 * route, the rate limit) answers in GraphQL's error shape with a stable `extensions.code`, with Fastify's
 * status code; nothing of Fastify's `FST_ERR_…` body reaches a client. Server faults are logged and masked.
 */
export function registerHttpErrors(app: FastifyInstance, { logger }: HttpErrorsOptions): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof RateLimitedError) {
      return reply.code(429).send(graphqlErrorBody(error.message, AppErrorCode.RATE_LIMITED, { retryAfter: error.retryAfter }));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
      logger.error({ err: { name: error.name, code: error.code, frames } }, 'unexpected error in the HTTP layer');
      return reply.code(500).send(graphqlErrorBody('Internal error; it has been logged', HttpErrorCode.INTERNAL_SERVER_ERROR));
    }
    const known = error.code !== undefined ? CLIENT_ERRORS[error.code] : undefined;
    return reply.code(status).send(graphqlErrorBody(known?.message ?? 'The request is not a well-formed GraphQL request', known?.code ?? HttpErrorCode.BAD_REQUEST));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(graphqlErrorBody(`Nothing at ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}; GraphQL is at /graphql`, HttpErrorCode.NOT_FOUND)),
  );
}
