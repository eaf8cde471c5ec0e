import type { IncomingHttpHeaders } from 'node:http';
import type { FaultSpec } from './faults.js';

/** What a route handler sees. Handlers are synchronous so that no request can interleave with another's check-then-insert. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  /** Repeated keys keep every value, in order. */
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  requestId: string;
  /** The scripted fault this request consumed, if any. */
  fault: FaultSpec | undefined;
}

export interface RouteResult {
  status: number;
  body: unknown;
  /** Extra response headers, e.g. an injected fault's Retry-After. */
  headers?: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RouteContext) => RouteResult;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Thrown by handlers; the server turns it into `{ error }` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);

export function ok(body: unknown, status = 200): RouteResult {
  return { status, body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A path parameter that the spec types as uuid; BitGo answers 400 for anything else. */
export function uuidParam(ctx: RouteContext, name: string): string {
  const value = ctx.params[name] ?? '';
  if (!isUuid(value)) throw badRequest(`${name} must be a UUID (got "${value}")`);
  return value.toLowerCase();
}
