import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { spyOnSignatures } from '../helpers/spies.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { engines } from '../store/engines.js';

const helios = DEMO_CONNECTION_IDS.helios;
const WRITE = /\/connections\/[^/]+\/allocations$/;
const amount = { currency: 'ofctbtc', quantity: '321' };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Outcomes that must never be reported as failures, nor lose the idempotency key. */
for (const engine of engines) {
  describe(`write outcomes after an ambiguous attempt (journal on ${engine.name})`, () => {
    const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '1500' } }, engine);
    const signatures = spyOnSignatures();
    beforeEach(() => {
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
    });

    const onBooks = (clientExternalId: string) =>
      stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((r) => r.clientExternalId === clientExternalId);

    it('every re-send after a dropped connection carries the same bytes', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropAfterCommit: true, times: 2 });
      const { payload } = await allocate(stack, { connectionId: helios, amount });
      assert.equal(payload!.allocation!.status, 'CLEARED');
      const sent = stack.sandbox.requests.entries({ method: 'POST', path: WRITE });
      assert.equal(sent.length, 3);
      assert.equal(new Set(sent.map((e) => e.bodySha256)).size, 1, 'one body, sent three times');
      assert.equal(onBooks(payload!.clientExternalId).length, 1);
      const row = await stack.database!.journal.find({ enterpriseId: stack.sandbox.enterpriseId, kind: 'allocate', idempotencyKey: payload!.clientExternalId });
      assert.equal(sha256(row!.body), sent[0]!.bodySha256, 'the bytes sent are the journal\'s');
      assert.equal(row!.state, 'settled');
      assert.equal(row!.outcome?.recordId, payload!.allocation!.id);
    });

    it('a success whose body never arrives is OUTCOME_UNKNOWN with the key, and the repeat returns the one allocation', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, truncateAfterCommit: true });
      const first = await allocate(stack, { connectionId: helios, amount });
      assert.equal(first.errors, undefined, JSON.stringify(first.errors));
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      const key = first.payload!.clientExternalId;
      // The answer says where the request is and how to follow it.
      assert.ok(first.payload!.userErrors[0]!.message.includes(`signedRequests(filter: { clientExternalId: "${key}" })`), first.payload!.userErrors[0]!.message);
      assert.match(first.payload!.userErrors[0]!.message, /journal holds the signed request and its reconciler keeps re-sending/);
      assert.equal((await stack.database!.journal.find({ enterpriseId: stack.sandbox.enterpriseId, kind: 'allocate', idempotencyKey: key }))?.state, 'unknown');
      assert.equal(onBooks(key).length, 1, 'BitGo did commit it');
      const again = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
      assert.deepEqual(again.payload!.userErrors, []);
      assert.equal(again.payload!.allocation!.id, onBooks(key)[0]!.id);
      assert.equal(onBooks(key).length, 1);
    });

    it('a 4xx to a re-send after a dropped connection is OUTCOME_UNKNOWN, not a refusal', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropAfterCommit: true });
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 400, body: { error: 'odd' } });
      const res = await allocate(stack, { connectionId: helios, amount });
      assert.equal(res.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      assert.equal(onBooks(res.payload!.clientExternalId).length, 1);
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropAfterCommit: true });
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 401, body: { error: 'expired' } });
      const unauth = await allocate(stack, { connectionId: helios, amount });
      assert.equal(unauth.errors, undefined, 'not a top-level error: the key must reach the caller');
      assert.equal(unauth.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
    });

    it('a reserved+retriable allocation left at the deadline is returned, and the repeat completes it with the same bytes', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, retriableReserved: true });
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 503, times: Infinity });
      const first = await allocate(stack, { connectionId: helios, amount });
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      assert.equal(first.payload!.allocation?.status, 'RESERVED', 'the last known state is returned');
      assert.equal(first.payload!.allocation?.retriable, true);
      stack.sandbox.faults.clear();
      const key = first.payload!.clientExternalId;
      const again = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
      assert.deepEqual(again.payload!.userErrors, []);
      assert.equal(again.payload!.allocation!.status, 'CLEARED');
      const bodies = new Set(stack.sandbox.requests.entries({ method: 'POST', path: WRITE }).map((e) => e.bodySha256));
      assert.equal(bodies.size, 1, 'the repeat re-sent the original signed request');
      assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/signing$/ }), 1, 'and did not sign anew');
      assert.equal(onBooks(key).length, 1);
    });

    it('while a request is unsettled, a different request under its key is refused without signing or sending', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, dropBeforeCommit: true, times: Infinity });
      const clientExternalId = `held-${randomUUID()}`;
      const first = await allocate(stack, { connectionId: helios, amount, clientExternalId });
      assert.equal(first.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN');
      stack.sandbox.faults.clear();
      stack.sandbox.requests.reset();
      const signed = signatures.count();
      const other = await allocate(stack, { connectionId: helios, amount: { ...amount, quantity: '999' }, clientExternalId });
      assert.equal(other.payload!.userErrors[0]!.code, 'CONFLICT');
      assert.deepEqual(other.payload!.userErrors[0]!.field, ['input', 'clientExternalId']);
      assert.equal(stack.sandbox.requests.count(), 0);
      assert.equal(signatures.count(), signed);
      const same = await allocate(stack, { connectionId: helios, amount, clientExternalId });
      assert.deepEqual(same.payload!.userErrors, []);
      assert.equal(same.payload!.allocation!.amount.quantity, amount.quantity);
      assert.equal(signatures.count(), signed, 'the held request was re-sent, not signed anew');
      assert.equal(onBooks(clientExternalId).length, 1);
    });

    it('a 2xx without a well-formed allocation is OUTCOME_UNKNOWN, never a top-level error', async () => {
      for (const body of [null, { allocation: { id: 'x' } }, { result: 'ok' }]) {
        stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 200, body });
        const res = await allocate(stack, { connectionId: helios, amount });
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        assert.equal(res.payload!.userErrors[0]!.code, 'OUTCOME_UNKNOWN', JSON.stringify(body));
      }
    });

    it('a definite 401 to the only attempt stays a top-level UNAUTHENTICATED error', async () => {
      stack.sandbox.faults.add({ method: 'POST', path: WRITE, status: 401, body: { error: 'token expired' } });
      const res = await allocate(stack, { connectionId: helios, amount });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    });

    it('refuses a malformed Authorization header instead of using the service token', async () => {
      const res = await stack.gql('{ allocations(first: 1) { nodes { id } } }', undefined, { authorization: 'Basic dXNlcjpwYXNz' });
      assert.equal(res.status, 401);
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      const empty = await stack.gql('{ allocations(first: 1) { nodes { id } } }', undefined, { authorization: 'Bearer ' });
      assert.equal(empty.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(stack.sandbox.requests.count(), 0);
    });
  });
}

