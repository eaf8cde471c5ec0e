import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { engines } from '../store/engines.js';
import { bodyText, reservation, signatureAttacks, startPartnerStack, TWO_TO_70, type PartnerStack } from './helpers.js';

const ALLOCATIONS = '/bitgo/v1/allocations';
const DEALLOCATIONS = '/bitgo/v1/deallocations';
const clearPath = (type: 'allocation' | 'deallocation', id: string) => `/bitgo/v1/${type}/${id}/clear`;

for (const engine of engines) {
  describe(`BitGo's calls to the partner, over loopback HTTP, on ${engine.name}`, () => {
    let s: PartnerStack;
    before(async () => {
      s = await startPartnerStack(engine);
    });
    after(async () => {
      await s?.close();
    });

    const reserve = async (body: Record<string, unknown>, path = ALLOCATIONS) => s.call('POST', path, bodyText(body));

    it('reserves a new allocation: 200 with the same fields and status reserved; a 2^70 JSON number arrives exact', async () => {
      const body = reservation({ partnersAllocationId: 'nimbus-alloc-77' });
      const res = await reserve(body);
      assert.equal(res.status, 200, res.text);
      assert.match(res.text, new RegExp(`"quantity":${TWO_TO_70}[,}]`), 'the quantity is answered as the same JSON number, digit for digit');
      assert.deepEqual(JSON.parse(res.text.replace(TWO_TO_70, `"${TWO_TO_70}"`)), { ...body, amount: { currency: 'ofctbtc', quantity: TWO_TO_70 }, status: 'reserved' });
      const row = await s.gateway.partnerLedger!.find(body.allocationId as string);
      assert.equal(row?.quantity, TWO_TO_70);
      assert.equal(BigInt(row!.quantity), 2n ** 70n);
      assert.equal(row?.status, 'reserved');
      assert.equal(row?.enterpriseId, s.sandbox.partnerEnterpriseId);
      assert.equal(row?.partnersAllocationId, 'nimbus-alloc-77');
    });

    it('a decimal string quantity is accepted and echoed as a string; the guide\'s partnerClientId / partnerAllocationId spellings too', async () => {
      const { partnersClientId: _, ...rest } = reservation({ amount: { currency: 'ofctbtc', quantity: '123456789012345678901234567890' } });
      const body: Record<string, unknown> = { ...rest, partnerClientId: 'nimbus-acct-501', partnerAllocationId: 'p-1' };
      const res = await reserve(body);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, { ...body, status: 'reserved' });
      const row = await s.gateway.partnerLedger!.find(body.allocationId as string);
      assert.equal(row?.partnersClientId, 'nimbus-acct-501');
      assert.equal(row?.partnersAllocationId, 'p-1');
      assert.equal(row?.quantity, '123456789012345678901234567890');
    });

    it('a call that fails on our side (500) gives its token id back: BitGo\'s retry with the same header is served, once', async () => {
      const ledger = s.gateway.partnerLedger!;
      const body = reservation();
      const token = s.bitgo.token();
      ledger.reserve = () => Promise.reject(new Error('connection terminated'));
      try {
        const failed = await s.call('POST', ALLOCATIONS, bodyText(body), { token });
        assert.equal(failed.status, 500, failed.text);
      } finally {
        // The instance property goes; the class's method answers again.
        delete (ledger as { reserve?: unknown }).reserve;
      }
      const retried = await s.call('POST', ALLOCATIONS, bodyText(body), { token });
      assert.equal(retried.status, 200, retried.text);
      const again = await s.call('POST', ALLOCATIONS, bodyText(body), { token });
      assert.equal(again.status, 401, 'served once, the id is used');
    });

    it('a repeat answers the current state; a different amount, client or connection (BitGo\'s or the partner\'s) is 409 with the status', async () => {
      const body = reservation();
      assert.equal((await reserve(body)).status, 200);
      const repeat = await reserve(body);
      assert.equal(repeat.status, 200);
      assert.equal(repeat.json.status, 'reserved');
      for (const change of [
        { amount: { currency: 'ofctbtc', quantity: '1' } },
        { amount: { currency: 'ofcteth', quantity: '__2^70__' } },
        { clientId: randomUUID() },
        { connectionId: randomUUID() },
        { partnersConnectionId: 'nimbus-conn-9999' },
        { partnersClientId: 'nimbus-acct-999' },
      ]) {
        const res = await reserve({ ...body, ...change });
        assert.equal(res.status, 409, JSON.stringify(change));
        assert.equal(res.json.status, 'reserved');
        assert.match(res.json.error, /different/);
      }
      assert.equal(await s.rows(body.allocationId as string), 1);
    });

    it('clear: reserved → cleared (200), a repeat is 200, a reservation repeat is then 409; unknown 404; bad id 400', async () => {
      const body = reservation();
      const id = body.allocationId as string;
      assert.equal((await reserve(body)).status, 200);
      const cleared = await s.call('PUT', clearPath('allocation', id));
      assert.equal(cleared.status, 200, cleared.text);
      assert.equal(cleared.json.status, 'cleared');
      assert.equal(cleared.json.allocationId, id);
      assert.match(cleared.text, new RegExp(`"quantity":${TWO_TO_70}[,}]`));
      const row = await s.gateway.partnerLedger!.find(id);
      assert.equal(row?.status, 'cleared');
      assert.ok(row?.clearedAt instanceof Date);
      assert.equal((await s.call('PUT', clearPath('allocation', id))).status, 200, 'a repeated clear is 200');
      const again = await reserve(body);
      assert.equal(again.status, 409);
      assert.deepEqual(Object.keys(again.json).sort(), ['error', 'status']);
      assert.equal(again.json.status, 'cleared');
      assert.equal((await s.call('PUT', clearPath('allocation', randomUUID()))).status, 404);
      assert.equal((await s.call('PUT', clearPath('deallocation', id))).status, 404, 'an allocation is not cleared as a deallocation');
      const bad = await s.call('PUT', clearPath('allocation', 'not-a-uuid'));
      assert.equal(bad.status, 400);
      assert.equal(bad.json.field, 'allocationId');
    });

    it('released: a clear is 409, a reservation repeat is 409', async () => {
      const body = reservation();
      const id = body.allocationId as string;
      assert.equal((await reserve(body)).status, 200);
      await s.gateway.partnerLedger!.settle(id, { status: 'released', rejectReason: 'client account frozen' });
      const clear = await s.call('PUT', clearPath('allocation', id));
      assert.equal(clear.status, 409);
      assert.equal(clear.json.status, 'released');
      const repeat = await reserve(body);
      assert.equal(repeat.status, 409);
      assert.equal(repeat.json.status, 'released');
    });

    it('deallocations follow the same rules, and share one id space with allocations', async () => {
      const body = reservation({}, 'deallocation');
      const id = body.deallocationId as string;
      const res = await reserve(body, DEALLOCATIONS);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.deallocationId, id);
      assert.equal(res.json.status, 'reserved');
      assert.equal((await s.gateway.partnerLedger!.find(id))?.type, 'deallocation');
      assert.equal((await reserve(body, DEALLOCATIONS)).status, 200, 'a repeat');
      const asAllocation = await reserve(reservation({ allocationId: id }));
      assert.equal(asAllocation.status, 409, 'the id is already a deallocation');
      assert.equal((await s.call('PUT', clearPath('allocation', id))).status, 404);
      const cleared = await s.call('PUT', clearPath('deallocation', id));
      assert.equal(cleared.status, 200);
      assert.equal(cleared.json.status, 'cleared');
      assert.equal((await reserve(body, DEALLOCATIONS)).status, 409);
      const withPartnersId = reservation({ partnersDeallocationId: 'nimbus-d-9' }, 'deallocation');
      assert.equal((await reserve(withPartnersId, DEALLOCATIONS)).json.partnersDeallocationId, 'nimbus-d-9');
      assert.equal(await s.rows(id), 1);
    });

    it('refuses every signature attack with 401 { error }, and stores nothing', async () => {
      const replayed = s.bitgo.token();
      assert.equal((await s.call('POST', ALLOCATIONS, bodyText(reservation()), { token: replayed })).status, 200);
      const attacks = signatureAttacks(s.bitgo, replayed);
      const refusedBefore = s.observer.total();
      for (const [name, token] of attacks) {
        const body = reservation();
        const res = await s.call('POST', ALLOCATIONS, bodyText(body), { token });
        assert.equal(res.status, 401, `${name}: ${res.text}`);
        assert.deepEqual(Object.keys(res.json), ['error'], name);
        assert.equal(await s.rows(body.allocationId as string), 0, `${name}: nothing stored`);
        if (token) assert.ok(!res.text.includes(token), `${name}: the token is not echoed`);
        // The same attacks on a clear leave a reservation untouched.
        const held = reservation();
        await reserve(held);
        const clear = await s.call('PUT', clearPath('allocation', held.allocationId as string), undefined, { token: name === 'a replayed jti' ? replayed : token });
        assert.equal(clear.status, 401, `${name} (clear)`);
        assert.equal((await s.gateway.partnerLedger!.find(held.allocationId as string))?.status, 'reserved');
      }
      assert.equal(s.observer.total() - refusedBefore, attacks.length * 2);
      for (const reason of ['missing_signature', 'malformed_token', 'algorithm_refused', 'bad_signature', 'expired', 'lifetime_too_long', 'missing_claim', 'replayed'] as const) {
        assert.ok((s.observer.counts.get(reason) ?? 0) > 0, `the observer heard ${reason}`);
      }
      for (const line of s.logs) for (const [, token] of attacks) if (token) assert.ok(!line.includes(token), 'no token in the logs');
    });

    it('10 racing requests with one jti: exactly one accepted', async () => {
      for (let round = 0; round < 3; round++) {
        const token = s.bitgo.token();
        const bodies = Array.from({ length: 10 }, () => reservation());
        const answers = await Promise.all(bodies.map((body) => s.call('POST', ALLOCATIONS, bodyText(body), { token })));
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, ...Array(9).fill(401)]);
        const stored = await Promise.all(bodies.map((body) => s.rows(body.allocationId as string)));
        assert.equal(stored.reduce((a, b) => a + b, 0), 1, 'one reservation made');
      }
    });

    it('20 racing repeats of one reservation make one row, every one answered 200 reserved', async () => {
      for (let round = 0; round < 3; round++) {
        const body = reservation();
        const answers = await Promise.all(Array.from({ length: 20 }, () => reserve(body)));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
        for (const a of answers) assert.equal(a.json.status, 'reserved');
        assert.equal(await s.rows(body.allocationId as string), 1);
      }
    });

    it('bodies over 64 KB, unknown shapes and bad fields: 400 naming the field, nothing stored', async () => {
      const base = reservation();
      const cases: Array<[string, string, string | null]> = [
        ['over 64 KB', bodyText({ ...base, padding: 'x'.repeat(70_000) }), null],
        ['not JSON', '{"allocationId": ', null],
        ['an array', '[1, 2]', null],
        ['empty', '', null],
        ['unknown field', bodyText({ ...base, surprise: 1 }), 'surprise'],
        ['duplicate key', bodyText(base).replace('{', '{"clientId":"3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d12",'), null],
        ['missing allocationId', bodyText({ ...base, allocationId: undefined }), 'allocationId'],
        ['bad allocationId', bodyText({ ...base, allocationId: 'abc' }), 'allocationId'],
        ['bad clientId', bodyText({ ...base, clientId: 42 }), 'clientId'],
        ['missing connectionId', bodyText({ ...base, connectionId: undefined }), 'connectionId'],
        ['empty partnersConnectionId', bodyText({ ...base, partnersConnectionId: '' }), 'partnersConnectionId'],
        ['amount not an object', bodyText({ ...base, amount: 5 }), 'amount'],
        ['amount with an extra key', bodyText({ ...base, amount: { currency: 'ofctbtc', quantity: '5', fee: 1 } }), 'amount.fee'],
        ['missing currency', bodyText({ ...base, amount: { quantity: '5' } }), 'amount.currency'],
        ['fractional quantity', bodyText(base).replace(TWO_TO_70, '1.5'), 'amount.quantity'],
        ['exponent quantity', bodyText(base).replace(TWO_TO_70, '1e21'), 'amount.quantity'],
        ['negative quantity', bodyText(base).replace(TWO_TO_70, '-5'), 'amount.quantity'],
        ['zero quantity', bodyText(base).replace(TWO_TO_70, '0'), 'amount.quantity'],
        ['text quantity', bodyText({ ...base, amount: { currency: 'ofctbtc', quantity: 'lots' } }), 'amount.quantity'],
        ['over 2^256 − 1', bodyText(base).replace(TWO_TO_70, (2n ** 256n).toString()), 'amount.quantity'],
        ['two spellings disagree', bodyText({ ...base, partnerClientId: 'someone-else' }), 'partnerClientId'],
      ];
      for (const [name, text, field] of cases) {
        const res = await s.call('POST', ALLOCATIONS, text);
        assert.equal(res.status, 400, `${name}: ${res.text.slice(0, 200)}`);
        assert.equal(typeof res.json.error, 'string', name);
        if (field) assert.equal(res.json.field, field, name);
        assert.equal(await s.rows(base.allocationId as string), 0, `${name}: nothing stored`);
      }
      assert.ok((s.observer.counts.get('body_too_large') ?? 0) >= 1);
      // The same body, well formed, is then accepted: the refusals took nothing from it.
      assert.equal((await reserve(base)).status, 200);
    });
  });
}

