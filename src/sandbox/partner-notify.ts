import type { Books } from './books.js';
import type { Route, RouteResult } from './http.js';
import { partnerConnectionIds, type PartnerWebhooks } from './partner-webhooks.js';
import type { AllocationRecord, V1ConnectionPayload } from './wire.types.js';

/**
 * The write routes, calling the partner once a record on an asynchronous partner's connection is RESERVED
 * waiting on it (a retriable reservation is not: the client must first re-send the identical request).
 */
export function reservingWithPartner(routes: readonly Route[], books: Books, webhooks: PartnerWebhooks): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: (ctx) => {
      const result = route.handler(ctx);
      const record = recordOf(result);
      if (record?.status === 'reserved' && !record.retriable) {
        const connection = books.connection(record.connectionId);
        if (connection?.async && connection.initialized) webhooks.reserve(record, connection);
      }
      return result;
    },
  }));
}

/** The partner-update routes, telling the partner to credit once its update cleared a record. */
export function clearingWithPartner(routes: readonly Route[], books: Books, webhooks: PartnerWebhooks): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: (ctx) => {
      const result = route.handler(ctx);
      if (result.status === 200) {
        const body = result.body as { allocationId?: unknown; deallocationId?: unknown };
        const id = body.allocationId ?? body.deallocationId;
        const stored = typeof id === 'string' ? books.record(id) : undefined;
        if (stored?.wire.status === 'cleared') webhooks.clear(stored.wire);
      }
      return result;
    },
  }));
}

function recordOf(result: RouteResult): AllocationRecord | undefined {
  if (result.status !== 200 || result.body === null || typeof result.body !== 'object') return undefined;
  const body = result.body as { allocation?: AllocationRecord; deallocation?: AllocationRecord };
  return body.allocation ?? body.deallocation;
}

/**
 * The connect route, asking an asynchronous partner to initialize each new connection (POST /bitgo/v1/connections
 * with the client's connection token). Its answer initializes the connection (the partner's ids); a refusal
 * deactivates it, and it is never initialized. `changed`: the books changed outside a request (save them).
 */
export function connectingWithPartner(routes: readonly Route[], books: Books, webhooks: PartnerWebhooks, changed: () => void): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: (ctx) => {
      const result = route.handler(ctx);
      if (route.method !== 'POST' || result.status !== 200 || !/\/clients\/connections$/.test(ctx.path)) return result;
      const { connection: answered } = result.body as V1ConnectionPayload;
      const connection = books.connection(answered.id);
      const token = (ctx.body as { connectionKey?: { connectionToken?: unknown } }).connectionKey?.connectionToken;
      if (connection === undefined || connection.initialized || !connection.async || typeof token !== 'string') return result;
      webhooks.connect(connection, token, {
        accepted: (body) => {
          const ids = partnerConnectionIds(body, connection);
          if (ids === undefined) return false;
          books.changeConnection(connection.id, ids);
          changed();
          return true;
        },
        refused: () => {
          books.changeConnection(connection.id, { active: false });
          changed();
        },
      });
      return result;
    },
  }));
}
