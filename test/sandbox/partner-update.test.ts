import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AllocationRecord } from '../../src/sandbox/wire.types.js';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { allocate, API, call, nonce, PARTNER_DEALLOCATION_KEYS, partnerBody } from './helpers.js';

const C = DEMO_CONNECTION_IDS;

describe('sandbox partner update (PUT …/partners/allocations)', () => {
  let sb: StartedSandbox;
  let put: (body: unknown, type?: 'allocations' | 'deallocations') => ReturnType<typeof call>;
  before(async () => {
    sb = await startSandbox({ allocations: 60 });
    put = (body, type = 'allocations') => call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/${type}`, { body });
  });
  after(() => sb.close());

  async function reserved(quantity = '1000000'): Promise<AllocationRecord> {
    const r = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity } });
    assert.equal(r.body.allocation.status, 'reserved');
    return r.body.allocation;
  }

  function fields(a: AllocationRecord, status: 'cleared' | 'released', extra: Record<string, unknown> = {}): Record<string, unknown> {
    const c = sb.books.connection(a.connectionId)!;
    return {
      status,
      ...(status === 'released' ? { rejectReason: 'account frozen' } : {}),
      allocationId: a.id,
      amount: a.amount,
      clientId: c.clientId,
      connectionId: a.connectionId,
      partnersClientId: c.partnersClientId,
      partnersConnectionId: c.partnersConnectionId,
      partnersAllocationId: `nimbus-${a.id.slice(0, 8)}`,
      ...extra,
    };
  }

  it('cleared: 200 with the V1PartnerUpdateAllocationResponse shape; held funds land on the connection', async () => {
    const a = await reserved();
    const held = sb.books.balance(sb.enterpriseId, 'ofctusdt').held;
    const conn = sb.books.connectionBalance(C.nimbusMain, 'ofctusdt').available;
    const r = await put(partnerBody(sb, fields(a, 'cleared', { evaluationId: 'eval-1', policyResult: 'approved' })));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const c = sb.books.connection(C.nimbusMain)!;
    assert.deepEqual(r.body, {
      allocationId: a.id,
      amount: a.amount,
      clientId: sb.enterpriseId,
      connectionId: a.connectionId,
      partnersClientId: c.partnersClientId,
      partnersConnectionId: c.partnersConnectionId,
      partnersAllocationId: `nimbus-${a.id.slice(0, 8)}`,
      evaluationId: 'eval-1',
      policyResult: 'approved',
    });
    assert.equal(sb.books.balance(sb.enterpriseId, 'ofctusdt').held, held - 1000000n);
    assert.equal(sb.books.connectionBalance(C.nimbusMain, 'ofctusdt').available, conn + 1000000n);
    const got = await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations/${a.id}`);
    assert.equal(got.body.allocation.status, 'cleared');
    assert.equal(got.body.allocation.reason, null);
    assert.equal(got.body.allocation.partnerExternalId, `nimbus-${a.id.slice(0, 8)}`);
  });

  it('released: funds return to the client; reason is the rejectReason; repeat is idempotent; the opposite is 409', async () => {
    const a = await reserved('250');
    const before = sb.books.balance(sb.enterpriseId, 'ofctusdt');
    const body = partnerBody(sb, fields(a, 'released'));
    assert.equal((await put(body)).status, 200);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctusdt'), { available: before.available + 250n, held: before.held - 250n });
    const again = await put(body);
    assert.equal(again.status, 200, 'identical repeat');
    assert.equal((await put(partnerBody(sb, fields(a, 'released')))).status, 200, 'same status, new nonce');
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctusdt'), { available: before.available + 250n, held: before.held - 250n }, 'no second movement');
    const conflict = await put(partnerBody(sb, fields(a, 'cleared')));
    assert.equal(conflict.status, 409);
    assert.match(conflict.body.error, /released/);
    const record = sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', a.clientExternalId)!;
    assert.equal(record.status, 'released');
    assert.equal(record.reason, 'account frozen');
  });

  it('a cleared allocation cannot be released (409)', async () => {
    const a = await reserved('300');
    assert.equal((await put(partnerBody(sb, fields(a, 'cleared')))).status, 200);
    assert.equal((await put(partnerBody(sb, fields(a, 'released')))).status, 409);
  });

  it('rejectReason is required (non-empty) for released and refused for cleared', async () => {
    const a = await reserved('5');
    const noReason = fields(a, 'released');
    delete noReason.rejectReason;
    assert.equal((await put(partnerBody(sb, noReason))).status, 400);
    assert.equal((await put(partnerBody(sb, fields(a, 'released', { rejectReason: '' })))).status, 400);
    assert.equal((await put(partnerBody(sb, fields(a, 'cleared', { rejectReason: 'why' })))).status, 400);
    assert.equal(sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', a.clientExternalId)?.status, 'reserved');
  });

  it('checks payload, signature, ids, amount and nonce', async () => {
    const a = await reserved('7');
    const good = fields(a, 'cleared');
    const signed = partnerBody(sb, good);
    const expectError = async (body: unknown, status: number, message: RegExp): Promise<void> => {
      const r = await put(body);
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.match(r.body.error, message);
    };
    await expectError({ ...signed, partnersAllocationId: 'other' }, 400, /payload/);
    await expectError(partnerBody(sb, good, sb.signingXprv), 401, /^invalid signature$/); // the client's key, not the partner's
    await expectError(partnerBody(sb, { ...good, connectionId: C.nimbusSecondary }), 400, /connectionId/);
    await expectError(partnerBody(sb, { ...good, partnersClientId: 'someone-else' }), 400, /partnersClientId/);
    await expectError(partnerBody(sb, { ...good, partnersConnectionId: 'x' }), 400, /partnersConnectionId/);
    await expectError(partnerBody(sb, { ...good, clientId: '2a3b4c5d-6e7f-4a8b-9c0d-e1f2a3b4c5d6' }), 400, /clientId/);
    await expectError(partnerBody(sb, { ...good, amount: { currency: 'ofctusdt', quantity: '8' } }), 422, /amount/);
    await expectError(partnerBody(sb, { ...good, amount: { currency: 'ofctusdc', quantity: '7' } }), 422, /amount/);
    await expectError(partnerBody(sb, { ...good, allocationId: '00000000-0000-4000-8000-000000000000' }), 404, /not found/);
    await expectError(partnerBody(sb, { ...good, status: 'reserved' }), 400, /status/);
    const used = nonce();
    const other = await reserved('9');
    assert.equal((await put(partnerBody(sb, { ...fields(other, 'cleared'), nonce: used }))).status, 200);
    const replay = await put(partnerBody(sb, { ...good, nonce: used }));
    assert.equal(replay.status, 400);
    assert.match(replay.body.error, /nonce/);
    assert.equal((await put(signed)).status, 200, 'the genuine request still goes through');
  });

  it('404 for an allocation on another partner’s connection; 403 without write scope', async () => {
    const sync = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '3' } });
    assert.equal((await put(partnerBody(sb, fields(sync.body.allocation, 'cleared')))).status, 404);
    const a = await reserved('11');
    const r = await call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/allocations`, { body: partnerBody(sb, fields(a, 'cleared')), token: 'v2x-sandbox-demo-token-read-only' });
    assert.equal(r.status, 403);
  });

  it('deallocations to the async partner are reserved and settled with PUT …/partners/deallocations', async () => {
    const d = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '100' } }, 'deallocation');
    assert.equal(d.status, 200, JSON.stringify(d.body));
    const rec: AllocationRecord = d.body.deallocation;
    assert.equal(rec.status, 'reserved');
    const c = sb.books.connection(C.nimbusMain)!;
    const before = sb.books.balance(sb.enterpriseId, 'ofctusdt').available;
    const body = partnerBody(
      sb,
      { status: 'cleared', deallocationId: rec.id, amount: rec.amount, clientId: c.clientId, connectionId: c.id, partnersClientId: c.partnersClientId, partnersConnectionId: c.partnersConnectionId, partnersDeallocationId: 'nd-1' },
      sb.partnerSigningXprv,
      PARTNER_DEALLOCATION_KEYS,
    );
    const r = await put(body, 'deallocations');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.deallocationId, rec.id);
    assert.equal(r.body.partnersDeallocationId, 'nd-1');
    assert.equal(sb.books.balance(sb.enterpriseId, 'ofctusdt').available, before + 100n);
  });
});
