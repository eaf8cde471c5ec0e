import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { BitGoErrorOptions } from '../../src/bitgo/errors.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SignerRegistry } from '../../src/signing/signer-registry.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';
import { PartnerUpdateWorkflow, type PartnerUpdateRequest } from '../../src/workflows/writes/partner-update.workflow.js';
import { FakeBitGo, type Scripted } from '../helpers/fake-bitgo.js';
import { loadVectors } from '../signing/helpers.js';

const PARTNER = '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e';
const caller = { token: 'token', service: false };

function input(overrides: Partial<PartnerUpdateRequest> = {}): PartnerUpdateRequest {
  return {
    enterpriseId: PARTNER,
    allocationId: randomUUID(),
    status: 'cleared',
    amount: { currency: 'ofctbtc', quantity: '1000' },
    clientId: randomUUID(),
    connectionId: randomUUID(),
    partnersClientId: 'pc-1',
    partnersConnectionId: 'pconn-1',
    partnersAllocationId: 'pa-1',
    ...overrides,
  };
}

function setup() {
  const bitgo = new FakeBitGo(PARTNER);
  const journal = new MemoryJournalStore();
  const signers = new SignerRegistry(new SigningService(new LocalKeySigner(loadVectors()[0]!.xprv)));
  const workflow = new PartnerUpdateWorkflow({ client: bitgo, signers, journal, defaultEnterpriseId: PARTNER, writeDeadlineMs: 1000, logger: pino({ level: 'silent' }) });
  const key = (asked: PartnerUpdateRequest) => ({ enterpriseId: PARTNER, kind: 'update_allocation' as const, idempotencyKey: `${asked.allocationId}:${asked.status}` });
  return { bitgo, journal, workflow, key };
}

const http = (status: number, more: Partial<BitGoErrorOptions> = {}): Scripted => ({ error: { kind: 'http', operation: 'PUT x', status, body: { error: `answered ${status}` }, ...more } });
const applied: Scripted = { body: { allocationId: 'x' } };

/** The fake answers no reads: every mutation that gets as far as reading the allocation back adds READ_FAILED. */
const TABLE: Array<{ name: string; answer: Scripted; codes: string[]; state: string; holdsKey: boolean }> = [
  { name: '200', answer: applied, codes: ['READ_FAILED'], state: 'settled', holdsKey: true },
  { name: '409 (settled the other way)', answer: http(409), codes: ['CONFLICT', 'READ_FAILED'], state: 'settled', holdsKey: false },
  { name: '400', answer: http(400), codes: ['REJECTED'], state: 'settled', holdsKey: false },
  { name: '404', answer: http(404), codes: ['NOT_FOUND'], state: 'settled', holdsKey: false },
  { name: '503 until the deadline', answer: http(503), codes: ['OUTCOME_UNKNOWN'], state: 'unknown', holdsKey: true },
  { name: 'timeout', answer: { error: { kind: 'timeout', operation: 'PUT x' } }, codes: ['OUTCOME_UNKNOWN'], state: 'unknown', holdsKey: true },
  { name: 'a 400 after an ambiguous attempt', answer: http(400, { afterAmbiguousAttempt: true }), codes: ['OUTCOME_UNKNOWN'], state: 'unknown', holdsKey: true },
];

describe('updateAllocation: journaled under (partner, allocation id:status), at the workflow with a fake BitGo', () => {
  for (const row of TABLE) {
    it(`${row.name} → ${row.codes.join(', ')}; journal ${row.state}, key ${row.holdsKey ? 'held' : 'released'}`, async () => {
      const { bitgo, journal, workflow, key } = setup();
      bitgo.answer(row.answer);
      const asked = input();
      const result = await workflow.run(caller, asked);
      assert.deepEqual(result.userErrors.map((e) => e.code), row.codes);
      const [sent] = bitgo.submissions();
      assert.equal(sent?.endpoint.method, 'PUT');
      const held = await journal.find(key(asked));
      assert.equal(held !== undefined, row.holdsKey);
      if (held) {
        assert.equal(held.state, row.state);
        assert.equal(held.body, sent.body, 'the journal holds the bytes that were sent');
        assert.equal(held.allocationId, asked.allocationId);
        assert.equal(held.clientExternalId, null);
        assert.equal(held.quantity, '1000');
      }
    });
  }

  it('a repeat re-sends the committed bytes and signs nothing new; a 409 to the repeat is still definite', async () => {
    const { bitgo, journal, workflow, key } = setup();
    bitgo.answer({ error: { kind: 'timeout', operation: 'PUT x' } }, http(409));
    const asked = input();
    assert.deepEqual((await workflow.run(caller, asked)).userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN']);
    assert.deepEqual((await workflow.run(caller, asked)).userErrors.map((e) => e.code), ['CONFLICT', 'READ_FAILED']);
    const [first, second] = bitgo.submissions();
    assert.equal(second!.body, first!.body);
    const row = await journal.find(key(asked));
    assert.equal(row?.state, 'settled', 'the allocation is settled the other way: nothing left to reconcile');
    assert.equal(row?.attempts, 2);
  });

  it('a journal that fails to record the answer leaves the row for the reconciler and still answers what BitGo said', async () => {
    const { bitgo, journal, workflow, key } = setup();
    bitgo.answer(applied);
    journal.recordAnswer = () => Promise.reject(new Error('connection terminated'));
    const asked = input();
    assert.deepEqual((await workflow.run(caller, asked)).userErrors.map((e) => e.code), ['READ_FAILED'], 'applied; only the read-back failed');
    assert.equal((await journal.find(key(asked)))?.state, 'pending');
  });

  it('the same status with other fields: CONFLICT without a send while unsettled; once settled, the held update is re-sent and said not to be theirs', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer({ error: { kind: 'network', operation: 'PUT x' } });
    const asked = input();
    await workflow.run(caller, asked);
    const other = await workflow.run(caller, { ...asked, partnersAllocationId: 'pa-2' });
    assert.deepEqual(other.userErrors.map((e) => [e.code, e.field]), [['CONFLICT', ['input', 'status']]]);
    assert.equal(bitgo.submissions().length, 1);

    bitgo.answer(applied, applied);
    await workflow.run(caller, asked);
    const late = await workflow.run(caller, { ...asked, partnersAllocationId: 'pa-2' });
    assert.deepEqual(late.userErrors.map((e) => e.code), ['CONFLICT', 'READ_FAILED']);
    const sends = bitgo.submissions();
    assert.equal(sends.length, 3);
    assert.equal(new Set(sends.map((s) => s.body)).size, 1, 'only the held bytes ever went out');
  });

  it('the other status is another key: its own row, its own bytes', async () => {
    const { bitgo, journal, workflow, key } = setup();
    bitgo.answer(applied, http(409));
    const asked = input();
    await workflow.run(caller, asked);
    const release = { ...asked, status: 'released' as const, rejectReason: 'changed my mind' };
    await workflow.run(caller, release);
    assert.equal((await journal.find(key(asked)))?.state, 'settled');
    assert.equal(await journal.find(key(release)), undefined, 'the refused release gave its key up');
    const [first, second] = bitgo.submissions();
    assert.notEqual(first!.body, second!.body);
  });
});
