import type { Books } from './books.js';
import type { Route, RouteResult } from './http.js';
import type { PartnerWebhooks } from './partner-webhooks.js';
import type { AllocationRecord } from './wire.types.js';

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
