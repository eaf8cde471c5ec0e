import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { beforeEach, describe, it, mock } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS, NO_LICENCE_ENTERPRISE_ID, OTHER_CLIENT_ENTERPRISE_ID, SANDBOX_READONLY_TOKEN } from '../../src/sandbox/index.js';
import { allocate, deallocate } from '../helpers/mutations.js';
import { useSqlStack } from '../helpers/sql-stack.js';
import { useStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';
import { SIGNED_REQUESTS, type Page, type Row } from '../helpers/signed-requests.js';
import { newRequest } from '../store/engines.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const ACCESS_READS = { method: 'GET', path: /\/clients\/allocations$/ } as const;

async function list(stack: Stack, variables: Record<string, unknown>, headers?: Record<string, string>): Promise<Page['signedRequests']> {
  const res = await stack.gql<Page>(SIGNED_REQUESTS, variables, headers);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.signedRequests;
}

/** Every row of the default enterprise, newest first, paged 100 at a time. */
async function listAll(stack: Stack, variables: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await list(stack, { ...variables, first: 100, after }, headers);
    rows.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

function expectError(stack: Stack, res: GraphQLResponse, code: string, message?: RegExp, field?: string[]): void {
  assert.ok(res.errors?.length, `expected an error, got ${JSON.stringify(res.data)}`);
  const err = res.errors[0]!;
  assert.equal(err.extensions?.code, code, JSON.stringify(err));
  if (message) assert.match(err.message, message);
  if (field) assert.deepEqual(err.extensions?.field, field);
  assert.equal(res.data ?? null, null, 'no partial list');
  assert.doesNotMatch(JSON.stringify(res), new RegExp(stack.sandbox.token));
}

describe('signedRequests: the audit trail over the SQL journal', () => {
  const stack = useSqlStack({ env: { BITGO_WRITE_DEADLINE_MS: '1200' } });
  const helios = DEMO_CONNECTION_IDS.helios;
  const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
  const amount = { currency: 'ofctbtc', quantity: '123456789012' };
  const made: Record<string, { allocationId: string; status: string; kind: string; connectionId: string; quantity: string; httpStatus: number }> = {};

  beforeEach(() => {
    stack.sandbox.faults.clear();
  });

  it('shows every signed mutation as signed: exact payload, the signature only as its SHA-256, BitGo\'s answer and the events', async () => {
    const { sandbox } = stack;
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofctsol', { available: 3n });
    const cases = [
      { key: `audit-cleared-${randomUUID()}`, kind: 'ALLOCATE', connectionId: helios, currency: 'ofctbtc', quantity: amount.quantity, status: 'CLEARED', httpStatus: 200 },
      { key: `audit-reserved-${randomUUID()}`, kind: 'ALLOCATE', connectionId: nimbus.id, currency: 'ofctbtc', quantity: amount.quantity, status: 'RESERVED', httpStatus: 200 },
      { key: `audit-released-${randomUUID()}`, kind: 'ALLOCATE', connectionId: helios, currency: 'ofctsol', quantity: '5', status: 'RELEASED', httpStatus: 422 },
      { key: `audit-dealloc-${randomUUID()}`, kind: 'DEALLOCATE', connectionId: helios, currency: 'ofctbtc', quantity: '1000', status: 'CLEARED', httpStatus: 200 },
    ];
    for (const c of cases) {
      const input = { connectionId: c.connectionId, amount: { currency: c.currency, quantity: c.quantity }, clientExternalId: c.key, notes: 'audit' };
      const res = c.kind === 'DEALLOCATE' ? await deallocate(stack, input) : await allocate(stack, input);
      assert.equal(res.payload?.allocation?.status, c.status, JSON.stringify(res));
      made[c.key] = { allocationId: res.payload!.allocation!.id, status: c.status, kind: c.kind, connectionId: c.connectionId, quantity: c.quantity, httpStatus: c.httpStatus };
    }

    for (const [key, expected] of Object.entries(made)) {
      const page = await list(stack, { filter: { clientExternalId: key } });
      assert.equal(page.nodes.length, 1, key);
      const row = page.nodes[0]!;
      const stored = sandbox.books.storedByClientExternalId(sandbox.enterpriseId, expected.kind === 'ALLOCATE' ? 'allocation' : 'deallocation', key)!;
      assert.ok(stored.payload && stored.signature, 'the sandbox kept what it was sent');
      assert.equal(row.payload, stored.payload, 'payload is the exact signed string BitGo received');
      assert.equal(row.signatureSha256, sha256(stored.signature), 'signatureSha256 is the SHA-256 of the hex signature as sent');
      assert.equal(JSON.stringify(page).includes(stored.signature), false, 'the signature itself is never answered');
      assert.equal(row.kind, expected.kind);
      assert.equal(row.state, 'SETTLED');
      assert.equal(row.clientExternalId, key);
      assert.equal(row.allocationId, expected.allocationId, 'an allocate learns its allocation from the answer');
      assert.equal(row.connectionId, expected.connectionId);
      assert.equal(row.amount.quantity, expected.quantity);
      assert.equal(row.caller, 'service');
      assert.equal(row.attempts, 1);
      assert.ok(row.settledAt && Date.parse(row.settledAt) >= Date.parse(row.createdAt));
      assert.deepEqual(row.outcome, { httpStatus: expected.httpStatus, allocationId: expected.allocationId, allocationStatus: expected.status, message: row.outcome?.message ?? null });
      assert.deepEqual(row.events.map((e) => e.type), ['COMMITTED', 'ATTEMPT', 'ANSWER']);
      assert.deepEqual(row.events[2]!.outcome, row.outcome);
    }
  });

  it('names a caller by a hash of its own token, never the token', async () => {
    const key = `audit-own-token-${randomUUID()}`;
    const res = await allocate(stack, { connectionId: helios, amount, clientExternalId: key }, { authorization: `Bearer ${stack.sandbox.token}` });
    assert.equal(res.payload?.allocation?.status, 'CLEARED');
    const page = await list(stack, { filter: { clientExternalId: key } });
    assert.equal(page.nodes[0]!.caller, sha256(stack.sandbox.token).slice(0, 16));
    assert.equal(JSON.stringify(page).includes(stack.sandbox.token), false);
  });

  it('OUTCOME_UNKNOWN: the row says UNKNOWN with every attempt, and SETTLED once a repeat gets the answer', async () => {
    const { sandbox } = stack;
    const key = `audit-unknown-${randomUUID()}`;
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true, times: Infinity });
    const first = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
    assert.equal(first.payload?.userErrors[0]?.code, 'OUTCOME_UNKNOWN', JSON.stringify(first));
    const unknown = (await list(stack, { filter: { clientExternalId: key } })).nodes;
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0]!.state, 'UNKNOWN');
    assert.ok(unknown[0]!.attempts >= 1);
    assert.equal(unknown[0]!.events.filter((e) => e.type === 'ATTEMPT').length, unknown[0]!.attempts);
    assert.equal(unknown[0]!.outcome?.httpStatus, null, 'no answer arrived');
    assert.equal(unknown[0]!.settledAt, null);
    const inUnknown = (await list(stack, { filter: { states: ['UNKNOWN'] } })).nodes.map((r) => r.id);
    assert.ok(inUnknown.includes(unknown[0]!.id));

    sandbox.faults.clear();
    const repeat = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
    assert.equal(repeat.payload?.allocation?.status, 'CLEARED', JSON.stringify(repeat));
    const settled = (await list(stack, { filter: { clientExternalId: key } })).nodes[0]!;
    assert.equal(settled.id, unknown[0]!.id, 'one row per key: the repeat sent the journal\'s bytes');
    assert.equal(settled.state, 'SETTLED');
    assert.equal(settled.attempts, unknown[0]!.attempts + 1);
    assert.equal(settled.allocationId, repeat.payload!.allocation!.id);
  });

  it('every filter selects exactly the rows it names, alone and together', async () => {
    const { journal, sandbox } = stack;
    // A partner update row, committed through the store as the partner-update workflow commits one.
    const partnerAllocation = randomUUID();
    await journal.claim(newRequest({ enterpriseId: sandbox.enterpriseId, kind: 'update_allocation', idempotencyKey: `${partnerAllocation}:cleared`, clientExternalId: null, allocationId: partnerAllocation }));
    const all = await listAll(stack);
    assert.ok(all.length >= 7);
    const sorted = [...all].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    assert.deepEqual(all.map((r) => r.id), sorted.map((r) => r.id), 'newest first, ties by id');

    const middle = all[Math.floor(all.length / 2)]!.createdAt;
    const anAllocation = Object.values(made)[0]!.allocationId;
    const filters: Array<[Record<string, unknown>, (r: Row) => boolean]> = [
      [{ kinds: ['DEALLOCATE'] }, (r) => r.kind === 'DEALLOCATE'],
      [{ kinds: ['ALLOCATE', 'UPDATE_ALLOCATION'] }, (r) => r.kind !== 'DEALLOCATE'],
      [{ kinds: ['UPDATE_ALLOCATION'] }, (r) => r.kind === 'UPDATE_ALLOCATION'],
      [{ states: ['SETTLED'] }, (r) => r.state === 'SETTLED'],
      [{ states: ['PENDING', 'UNKNOWN', 'ABANDONED'] }, (r) => r.state !== 'SETTLED'],
      [{ clientExternalId: Object.keys(made)[1] }, (r) => r.clientExternalId === Object.keys(made)[1]],
      [{ clientExternalId: 'nobody-used-this' }, () => false],
      [{ allocationId: anAllocation.toUpperCase() }, (r) => r.allocationId === anAllocation],
      [{ allocationId: partnerAllocation }, (r) => r.allocationId === partnerAllocation],
      [{ createdOnOrAfter: middle }, (r) => Date.parse(r.createdAt) >= Date.parse(middle)],
      [{ createdBefore: middle }, (r) => Date.parse(r.createdAt) < Date.parse(middle)],
      [{ createdOnOrAfter: middle, createdBefore: middle }, () => false],
      [{ kinds: ['ALLOCATE'], states: ['SETTLED'], createdOnOrAfter: all.at(-1)!.createdAt }, (r) => r.kind === 'ALLOCATE' && r.state === 'SETTLED'],
    ];
    for (const [filter, predicate] of filters) {
      const got = await listAll(stack, { filter });
      assert.deepEqual(got.map((r) => r.id), all.filter(predicate).map((r) => r.id), JSON.stringify(filter));
    }
  });

  it('batches events: one journal read per page, whatever its size', async () => {
    const spy = mock.method(stack.journal, 'eventsFor');
    try {
      const page = await list(stack, { first: 8 });
      assert.ok(page.nodes.length >= 7);
      assert.equal(spy.mock.callCount(), 1);
      assert.equal((spy.mock.calls[0]!.arguments[0] as string[]).length, page.nodes.length);
    } finally {
      spy.mock.restore();
    }
  });

  it('refuses bad arguments before reading BitGo or the journal, with the allocations list\'s codes', async () => {
    const { sandbox } = stack;
    const page = await list(stack, { first: 2, filter: { kinds: ['ALLOCATE'] } });
    const cursor = page.pageInfo.endCursor!;
    const allocationsCursor = (await stack.gql<{ allocations: { pageInfo: { endCursor: string } } }>('{ allocations(first: 1) { pageInfo { endCursor } } }')).data!.allocations.pageInfo.endCursor;
    sandbox.requests.reset();
    const spy = mock.method(stack.journal, 'page');
    try {
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 101 }), 'BAD_USER_INPUT', /first/, ['first']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { last: 500 }), 'BAD_USER_INPUT', /last/, ['last']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: -1 }), 'BAD_USER_INPUT', /first/);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 1, last: 1 }), 'BAD_USER_INPUT', /either/, ['last']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 2, after: cursor, filter: { kinds: ['DEALLOCATE'] } }), 'BAD_USER_INPUT', /different filter/, ['after']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { last: 2, before: cursor }), 'BAD_USER_INPUT', /different filter/, ['before']);
      expectError(
        stack,
        await stack.gql(SIGNED_REQUESTS, { first: 2, after: cursor, filter: { kinds: ['ALLOCATE'] }, enterpriseId: sandbox.partnerEnterpriseId }),
        'BAD_USER_INPUT',
        /different filter or enterprise/,
      );
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 2, after: allocationsCursor }), 'BAD_USER_INPUT', /not a cursor/, ['after']);
      const forged = Buffer.from(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^k1\.[0-9a-z]+/, 'k1.0')).toString('base64url');
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 2, after: forged, filter: { kinds: ['ALLOCATE'] } }), 'BAD_USER_INPUT', /not a cursor/);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { filter: { kinds: [] } }), 'BAD_USER_INPUT', /kinds/, ['filter', 'kinds']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { filter: { allocationId: 'nope' } }), 'BAD_USER_INPUT', /UUID/, ['filter', 'allocationId']);
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { filter: { clientExternalId: ' padded' } }), 'BAD_USER_INPUT', /white space/);
      expectError(
        stack,
        await stack.gql(SIGNED_REQUESTS, { filter: { createdOnOrAfter: '2026-02-01T00:00:00Z', createdBefore: '2026-01-01T00:00:00Z' } }),
        'BAD_USER_INPUT',
        /createdOnOrAfter/,
        ['filter', 'createdOnOrAfter'],
      );
      expectError(stack, await stack.gql(SIGNED_REQUESTS, { enterpriseId: 'not an id' }), 'BAD_USER_INPUT', /enterpriseId/);
      assert.equal(sandbox.requests.count(), 0, 'nothing asked of BitGo');
      assert.equal(spy.mock.callCount(), 0, 'nothing read from the journal');
    } finally {
      spy.mock.restore();
    }
  });

  it('pageInfo follows the allocations list: first/after, last/before, empty windows', async () => {
    const all = await listAll(stack);
    const n = all.length;
    const p1 = await list(stack, { first: 3 });
    assert.deepEqual(p1.nodes.map((r) => r.id), all.slice(0, 3).map((r) => r.id));
    assert.deepEqual(p1.pageInfo, { hasNextPage: true, hasPreviousPage: false, startCursor: p1.edges[0]!.cursor, endCursor: p1.edges[2]!.cursor });
    const p2 = await list(stack, { first: 3, after: p1.pageInfo.endCursor });
    assert.deepEqual(p2.nodes.map((r) => r.id), all.slice(3, 6).map((r) => r.id));
    assert.equal(p2.pageInfo.hasPreviousPage, true);
    const back = await list(stack, { last: 3, before: p2.pageInfo.startCursor });
    assert.deepEqual(back.nodes.map((r) => r.id), all.slice(0, 3).map((r) => r.id));
    assert.deepEqual([back.pageInfo.hasPreviousPage, back.pageInfo.hasNextPage], [false, true]);
    const tail = await list(stack, { last: 2 });
    assert.deepEqual(tail.nodes.map((r) => r.id), all.slice(n - 2).map((r) => r.id));
    assert.deepEqual([tail.pageInfo.hasPreviousPage, tail.pageInfo.hasNextPage], [true, false]);
    const none = await list(stack, { first: 0 });
    assert.deepEqual([none.nodes.length, none.pageInfo.hasNextPage, none.pageInfo.startCursor], [0, true, null]);
    const crossed = await list(stack, { first: 5, after: p2.pageInfo.endCursor, before: p1.pageInfo.startCursor });
    assert.deepEqual([crossed.nodes.length, crossed.pageInfo.hasNextPage], [0, false]);
    const between = await list(stack, { first: 10, after: p1.pageInfo.startCursor, before: p2.pageInfo.endCursor });
    assert.deepEqual(between.nodes.map((r) => r.id), all.slice(1, 5).map((r) => r.id));
    assert.equal(between.pageInfo.hasNextPage, false);
  });
});

