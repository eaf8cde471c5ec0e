import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PENDING_CONNECTION_ID } from '../../src/sandbox/index.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';
import { allocate, writeCalls } from '../helpers/mutations.js';
import { spyOnSignatures } from '../helpers/spies.js';
import { useStack, type Stack } from '../helpers/stack.js';

const helios = DEMO_CONNECTION_IDS.helios;

const DRY = `
  mutation Dry($input: AllocateInput!) {
    allocate(input: $input) { clientExternalId allocation { id } userErrors { field message code } dryRun { payload available availableAfter } }
  }`;

interface DryAnswer {
  clientExternalId: string;
  allocation: { id: string } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  dryRun: { payload: string; available: string; availableAfter: string } | null;
}

async function dryRun(stack: Stack, type: 'allocate' | 'deallocate', input: Record<string, unknown>): Promise<DryAnswer> {
  const query = type === 'allocate' ? DRY : DRY.replace('allocate(input', 'deallocate(input');
  const res = await stack.gql<Record<string, DryAnswer>>(query, { input: { dryRun: true, ...input } });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data![type]!;
}

/** Counts calls to the journal (calling through): a dry run must not even read it. */
function spyOnJournal(): { count(): number } {
  const spies: Array<ReturnType<typeof mock.method>> = [];
  before(() => {
    for (const name of ['claim', 'find', 'recordAttempt', 'recordAnswer', 'events'] as const) spies.push(mock.method(MemoryJournalStore.prototype, name));
  });
  after(() => spies.forEach((s) => s.mock.restore()));
  return { count: () => spies.reduce((n, s) => n + s.mock.callCount(), 0) };
}

/** What the sandbox serves for exactly this signing request: the reference a dry run's payload must equal byte for byte. */
async function servedPayload(stack: Stack, type: 'allocation' | 'deallocation', connectionId: string, payload: string): Promise<string> {
  const p = JSON.parse(payload) as { amount: unknown; clientExternalId: string; nonce: string; notes?: string };
  const body = { amount: p.amount, clientExternalId: p.clientExternalId, nonce: p.nonce, ...(p.notes === undefined ? {} : { notes: p.notes }) };
  const res = await fetch(`${stack.sandbox.url}/api/network/v1/enterprises/${stack.sandbox.enterpriseId}/clients/connections/${connectionId}/${type}s/signing`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { payload: string }).payload;
}

