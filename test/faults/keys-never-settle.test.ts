import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { allocate } from '../helpers/mutations.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { engines } from '../store/engines.js';

/**
 * Issue 20's "keys that never settle": a row whose first send's fate is unknown and whose re-sends BitGo refuses
 * (here: a 400 to every further POST, as a BitGo that refuses a stale nonce would) stayed unknown until abandoned. The
 * reconciler now reads BitGo's list of the connection's allocations and settles it either way. The first sends fail
 * as the sandbox's scripted faults make them: the socket dropped before BitGo did anything (BitGo never had it), or
 * after it committed the allocation (BitGo has it, the answer lost).
 */
const helios = DEMO_CONNECTION_IDS.helios;
const amount = { currency: 'ofctbtc', quantity: '1234' };
const WRITE = /\/clients\/connections\/[^/]+\/allocations$/;

for (const engine of engines) {
  describe(`keys that never settle (${engine.name})`, () => {
    const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '1000', BITGO_TIMEOUT_MS: '500' } }, engine);

    it('the reconciler reads BitGo before giving up: "BitGo has it" settles with its record, "BitGo never had it" as NOT_SENT, and a repeat of that key sends nothing', async (t) => {
      const run = randomBytes(3).toString('hex');
      const has = `has-${run}`;
      const never = `never-${run}`;
      const refuseResends = () => stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 400, body: { error: 'nonce already used' }, times: Infinity });

      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropAfterCommit: true, times: 1 });
      refuseResends();
      const first = await allocate(stack, { connectionId: helios, amount, clientExternalId: has });
      stack.sandbox.faults.clear();
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: 1 });
      refuseResends();
      const second = await allocate(stack, { connectionId: helios, amount, clientExternalId: never });
      for (const res of [first, second]) assert.deepEqual(res.payload?.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN'], JSON.stringify(res.payload));

      // Both rows idle past the write deadline (as the reconciler requires of a row before it takes it).
      await sql`UPDATE signed_requests SET updated_at = now() - interval '1 minute', next_attempt_at = now() - interval '1 minute' WHERE idempotency_key IN (${has}, ${never})`.execute(stack.database.store.db);
      const sentBefore = stack.sandbox.requests.count({ method: 'POST', path: WRITE });
      const pass = await stack.gateway.reconciler.runOnce();
      assert.ok(stack.sandbox.requests.count({ method: 'POST', path: WRITE }) >= sentBefore + 2, 'both were re-sent first, and refused');
      assert.equal(pass.settled, 2, 'both settled in this pass, by what BitGo holds');

      const rows = await stack.database.store.db
        .selectFrom('signed_requests')
        .select(['idempotency_key', 'state', 'answer_allocation_id', 'answer_allocation_status', 'answer_message'])
        .where('idempotency_key', 'in', [has, never])
        .orderBy('idempotency_key')
        .execute();
      const held = stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((record) => record.clientExternalId === has);
      assert.equal(held.length, 1, 'BitGo has the first: it committed it before the answer was lost');
      assert.deepEqual(rows, [
        { idempotency_key: has, state: 'settled', answer_allocation_id: held[0]!.id, answer_allocation_status: 'cleared', answer_message: null },
        { idempotency_key: never, state: 'settled', answer_allocation_id: null, answer_allocation_status: null, answer_message: rows[1]!.answer_message },
      ]);
      assert.match(rows[1]!.answer_message ?? '', /^NOT_SENT: BitGo never had this request/);
      assert.equal(stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((record) => record.clientExternalId === never).length, 0);

      // The callers repeat, BitGo accepting again: the first is answered with its allocation; the second is told it was
      // not sent, and its bytes stay unsent (a new clientExternalId allocates).
      stack.sandbox.faults.clear();
      const again = await allocate(stack, { connectionId: helios, amount, clientExternalId: has });
      assert.deepEqual([again.payload?.allocation?.id, again.payload?.userErrors], [held[0]!.id, []]);
      const sentNow = stack.sandbox.requests.count({ method: 'POST', path: WRITE });
      const told = await allocate(stack, { connectionId: helios, amount, clientExternalId: never });
      assert.equal(told.payload?.allocation, null);
      assert.match(told.payload?.userErrors[0]?.message ?? '', /never had this request/, JSON.stringify(told.payload));
      assert.equal(stack.sandbox.requests.count({ method: 'POST', path: WRITE }), sentNow, 'nothing sent for the key BitGo never had');
      t.diagnostic(`${engine.name}: settled by reading BitGo: ${has} → ${held[0]!.id} (cleared); ${never} → NOT_SENT (${told.payload?.userErrors[0]?.code})`);
    });
  });
}