describe('signedRequests: who may read an enterprise\'s journal', () => {
  const stack = useSqlStack();
  const outsider = `audit-outsider-${randomUUID()}`;

  it('answers a token BitGo lets read the enterprise (the service token, the read-only token), refuses one it does not', async () => {
    const { sandbox } = stack;
    sandbox.books.addToken(outsider, { enterprises: [OTHER_CLIENT_ENTERPRISE_ID], scopes: ['settlement_network_read'] });
    const key = `audit-authz-${randomUUID()}`;
    assert.equal((await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '10' }, clientExternalId: key })).payload?.allocation?.status, 'CLEARED');

    assert.equal((await list(stack, { filter: { clientExternalId: key } })).nodes.length, 1, 'the service token (no header)');
    const readOnly = { authorization: `Bearer ${SANDBOX_READONLY_TOKEN}` };
    assert.equal((await list(stack, { filter: { clientExternalId: key } }, readOnly)).nodes.length, 1, 'a read-only token');

    const own = { authorization: `Bearer ${outsider}` };
    // BitGo answers 404 for an enterprise the token does not belong to: the journal is not shown.
    expectError(stack, await stack.gql(SIGNED_REQUESTS, { filter: { clientExternalId: key } }, own), 'FORBIDDEN', /does not let this access token read/);
    // Its own enterprise: allowed, and nothing of the demo client's is in it.
    assert.deepEqual((await list(stack, { enterpriseId: OTHER_CLIENT_ENTERPRISE_ID }, own)).nodes, []);
    // 403 (no OES licence) is FORBIDDEN too; 401 (an unknown token) is UNAUTHENTICATED.
    expectError(stack, await stack.gql(SIGNED_REQUESTS, { enterpriseId: NO_LICENCE_ENTERPRISE_ID }), 'FORBIDDEN');
    expectError(stack, await stack.gql(SIGNED_REQUESTS, {}, { authorization: `Bearer unknown-${randomUUID()}` }), 'UNAUTHENTICATED', /did not accept/);
    expectError(stack, await stack.gql(SIGNED_REQUESTS, {}, { authorization: 'Basic abc' }), 'UNAUTHENTICATED');
  });

  it('asks BitGo once per token and enterprise: N queries, one upstream read, refusals included, concurrent ones shared', async () => {
    const { sandbox } = stack;
    sandbox.requests.reset();
    const fresh = `audit-cache-${randomUUID()}`;
    sandbox.books.addToken(fresh, { enterprises: [sandbox.enterpriseId], scopes: ['settlement_network_read'] });
    const own = { authorization: `Bearer ${fresh}` };
    await Promise.all(Array.from({ length: 5 }, () => list(stack, { first: 1 }, own)));
    for (let i = 0; i < 5; i++) await list(stack, { first: 1 }, own);
    assert.equal(sandbox.requests.count(ACCESS_READS), 1, '10 queries, one read');
    const read = sandbox.requests.entries(ACCESS_READS)[0]!;
    assert.equal(read.path, `/api/network/v1/enterprises/${sandbox.enterpriseId}/clients/allocations`);
    assert.equal(read.query.pageSize, '1', 'the cheapest read that needs the same permission');

    await list(stack, { first: 1, enterpriseId: sandbox.partnerEnterpriseId });
    await list(stack, { first: 1, enterpriseId: sandbox.partnerEnterpriseId });
    assert.equal(sandbox.requests.count(ACCESS_READS), 2, 'another enterprise: one more read');

    const stranger = `audit-stranger-${randomUUID()}`;
    sandbox.books.addToken(stranger, { enterprises: [OTHER_CLIENT_ENTERPRISE_ID], scopes: ['settlement_network_read'] });
    const refused = { authorization: `Bearer ${stranger}` };
    for (let i = 0; i < 3; i++) expectError(stack, await stack.gql(SIGNED_REQUESTS, {}, refused), 'FORBIDDEN');
    assert.equal(sandbox.requests.count(ACCESS_READS), 3, 'a refusal is kept as well');
  });

  it('does not keep a failure that is not BitGo\'s verdict', async () => {
    const { sandbox } = stack;
    const fresh = `audit-flaky-${randomUUID()}`;
    sandbox.books.addToken(fresh, { enterprises: [sandbox.enterpriseId], scopes: ['settlement_network_read'] });
    const own = { authorization: `Bearer ${fresh}` };
    sandbox.requests.reset();
    sandbox.faults.add({ method: 'GET', path: /\/clients\/allocations$/, status: 503, times: 3 });
    expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 1 }, own), 'UPSTREAM_UNAVAILABLE');
    sandbox.faults.clear();
    assert.equal((await list(stack, { first: 1 }, own)).nodes.length, 1);
    assert.ok(sandbox.requests.count(ACCESS_READS) >= 2, 'asked again after the outage');
  });
});

describe('signedRequests without any token', () => {
  const stack = useStack({ config: { accessToken: undefined } });

  it('is UNAUTHENTICATED before anything is read', async () => {
    stack.sandbox.requests.reset();
    expectError(stack, await stack.gql(SIGNED_REQUESTS, { first: 1 }), 'UNAUTHENTICATED', /No BitGo access token/);
    assert.equal(stack.sandbox.requests.count(), 0);
  });
});
