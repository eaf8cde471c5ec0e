import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startStack, useStack } from '../../helpers/stack.js';

const INTROSPECTION = '{ __schema { types { name } } }';

describe('production (NODE_ENV=production)', () => {
  const stack = useStack({ env: { NODE_ENV: 'production', BITGO_ENV: 'test' }, listen: true });

  it('serves no playground', async () => {
    const origin = new URL(stack.url).origin;
    assert.equal((await fetch(`${origin}/`)).status, 404);
    assert.equal((await fetch(`${origin}/playground`)).status, 404);
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    assert.doesNotMatch(page.headers.get('content-type') ?? '', /text\/html/);
  });

  it('refuses introspection', async () => {
    const res = await stack.gql(INTROSPECTION);
    assert.ok(res.errors?.length, 'an error');
    assert.equal(res.data ?? undefined, undefined);
    assert.match(res.errors[0]!.message, /introspection/i);
  });

  it('does not suggest field names in errors', async () => {
    const res = await stack.gql('{ allocationz { nodes { id } } }');
    assert.ok(res.errors?.length, 'an error');
    for (const error of res.errors) assert.doesNotMatch(error.message, /did you mean/i);
  });

  it('still answers the federation _service query', async () => {
    const res = await stack.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.match(res.data!._service.sdl, /@key/);
  });
});

describe('production with INTROSPECTION=true', () => {
  it('answers introspection', async () => {
    const stack = await startStack({ env: { NODE_ENV: 'production', BITGO_ENV: 'test', INTROSPECTION: 'true' } });
    try {
      const res = await stack.gql<{ __schema: { types: Array<{ name: string }> } }>(INTROSPECTION);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.ok(res.data!.__schema.types.some((t) => t.name === 'Allocation'));
    } finally {
      await stack.close();
    }
  });
});

describe('outside production', () => {
  it('does suggest field names (the production test above is not vacuous)', async () => {
    const stack = await startStack();
    try {
      const res = await stack.gql('{ allocationz { nodes { id } } }');
      assert.match(res.errors?.[0]?.message ?? '', /did you mean/i);
    } finally {
      await stack.close();
    }
  });
});