for (const engine of engines) {
  describe(`updateAllocation outcomes (journal on ${engine.name})`, () => {
    const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '1500' } }, engine);
    const signatures = spyOnSignatures();

    const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    async function reservedInput(status: string, extra: Record<string, unknown> = {}) {
      const { payload } = await allocate(stack, { connectionId: nimbus.id, amount });
      const id = payload!.allocation!.id;
      return {
        id,
        input: {
          enterpriseId: stack.sandbox.partnerEnterpriseId,
          allocationId: id,
          status,
          amount,
          clientId: stack.sandbox.enterpriseId,
          connectionId: nimbus.id,
          partnersClientId: nimbus.partnersClientId,
          partnersConnectionId: nimbus.partnersConnectionId,
          partnersAllocationId: `p-${id}`,
          ...extra,
        },
      };
    }
    type Result = { updateAllocation: { allocation: { id: string; status: string } | null; userErrors: Array<{ code: string; message: string }> } };

    it('a conflict answers CONFLICT with the allocation as BitGo holds it', async () => {
      const { id, input } = await reservedInput('CLEARED');
      await stack.gql<Result>(UPDATE, { input });
      const res = await stack.gql<Result>(UPDATE, { input: { ...input, status: 'RELEASED', rejectReason: 'too late' } });
      assert.equal(res.data!.updateAllocation.userErrors[0]!.code, 'CONFLICT');
      assert.equal(res.data!.updateAllocation.allocation?.id, id);
      assert.equal(res.data!.updateAllocation.allocation?.status, 'CLEARED');
    });

    it('an update whose outcome is unknown says where it stands; its repeat re-sends the journal\'s bytes; another update under the key waits', async () => {
      const { id, input } = await reservedInput('CLEARED');
      stack.sandbox.faults.add({ method: 'PUT', dropBeforeCommit: true, times: Infinity });
      stack.sandbox.requests.reset();
      const signed = signatures.count();
      const first = await stack.gql<Result>(UPDATE, { input });
      assert.equal(first.errors, undefined, JSON.stringify(first.errors));
      const unknown = first.data!.updateAllocation.userErrors[0]!;
      assert.equal(unknown.code, 'OUTCOME_UNKNOWN');
      assert.ok(unknown.message.includes(`signedRequests(filter: { allocationId: "${id}" })`), unknown.message);
      const row = await stack.database!.journal.find({ enterpriseId: stack.sandbox.partnerEnterpriseId, kind: 'update_allocation', idempotencyKey: `${id}:cleared` });
      assert.equal(row?.state, 'unknown');
      assert.equal(row?.method, 'PUT');
      stack.sandbox.faults.clear();

      const other = await stack.gql<Result>(UPDATE, { input: { ...input, partnersAllocationId: 'someone-else' } });
      assert.deepEqual(other.data!.updateAllocation.userErrors.map((e) => e.code), ['CONFLICT'], 'a different update under an unsettled key');

      const again = await stack.gql<Result>(UPDATE, { input });
      assert.deepEqual(again.data!.updateAllocation.userErrors, []);
      assert.equal(again.data!.updateAllocation.allocation?.status, 'CLEARED');
      const puts = stack.sandbox.requests.entries({ method: 'PUT' });
      assert.ok(puts.length >= 2);
      assert.deepEqual(new Set(puts.map((e) => e.bodySha256)), new Set([sha256(row!.body)]), 'every PUT carried the journal\'s bytes');
      assert.equal(signatures.count(), signed + 1, 'signed once');
      assert.equal((await stack.database!.journal.find({ enterpriseId: stack.sandbox.partnerEnterpriseId, kind: 'update_allocation', idempotencyKey: `${id}:cleared` }))?.state, 'settled');
    });

    it('re-sends a dropped PUT and reports the update once', async () => {
      const { id, input } = await reservedInput('CLEARED');
      stack.sandbox.faults.add({ method: 'PUT', dropAfterCommit: true });
      const res = await stack.gql<Result>(UPDATE, { input });
      assert.deepEqual(res.data!.updateAllocation.userErrors, []);
      assert.equal(res.data!.updateAllocation.allocation?.status, 'CLEARED');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
    });

    it('an accepted update whose read-back fails says so instead of failing', async () => {
      const { id, input } = await reservedInput('CLEARED');
      stack.sandbox.faults.add({ method: 'GET', path: /\/partners\/allocations\//, status: 503, times: 3 });
      const res = await stack.gql<Result>(UPDATE, { input });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.equal(res.data!.updateAllocation.userErrors[0]!.code, 'READ_FAILED');
      assert.equal(stack.sandbox.books.record(id)!.wire.status, 'cleared');
    });
  });
}
