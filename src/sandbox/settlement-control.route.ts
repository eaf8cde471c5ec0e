import type { Books } from './books.js';
import { badRequest, notFound, ok, type Route } from './http.js';
import { finalizeDue } from './settlement-engine.js';

/**
 * Test-only controls of the settlement books, served with the other /_sandbox/ routes (control.route.ts):
 *
 *   GET  /_sandbox/clock                                   { now, offsetMs, disputeWindowMs }
 *   POST /_sandbox/clock  { "advanceMs": 3600000 }         moves the sandbox's clock forward (tests pass a dispute window
 *                                                          without sleeping); settlements now due are processed at once
 *   PUT  /_sandbox/settlements/partners/{id} { "disputesEnabled": false }   a partner settles v1 (false) or v2 (true)
 */
export function settlementControlRoutes(books: Books): Route[] {
  const clock = () => ({ now: books.settlements.nowIso(), offsetMs: books.settlements.clockOffsetMs, disputeWindowMs: books.settlements.disputeWindowMs });
  return [
    { method: 'GET', pattern: /^\/_sandbox\/clock$/, handler: () => ok(clock()) },
    {
      method: 'POST',
      pattern: /^\/_sandbox\/clock$/,
      handler: (ctx) => {
        const ms = (ctx.body as { advanceMs?: unknown } | undefined)?.advanceMs;
        if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) throw badRequest('body must be { "advanceMs": <non-negative integer> }');
        books.settlements.advance(ms);
        return ok({ ...clock(), finalized: finalizeDue(books) });
      },
    },
    {
      method: 'PUT',
      pattern: /^\/_sandbox\/settlements\/partners\/(?<partnerId>[^/]+)$/,
      handler: (ctx) => {
        const partnerId = ctx.params.partnerId!;
        if (books.partner(partnerId) === undefined) throw notFound(`no partner ${partnerId} in the directory`);
        const enabled = (ctx.body as { disputesEnabled?: unknown } | undefined)?.disputesEnabled;
        if (typeof enabled !== 'boolean') throw badRequest('body must be { "disputesEnabled": <boolean> }');
        books.settlements.setDisputesEnabled(partnerId, enabled);
        return ok({ partnerId, disputesEnabled: enabled });
      },
    },
  ];
}