describe('BitGo\'s calls on WEBHOOK_PORT: a listener of their own', () => {
  let s: PartnerStack;
  before(async () => {
    s = await startPartnerStack(engines[0]!, { webhookPort: true });
  });
  after(async () => {
    await s?.close();
  });

  it('serves only the partner routes there, and none on the GraphQL port', async () => {
    assert.notEqual(s.webhookUrl, s.url);
    const body = reservation();
    assert.equal((await s.call('POST', ALLOCATIONS, bodyText(body))).status, 200);
    assert.equal((await s.call('POST', ALLOCATIONS, bodyText(reservation()), { base: s.url })).status, 404);
    assert.equal((await fetch(`${s.webhookUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' })).status, 404);
    assert.equal((await s.gql<{ __typename: string }>('{ __typename }')).data?.__typename, 'Query');
  });
});

if (engines.length > 1) {
  describe('two replicas on one PostgreSQL database', () => {
    let s: PartnerStack;
    before(async () => {
      s = await startPartnerStack(engines[1]!, { replica: true });
    });
    after(async () => {
      await s?.close();
    });

    it('20 racing repeats spread over both replicas make one reservation; one jti is accepted by one replica only', async () => {
      for (let round = 0; round < 3; round++) {
        const body = reservation();
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => s.call('POST', ALLOCATIONS, bodyText(body), { base: i % 2 ? s.replicaWebhookUrl! : s.webhookUrl })),
        );
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
        assert.equal(await s.rows(body.allocationId as string), 1);
        const token = s.bitgo.token();
        const racing = await Promise.all(
          Array.from({ length: 10 }, (_, i) => s.call('POST', ALLOCATIONS, bodyText(reservation()), { token, base: i % 2 ? s.replicaWebhookUrl! : s.webhookUrl })),
        );
        assert.equal(racing.filter((a) => a.status === 200).length, 1);
      }
    });
  });
}
