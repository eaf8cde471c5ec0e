import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { BitGoErrorOptions } from '../../src/bitgo/errors.js';
import type { WireAllocation } from '../../src/bitgo/wire.types.js';
import { AllocateInput } from '../../src/schema/allocation/allocate.input.js';
import { AmountInput } from '../../src/schema/allocation/amount.input.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SignerRegistry } from '../../src/signing/signer-registry.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';
import { AppError } from '../../src/workflows/app-error.js';
import { AllocateWorkflow } from '../../src/workflows/writes/allocate.workflow.js';
import { FakeBitGo, type Scripted } from '../helpers/fake-bitgo.js';
import { loadVectors } from '../signing/helpers.js';

const ENTERPRISE = '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11';
const CONNECTION = '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b';
const caller = { token: 'token', service: false };

function input(fields: { quantity?: string; clientExternalId?: string; connectionId?: string } = {}): AllocateInput {
  const amount = Object.assign(new AmountInput(), { currency: 'ofctbtc', quantity: fields.quantity ?? '1000' });
  return Object.assign(new AllocateInput(), { connectionId: fields.connectionId ?? CONNECTION, amount, clientExternalId: fields.clientExternalId ?? randomUUID() });
}

function record(status: WireAllocation['status'], extra: Partial<WireAllocation> = {}): WireAllocation {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    amount: { currency: 'ofctbtc', quantity: '1000' },
    connectionId: CONNECTION,
    clientExternalId: 'x',
    initiatedBy: 'u',
    createdAt: now,
    updatedAt: now,
    retriable: false,
    reason: status === 'cleared' ? null : 'because',
    status,
    type: 'allocation',
    ...extra,
  };
}

function setup() {
  const bitgo = new FakeBitGo(ENTERPRISE);
  const journal = new MemoryJournalStore();
  const signers = new SignerRegistry(new SigningService(new LocalKeySigner(loadVectors()[0]!.xprv)));
  const workflow = new AllocateWorkflow({ client: bitgo, signers, journal, defaultEnterpriseId: ENTERPRISE, writeDeadlineMs: 1000, logger: pino({ level: 'silent' }) });
  return { bitgo, journal, workflow };
}

const http = (status: number, body: unknown = { error: `answered ${status}` }, more: Partial<BitGoErrorOptions> = {}): Scripted => ({
  error: { kind: 'http', operation: 'POST x', status, body, ...more },
});

interface Row {
  name: string;
  answer: Scripted;
  /** The user error code answered, or null for none; 'throws' for a top-level failure. */
  expect: string | null | 'throws';
  status?: string;
  field?: string[] | null;
  /** What the journal says afterwards. */
  state: 'settled' | 'pending' | 'unknown';
  /** Whether the key is still held (a new request under it re-sends the old bytes). */
  holdsKey: boolean;
}

const cleared = record('cleared');
const reservedRetriable = record('reserved', { retriable: true });