describe('allocate / deallocate with dryRun: true', () => {
  const stack = useStack();
  const signatures = spyOnSignatures();
  const journal = spyOnJournal();
  const answers: string[] = [];
  beforeEach(() => {
    stack.sandbox.faults.clear();
    stack.sandbox.requests.reset();
  });

  /** Nothing signed, nothing written, nothing journaled, whatever the dry run answered. */
  function assertNothingDone(): void {
    assert.equal(signatures.count(), 0, 'no signer call');
    assert.equal(writeCalls(stack), 0, 'no write upstream');
    assert.equal(journal.count(), 0, 'the journal was not touched');
  }

  it('allocate: answers the payload BitGo serves and the trading balance before and after, and does nothing', async () => {
    const { sandbox } = stack;
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofcteth', { available: 10n ** 27n + 5n });
    const connectionBefore = sandbox.books.connectionBalance(helios, 'ofcteth');
    const quantity = '123456789012345678901234567';
    const clientExternalId = `dry-${randomUUID()}`;
    const answer = await dryRun(stack, 'allocate', { connectionId: helios.toUpperCase(), amount: { currency: 'ofcteth', quantity }, clientExternalId, notes: 'preview' });
    answers.push(JSON.stringify(answer));
    assert.deepEqual(answer.userErrors, []);
    assert.equal(answer.allocation, null);
    assert.equal(answer.clientExternalId, clientExternalId);
    assert.equal(answer.dryRun!.available, (10n ** 27n + 5n).toString());
    assert.equal(answer.dryRun!.availableAfter, (10n ** 27n + 5n - BigInt(quantity)).toString());
    const payload = JSON.parse(answer.dryRun!.payload) as Record<string, unknown>;
    assert.deepEqual(
      { ...payload, nonce: undefined },
      { amount: { currency: 'ofcteth', quantity }, clientExternalId, nonce: undefined, notes: 'preview', connectionId: helios, enterpriseId: sandbox.enterpriseId },
    );
    // The calls it made: the payload, the connection, the balances and what the connection's partner accepts, nothing else.
    const calls = sandbox.requests.entries().map((e) => `${e.method} ${e.path.replace(/^.*\/enterprises\/[^/]+\//, '')}`).sort();
    assert.deepEqual(calls, [`GET clients/balances`, `GET clients/connections/${helios}`, 'GET supportedCurrencies', `POST clients/connections/${helios}/allocations/signing`]);
    assert.equal(await servedPayload(stack, 'allocation', helios, answer.dryRun!.payload), answer.dryRun!.payload);
    assertNothingDone();
    assert.equal(sandbox.books.balance(sandbox.enterpriseId, 'ofcteth').available, 10n ** 27n + 5n);
    assert.deepEqual(sandbox.books.connectionBalance(helios, 'ofcteth'), connectionBefore);
    assert.equal(sandbox.books.findByClientExternalId(sandbox.enterpriseId, 'allocation', clientExternalId), undefined);
  });

  it('deallocate: draws on the connection\'s network balance', async () => {
    const { sandbox } = stack;
    sandbox.books.setConnectionBalance(helios, 'ofctusdc', { available: 5000n });
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofctusdc', { available: 1n });
    const answer = await dryRun(stack, 'deallocate', { connectionId: helios, amount: { currency: 'ofctusdc', quantity: '4999' } });
    answers.push(JSON.stringify(answer));
    assert.deepEqual(answer.userErrors, []);
    assert.deepEqual({ available: answer.dryRun!.available, availableAfter: answer.dryRun!.availableAfter }, { available: '5000', availableAfter: '1' });
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/deallocations\/signing$/ }), 1);
    assert.equal(await servedPayload(stack, 'deallocation', helios, answer.dryRun!.payload), answer.dryRun!.payload);
    assertNothingDone();
    assert.equal(sandbox.books.connectionBalance(helios, 'ofctusdc').available, 5000n);
  });

  it('INSUFFICIENT_BALANCE when the balance drawn on does not cover the amount, exactly at the boundary', async () => {
    const { sandbox } = stack;
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofctxrp', { available: 700n });
    const exact = await dryRun(stack, 'allocate', { connectionId: helios, amount: { currency: 'ofctxrp', quantity: '700' } });
    assert.deepEqual(exact.userErrors, []);
    assert.equal(exact.dryRun!.availableAfter, '0');
    const short = await dryRun(stack, 'allocate', { connectionId: helios, amount: { currency: 'ofctxrp', quantity: '701' } });
    answers.push(JSON.stringify(short));
    assert.equal(short.dryRun, null);
    assert.deepEqual(short.userErrors.map((e) => [e.code, e.field]), [['INSUFFICIENT_BALANCE', ['input', 'amount', 'quantity']]]);
    assert.match(short.userErrors[0]!.message, /^700 ofctxrp available in the trading account does not cover 701$/);
    // A currency BitGo knows but the account has never held: nothing available.
    assert.equal(sandbox.books.balance(sandbox.enterpriseId, 'ofcsol').available, 0n);
    const none = await dryRun(stack, 'allocate', { connectionId: helios, amount: { currency: 'ofcsol', quantity: '1' } });
    assert.equal(none.userErrors[0]?.code, 'INSUFFICIENT_BALANCE');
    sandbox.books.setConnectionBalance(helios, 'ofctxrp', { available: 3n });
    const dealloc = await dryRun(stack, 'deallocate', { connectionId: helios, amount: { currency: 'ofctxrp', quantity: '4' } });
    assert.deepEqual(dealloc.userErrors.map((e) => e.code), ['INSUFFICIENT_BALANCE']);
    assert.match(dealloc.userErrors[0]!.message, /on the connection/);
    assertNothingDone();
  });

  it('CONNECTION_INACTIVE for a deactivated connection and for one the partner has not initialized; NOT_FOUND for an unknown one', async () => {
    const amount = { currency: 'ofctbtc', quantity: '1' };
    for (const type of ['allocate', 'deallocate'] as const) {
      const inactive = await dryRun(stack, type, { connectionId: DEMO_CONNECTION_IDS.heliosLegacyInactive, amount });
      answers.push(JSON.stringify(inactive));
      assert.equal(inactive.dryRun, null);
      assert.deepEqual(inactive.userErrors.map((e) => [e.code, e.field]), [['CONNECTION_INACTIVE', ['input', 'connectionId']]], type);
      assert.match(inactive.userErrors[0]!.message, /deactivated/);
    }
    const pending = await dryRun(stack, 'allocate', { connectionId: DEMO_PENDING_CONNECTION_ID, amount });
    assert.deepEqual(pending.userErrors.map((e) => e.code), ['CONNECTION_INACTIVE']);
    assert.match(pending.userErrors[0]!.message, /not initialized/);
    const unknown = await dryRun(stack, 'allocate', { connectionId: randomUUID(), amount });
    assert.deepEqual(unknown.userErrors.map((e) => [e.code, e.field]), [['NOT_FOUND', ['input', 'connectionId']]]);
    assertNothingDone();
  });

  it('validates first: bad input costs no upstream call', async () => {
    const answer = await dryRun(stack, 'allocate', { connectionId: 'nope', amount: { currency: 'ofctbtc', quantity: '01' } });
    assert.deepEqual(answer.userErrors.map((e) => e.code), ['INVALID_INPUT', 'INVALID_INPUT']);
    assert.equal(answer.dryRun, null);
    assert.equal(stack.sandbox.requests.count(), 0);
    assertNothingDone();
  });

  it('holds nothing: the real mutation after it fetches a fresh payload, signs it and allocates', async () => {
    const clientExternalId = `dry-then-real-${randomUUID()}`;
    const input = { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '4321' }, clientExternalId };
    const preview = await dryRun(stack, 'allocate', input);
    assert.deepEqual(preview.userErrors, []);
    const previewNonce = (JSON.parse(preview.dryRun!.payload) as { nonce: string }).nonce;
    assertNothingDone();
    stack.sandbox.requests.reset();
    const real = await stack.gql<{ allocate: DryAnswer & { allocation: { id: string; status: string } } }>(
      DRY.replace('allocation { id }', 'allocation { id status }'),
      { input: { ...input, dryRun: false } },
    );
    assert.equal(real.errors, undefined, JSON.stringify(real.errors));
    assert.deepEqual(real.data!.allocate.userErrors, []);
    assert.equal(real.data!.allocate.allocation.status, 'CLEARED');
    assert.equal(real.data!.allocate.dryRun, null);
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/allocations\/signing$/ }), 1, 'a fresh payload');
    assert.equal(writeCalls(stack), 1);
    assert.equal(signatures.count(), 1);
    const stored = stack.sandbox.books.record(real.data!.allocate.allocation.id)!;
    assert.notEqual((JSON.parse(stored.payload!) as { nonce: string }).nonce, previewNonce, 'the preview\'s nonce was never used');
    // A second dry run under the key now in use still holds nothing and signs nothing.
    const again = await dryRun(stack, 'allocate', input);
    assert.deepEqual(again.userErrors, []);
    assert.equal(signatures.count(), 1);
  });

  it('never answers a signature', () => {
    assert.ok(answers.length >= 5);
    for (const a of answers) {
      assert.doesNotMatch(a, /[0-9a-f]{130}/, 'no 65-byte signature in hex');
      assert.doesNotMatch(a, /signature/i);
    }
  });
});

