import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from './faults.js';
import { HttpError, type Route, type RouteContext, type RouteResult } from './http.js';
import type { RequestLog } from './request-log.js';

/**
 * A bare node:http server with a table of regex routes: the sandbox needs
 * JSON bodies on GET (BitGo's signing GET), sockets it can drop mid-request
 * and as little per-request overhead as possible for the benchmark.
 */
export interface ServerDeps {
  routes: readonly Route[];
  /** Test-only control routes (control.route.ts): served before anything else, neither logged nor faulted. */
  controlRoutes?: readonly Route[];
  faults: Faults;
  requests: RequestLog;
  onError?: (error: unknown) => void;
  /**
   * Called right after each handler, before its answer is sent: resolves once what the request changed (and
   * anything it may have read that was not saved yet) is durable. Undefined, or a call answering undefined:
   * nothing to wait for.
   */
  commit?: () => Promise<void> | undefined;
}

const MAX_BODY_BYTES = 1 << 20;
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

export function createSandboxServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.onError?.(error);
      if (!res.headersSent) send(res, { status: 500, body: { error: 'internal error' } }, randomUUID());
    });
  });
  return server;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = parseQuery(q < 0 ? '' : url.slice(q + 1));
  const incomingId = req.headers['x-request-id'];
  const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  if (deps.controlRoutes && path.startsWith('/_sandbox/')) {
    const raw = await readBody(req).catch(() => Buffer.alloc(0));
    const result = dispatch({ ...deps, routes: deps.controlRoutes }, { method, path, params: {}, query, headers: req.headers, body: undefined, requestId, fault: undefined }, raw);
    // A control may change the books (moving the clock processes settlements now due): saved before it answers too.
    await deps.commit?.()?.catch((error: unknown) => deps.onError?.(error));
    send(res, result, requestId);
    return;
  }
  const entry = deps.requests.record({ method, path, query: joinQuery(query), status: 0, at: Date.now(), requestId });
  // Taken on arrival so that faults are consumed in the order requests arrive.
  const fault = deps.faults.take(method, path);

  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof HttpError) {
      entry.status = error.status;
      send(res, { status: error.status, body: { error: error.message } }, requestId);
    }
    return; // the client went away mid-body
  }
  // Lets tests prove that a re-send carried the same bytes.
  if (raw.length > 0) entry.bodySha256 = createHash('sha256').update(raw).digest('hex');
  const delay = deps.faults.latencyMs + (fault?.latencyMs ?? 0);
  if (delay > 0) await sleep(delay);
  if (fault?.dropBeforeCommit) {
    req.socket.destroy();
    return;
  }
  const result: RouteResult =
    fault?.status !== undefined
      ? { status: fault.status, body: fault.body === undefined ? { error: 'injected fault' } : fault.body, ...(fault.headers ? { headers: fault.headers } : {}) }
      : dispatch(deps, { method, path, params: {}, query, headers: req.headers, body: undefined, requestId, fault }, raw);
  // Taken in the same tick as the handler ran: exactly its changes, before another request's.
  const saving = deps.commit?.();
  if (saving !== undefined) {
    try {
      await saving;
    } catch (error) {
      deps.onError?.(error);
      entry.status = 500;
      send(res, { status: 500, body: { error: 'internal error: the books could not be saved' } }, requestId);
      return;
    }
  }
  if (fault?.dropAfterCommit) {
    req.socket.destroy();
    return;
  }
  if (fault?.truncateAfterCommit) {
    // The status line and half the body arrive, then the connection dies: a success the client cannot read.
    const payload = Buffer.from(JSON.stringify(result.body));
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length, 'x-request-id': requestId });
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
    entry.status = result.status;
    return;
  }
  entry.status = result.status;
  send(res, result, requestId);
}

/** Runs the handler synchronously: nothing else runs between its checks and its writes. */
function dispatch(deps: ServerDeps, ctx: RouteContext, raw: Buffer): RouteResult {
  try {
    const route = findRoute(deps.routes, ctx);
    if (route === undefined) return { status: 404, body: { error: `Not Found: ${ctx.method} ${ctx.path}` } };
    if (raw.length > 0) {
      try {
        ctx.body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'request body is not valid JSON');
      }
    }
    return route.handler(ctx);
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body ?? { error: error.message } };
    deps.onError?.(error);
    return { status: 500, body: { error: 'internal error' } };
  }
}

function findRoute(routes: readonly Route[], ctx: RouteContext): Route | undefined {
  for (const route of routes) {
    if (route.method !== ctx.method) continue;
    const m = route.pattern.exec(ctx.path);
    if (m === null) continue;
    for (const [name, value] of Object.entries(m.groups ?? {})) {
      try {
        ctx.params[name] = decodeURIComponent(value);
      } catch {
        throw new HttpError(400, `${name} is not a valid path segment`);
      }
    }
    return route;
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function parseQuery(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (search === '') return out;
  for (const [key, value] of new URLSearchParams(search)) (out[key] ??= []).push(value);
  return out;
}

function joinQuery(query: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(query)) out[key] = values.join(',');
  return out;
}

function send(res: ServerResponse, result: RouteResult, requestId: string): void {
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': requestId,
    ...result.headers,
  });
  res.end(payload);
}

