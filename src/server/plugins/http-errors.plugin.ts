import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '../../common/logger.js';

export interface HttpErrorsOptions {
  logger: Pick<Logger, 'error'>;
}

/** Codes of refusals made by the HTTP layer, before GraphQL sees the request. */
export const HttpErrorCode = {
  /** Apollo's code for a request that is not a well-formed GraphQL-over-HTTP request. */
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** The one error shape clients parse: GraphQL's `{ errors: [{ message, extensions: { code } }] }`. */
export function graphqlErrorBody(message: string, code: string, extensions: Record<string, unknown> = {}): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Thrown by the rate limit (see rate-limit.plugin.ts): HTTP 429 and how many seconds to wait. */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  constructor(
    readonly retryAfter: number,
    readonly budget: 'reads' | 'writes',
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
      return reply.code(429).send(graphqlErrorBody(error.message, HttpErrorCode.RATE_LIMITED, { retryAfter: error.retryAfter }));
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
