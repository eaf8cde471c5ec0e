import type { FaultSpec, Faults } from './faults.js';
import { badRequest, ok, type Route, type RouteContext } from './http.js';
import type { RequestFilter, RequestLog } from './request-log.js';

/**
 * Test-only control of a sandbox running as its own process (`SANDBOX_CONTROL=1`, off by default): what tests
 * do in-process with `sandbox.faults` and `sandbox.requests`, over HTTP. No authentication: it is for a sandbox
 * on loopback in a test. These requests are neither logged nor subject to faults.
 *
 *   GET    /_sandbox/requests?method=POST&path=<regex>   the request log, filtered: { requests: [...] }
 *   DELETE /_sandbox/requests                            empties the log
 *   POST   /_sandbox/faults                              arms a fault: a FaultSpec, with `path` a prefix or
 *                                                        `pathPattern` a regex source
 *   DELETE /_sandbox/faults                              removes every fault and the latency
 *   PUT    /_sandbox/latency   { "ms": 50 }              latency on every request
 */
export const CONTROL_PREFIX = '/_sandbox/';

export function controlRoutes(faults: Faults, requests: RequestLog): Route[] {
  return [
    { method: 'GET', pattern: /^\/_sandbox\/requests$/, handler: (ctx) => ok({ requests: requests.entries(filterOf(ctx)) }) },
    { method: 'DELETE', pattern: /^\/_sandbox\/requests$/, handler: () => (requests.reset(), ok({ reset: true })) },
    { method: 'POST', pattern: /^\/_sandbox\/faults$/, handler: (ctx) => (faults.add(faultOf(ctx.body)), ok({ pending: faults.pending() })) },
    { method: 'DELETE', pattern: /^\/_sandbox\/faults$/, handler: () => (faults.clear(), ok({ pending: 0 })) },
    {
      method: 'PUT',
      pattern: /^\/_sandbox\/latency$/,
      handler: (ctx) => {
        const ms = (ctx.body as { ms?: unknown } | undefined)?.ms;
        if (typeof ms !== 'number' || !(ms >= 0)) throw badRequest('body must be { "ms": <non-negative number> }');
        faults.setLatency(ms);
        return ok({ latencyMs: ms });
      },
    },
  ];
}

function filterOf(ctx: RouteContext): RequestFilter {
  const method = ctx.query.method?.[0];
  const path = ctx.query.path?.[0];
  return { ...(method ? { method } : {}), ...(path ? { path: regex(path) } : {}) };
}

const FLAGS = ['retriableReserved', 'dropAfterCommit', 'dropBeforeCommit', 'truncateAfterCommit'] as const;

function faultOf(body: unknown): FaultSpec {
  if (body === null || typeof body !== 'object') throw badRequest('body must be a fault object');
  const b = body as Record<string, unknown>;
  const spec: FaultSpec = {};
  if (typeof b.method === 'string') spec.method = b.method;
  if (typeof b.path === 'string') spec.path = b.path;
  if (typeof b.pathPattern === 'string') spec.path = regex(b.pathPattern);
  // JSON has no Infinity: null or "Infinity" asks for it.
  if (b.times === null || b.times === 'Infinity') spec.times = Infinity;
  else if (typeof b.times === 'number') spec.times = b.times;
  if (typeof b.latencyMs === 'number') spec.latencyMs = b.latencyMs;
  if (typeof b.status === 'number') spec.status = b.status;
  if ('body' in b) spec.body = b.body;
  for (const flag of FLAGS) if (b[flag] === true) spec[flag] = true;
  return spec;
}

function regex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw badRequest(`not a regular expression: ${source.slice(0, 100)}`);
  }
}
