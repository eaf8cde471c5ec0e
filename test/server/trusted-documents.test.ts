import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { AllocateDocument, AllocationsPageDocument } from '../generated/graphql.js';
import { useStack, type Stack } from '../helpers/stack.js';

/** codegen.yml's output: what PERSISTED_DOCUMENTS names in a deployment. */
const MANIFEST = fileURLToPath(new URL('../../../test/generated/persisted-documents.json', import.meta.url));
const documents = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
const hashOf = (doc: { __meta__?: { hash?: string } }): string => doc.__meta__!.hash!;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(stack: Stack, body: unknown): Promise<Answer> {
  const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as Answer['body'] };
}

describe('trusted documents (PERSISTED_DOCUMENTS = codegen\'s persisted-documents.json)', () => {
  const stack = useStack({ env: { PERSISTED_DOCUMENTS: MANIFEST } });
  beforeEach(() => stack.sandbox.requests.reset());

  it('the manifest holds every generated operation, keyed by the SHA-256 each generated document carries', () => {
    for (const doc of [AllocationsPageDocument, AllocateDocument]) assert.ok(documents[hashOf(doc as never)], hashOf(doc as never));
  });

  it('runs a listed document named by `documentId`', async () => {
    const res = await post(stack, { documentId: hashOf(AllocationsPageDocument as never), variables: { first: 2 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body.data!.allocations as { edges: unknown[] }).edges.length, 2);
  });

  it('runs one named Apollo\'s way (`extensions.persistedQuery.sha256Hash`, plain hex)', async () => {
    const hex = hashOf(AllocationsPageDocument as never).replace(/^sha256:/, '');
    const res = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: hex } }, variables: { first: 1 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it('runs one named in a GET, and its full text when sent as it was registered', async () => {
    const get = await stack.gateway.app.inject({
      method: 'GET',
      url: `/graphql?documentId=${encodeURIComponent(hashOf(AllocationsPageDocument as never))}&variables=${encodeURIComponent('{"first":1}')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.equal(get.statusCode, 200, get.body);
    const text = await post(stack, { query: documents[hashOf(AllocationsPageDocument as never)], variables: { first: 1 } });
    assert.equal(text.status, 200, JSON.stringify(text.body));
  });

  it('runs a listed mutation: a signed write by id', async () => {
    const res = await post(stack, {
      documentId: hashOf(AllocateDocument as never),
      variables: { input: { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '7' }, clientExternalId: 'trusted-document-allocate' } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body.data!.allocate as { allocation: { status: string } }).allocation.status, 'CLEARED');
  });

  it('refuses an unknown id: 400 PERSISTED_QUERY_NOT_FOUND, nothing run, the id logged', async () => {
    const unknown = 'sha256:' + '0'.repeat(64);
    const res = await post(stack, { documentId: unknown, variables: { secretish: 'not-logged-value' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors![0]!.extensions?.code, 'PERSISTED_QUERY_NOT_FOUND');
    assert.equal(stack.sandbox.requests.count(), 0);
    const line = stack.logs.find((l) => l.includes('unknown trusted document refused'));
    assert.ok(line);
    assert.match(line, /"documentId":"0{64}"/);
    assert.doesNotMatch(line, /not-logged-value/);
  });

  it('refuses any other document: 400 QUERY_NOT_IN_SAFELIST, nothing run, its hash and name logged but not its text', async () => {
    const res = await post(stack, { query: 'query Sneaky { allocations(first: 100) { nodes { id notes } } }', operationName: 'Sneaky' });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors![0]!.extensions?.code, 'QUERY_NOT_IN_SAFELIST');
    assert.equal(stack.sandbox.requests.count(), 0);
    const line = stack.logs.find((l) => l.includes('untrusted document refused'));
    assert.ok(line);
    assert.match(line, /"operationName":"Sneaky"/);
    assert.match(line, /"documentHash":"[0-9a-f]{64}"/);
    assert.doesNotMatch(line, /allocations\(first/);
  });
});

describe('trusted documents off (the default)', () => {
  const stack = useStack();

  it('any valid document runs', async () => {
    const res = await post(stack, { query: '{ allocations(first: 1) { nodes { id } } }' });
    assert.equal(res.status, 200);
  });
});