/** The write-outcome table: every way BitGo can answer a first send, and what the workflow makes of it. */
const TABLE: Row[] = [
  { name: '200 cleared', answer: { body: { allocation: cleared } }, expect: null, status: 'cleared', state: 'settled', holdsKey: true },
  { name: '200 reserved (async partner)', answer: { body: { allocation: record('reserved') } }, expect: null, status: 'reserved', state: 'settled', holdsKey: true },
  { name: '422 released', answer: http(422, { allocation: record('released'), error: 'insufficient balance' }), expect: 'RELEASED', status: 'released', state: 'settled', holdsKey: true },
  { name: '422 without a record', answer: http(422), expect: 'REJECTED', field: null, state: 'settled', holdsKey: false },
  { name: '400', answer: http(400), expect: 'REJECTED', field: null, state: 'settled', holdsKey: false },
  { name: '404', answer: http(404), expect: 'NOT_FOUND', field: ['input', 'connectionId'], state: 'settled', holdsKey: false },
  { name: '409', answer: http(409), expect: 'CONFLICT', field: ['input', 'clientExternalId'], state: 'settled', holdsKey: false },
  { name: '401', answer: http(401), expect: 'throws', state: 'settled', holdsKey: false },
  { name: '403', answer: http(403), expect: 'throws', state: 'settled', holdsKey: false },
  {
    name: '500 reserved+retriable until the deadline',
    answer: http(500, { allocation: reservedRetriable }),
    expect: 'OUTCOME_UNKNOWN',
    status: 'reserved',
    field: ['input', 'clientExternalId'],
    state: 'pending',
    holdsKey: true,
  },
  { name: '503 until the deadline', answer: http(503), expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
  { name: 'a 400 after an ambiguous attempt', answer: http(400, undefined, { afterAmbiguousAttempt: true }), expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
  { name: 'timeout', answer: { error: { kind: 'timeout', operation: 'POST x' } }, expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
  { name: 'dropped connection', answer: { error: { kind: 'network', operation: 'POST x' } }, expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
  { name: 'a success whose body never arrives', answer: { error: { kind: 'invalid-response', operation: 'POST x', status: 200 } }, expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
  { name: '200 without the allocation', answer: { body: { something: 'else' } }, expect: 'OUTCOME_UNKNOWN', state: 'unknown', holdsKey: true },
];

describe('allocate: the write-outcome table, at the workflow with a fake BitGo', () => {
  for (const row of TABLE) {
    it(`${row.name} → ${row.expect ?? 'the allocation'}; journal ${row.state}, key ${row.holdsKey ? 'held' : 'released'}`, async () => {
      const { bitgo, journal, workflow } = setup();
      bitgo.answer(row.answer);
      const asked = input();
      const key = { enterpriseId: ENTERPRISE, kind: 'allocate' as const, idempotencyKey: asked.clientExternalId! };
      if (row.expect === 'throws') {
        await assert.rejects(workflow.run(caller, 'allocation', asked), AppError);
      } else {
        const result = await workflow.run(caller, 'allocation', asked);
        assert.equal(result.clientExternalId, asked.clientExternalId);
        assert.deepEqual(result.userErrors.map((e) => e.code), row.expect ? [row.expect] : []);
        if (row.field !== undefined) assert.deepEqual(result.userErrors[0]?.field, row.field);
        assert.equal(result.allocation?.status, row.status);
      }
      const [submitted] = bitgo.submissions();
      assert.ok(submitted, 'the signed request was submitted once');
      const held = await journal.find(key);
      assert.equal(held !== undefined, row.holdsKey);
      if (held) {
        assert.equal(held.state, row.state);
        assert.equal(held.body, submitted.body, 'the journal holds the bytes that were sent');
        assert.equal(held.attempts, 1);
      }
    });
  }

  it('a repeat under a held key re-sends the committed bytes and signs nothing new', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer({ error: { kind: 'timeout', operation: 'POST x' } }, { body: { allocation: cleared } });
    const asked = input();
    assert.equal((await workflow.run(caller, 'allocation', asked)).userErrors[0]?.code, 'OUTCOME_UNKNOWN');
    const again = await workflow.run(caller, 'allocation', asked);
    assert.deepEqual(again.userErrors, []);
    const [first, second] = bitgo.submissions();
    assert.equal(second!.body, first!.body);
    assert.equal(bitgo.sent.filter((c) => c.endpoint.route.endsWith('/signing')).length, 1, 'one signing payload, one signature');
  });

  it('a definite refusal of a repeat (after an ambiguous first send) is still OUTCOME_UNKNOWN', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer({ error: { kind: 'network', operation: 'POST x' } }, http(400));
    const asked = input();
    await workflow.run(caller, 'allocation', asked);
    assert.equal((await workflow.run(caller, 'allocation', asked)).userErrors[0]?.code, 'OUTCOME_UNKNOWN');
  });

  it('a different request under an unsettled key is a CONFLICT and sends nothing', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer({ error: { kind: 'timeout', operation: 'POST x' } });
    const asked = input();
    await workflow.run(caller, 'allocation', asked);
    const other = await workflow.run(caller, 'allocation', input({ quantity: '999', clientExternalId: asked.clientExternalId! }));
    assert.deepEqual(other.userErrors.map((e) => [e.code, e.field]), [['CONFLICT', ['input', 'clientExternalId']]]);
    assert.equal(bitgo.submissions().length, 1);
  });

  it('a different request under a settled key shows what BitGo holds, with a CONFLICT', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer({ body: { allocation: cleared } }, { body: { allocation: cleared } });
    const asked = input();
    await workflow.run(caller, 'allocation', asked);
    const other = await workflow.run(caller, 'allocation', input({ quantity: '999', clientExternalId: asked.clientExternalId! }));
    assert.equal(other.allocation?.id, cleared.id);
    assert.deepEqual(other.userErrors.map((e) => e.code), ['CONFLICT']);
    const [first, second] = bitgo.submissions();
    assert.equal(second!.body, first!.body, 'the held request is what was re-sent');
  });

  it('a corrected request may use a key whose first request BitGo refused outright', async () => {
    const { bitgo, workflow } = setup();
    bitgo.answer(http(404), { body: { allocation: cleared } });
    const asked = input();
    assert.equal((await workflow.run(caller, 'allocation', asked)).userErrors[0]?.code, 'NOT_FOUND');
    const fixed = await workflow.run(caller, 'allocation', input({ clientExternalId: asked.clientExternalId!, connectionId: randomUUID() }));
    assert.deepEqual(fixed.userErrors.map((e) => e.code), ['CONFLICT'], 'BitGo holds the allocation for the other connection: said so');
    const [first, second] = bitgo.submissions();
    assert.notEqual(second!.body, first!.body, 'signed anew');
  });

  it('a repeat by a caller BitGo refuses (401, 403) is refused top-level and leaves the row as it was', async () => {
    for (const [first, state] of [[http(500, { allocation: reservedRetriable }), 'pending'], [{ error: { kind: 'timeout', operation: 'POST x' } } as Scripted, 'unknown']] as const) {
      for (const status of [401, 403]) {
        const { bitgo, journal, workflow } = setup();
        bitgo.answer(first, http(status));
        const asked = input();
        assert.equal((await workflow.run(caller, 'allocation', asked)).userErrors[0]?.code, 'OUTCOME_UNKNOWN');
        await assert.rejects(workflow.run(caller, 'allocation', asked), (error: unknown) => error instanceof AppError && error.code === (status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
        const held = await journal.find({ enterpriseId: ENTERPRISE, kind: 'allocate', idempotencyKey: asked.clientExternalId! });
        assert.equal(held?.state, state, `${status} after ${state}`);
        assert.equal(held?.settledAt, null);
      }
    }
  });

  it('a journal that fails to record the answer never costs the caller the allocation or its generated key', async () => {
    const { bitgo, journal, workflow } = setup();
    bitgo.answer({ body: { allocation: cleared } });
    journal.recordAnswer = () => Promise.reject(new Error('connection terminated'));
    const asked = Object.assign(input(), { clientExternalId: undefined });
    const result = await workflow.run(caller, 'allocation', asked);
    assert.equal(result.allocation?.id, cleared.id);
    assert.deepEqual(result.userErrors, []);
    const held = await journal.find({ enterpriseId: ENTERPRISE, kind: 'allocate', idempotencyKey: result.clientExternalId });
    assert.equal(held?.state, 'pending', 'left unsettled for the reconciler, under the key the caller was told');
  });

  it('bad input makes no call at all', async () => {
    const { bitgo, workflow } = setup();
    const result = await workflow.run(caller, 'allocation', input({ quantity: '01' }));
    assert.deepEqual(result.userErrors.map((e) => [e.code, e.field]), [['INVALID_INPUT', ['input', 'amount', 'quantity']]]);
    assert.equal(bitgo.sent.length, 0);
  });
});