describe('dry run without a signer', () => {
  const stack = useStack({ signers: null });

  it('answers SIGNER_UNAVAILABLE before any upstream call: the real mutation could not sign', async () => {
    const res = await stack.gql(DRY, { input: { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1' }, dryRun: true } });
    assert.equal(res.errors?.[0]?.extensions?.code, 'SIGNER_UNAVAILABLE', JSON.stringify(res));
    assert.equal(stack.sandbox.requests.count(), 0);
  });
});

describe('allocate outside a dry run', () => {
  const stack = useStack();

  it('is unchanged: an inactive connection still goes to BitGo, which releases it', async () => {
    const { payload } = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.heliosLegacyInactive, amount: { currency: 'ofctbtc', quantity: '5' } });
    assert.equal(payload!.allocation?.status, 'RELEASED');
    assert.deepEqual(payload!.userErrors.map((e) => e.code), ['RELEASED']);
    assert.equal(writeCalls(stack), 1);
    assert.equal(stack.sandbox.requests.count({ path: /\/balances$/ }), 0, 'no dry-run reads');
    // Only the supported-currency check's, once per caller and connection: a second allocate reads nothing.
    const reads = () => stack.sandbox.requests.count({ path: /\/(connections\/[^/]+|supportedCurrencies)$/ });
    assert.ok(reads() <= 2);
    const before = reads();
    await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.heliosLegacyInactive, amount: { currency: 'ofctbtc', quantity: '6' } });
    assert.equal(reads(), before);
  });
});
