import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse, validate } from 'graphql';
import { playgroundExamples } from '../../../src/gateway.js';
import { SANDBOX_TOKEN } from '../../../src/sandbox/index.js';
import { startStack, useStack } from '../../helpers/stack.js';

/** Every absolute http(s) URL in a text, but the SVG/XHTML namespace names that browsers never fetch. */
function externalUrls(text: string): string[] {
  const namespaces = /^https?:\/\/www\.w3\.org\//;
  return [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((url) => !namespaces.test(url));
}

/** src= and href= values of the page. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('playground over HTTP', () => {
  const stack = useStack({ listen: true });
  let origin: string;
  before(() => {
    origin = new URL(stack.url).origin;
  });

  it('serves GraphiQL at / with a strict CSP and only same-origin references', async () => {
    const res = await fetch(`${origin}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote scripts');
    assert.match(csp, /connect-src 'self'(;|$)/);
    const html = await res.text();
    assert.deepEqual(externalUrls(html), []);
    const refs = references(html);
    assert.ok(refs.length >= 5, `expected the css and four scripts, got ${refs.join(', ')}`);
    for (const ref of refs) assert.match(ref, /^\/playground\/assets\//, `${ref} is not a gateway asset`);
    // Inline scripts are only the JSON settings, which browsers do not execute.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
    assert.deepEqual(inlineScripts, [' type="application/json" id="playground-settings"']);
  });

  it('serves every referenced asset with its content type, long-lived caching and no external URL in our script', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    for (const ref of references(html)) {
      const res = await fetch(`${origin}${ref}`);
      assert.equal(res.status, 200, ref);
      const expected = ref.endsWith('.css') ? /^text\/css/ : /^text\/javascript/;
      assert.match(res.headers.get('content-type') ?? '', expected, ref);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/, ref);
      const body = await res.text();
      assert.ok(body.length > 0, ref);
      if (ref.includes('/playground.')) assert.deepEqual(externalUrls(body), [], 'bootstrap script');
    }
    assert.equal((await fetch(`${origin}/playground/assets/nope.js`)).status, 404);
  });

  it('pre-fills the sandbox demo token and the example tabs', async () => {
    const html = await (await fetch(`${origin}/playground`)).text();
    const json = /<script type="application\/json" id="playground-settings">([^<]*)<\/script>/.exec(html)?.[1];
    assert.ok(json, 'settings element');
    const settings = JSON.parse(json) as { endpoint: string; defaultHeaders: string; tabs: Array<{ query: string; headers: string }> };
    assert.equal(settings.endpoint, '/graphql');
    assert.deepEqual(JSON.parse(settings.defaultHeaders), { Authorization: `Bearer ${SANDBOX_TOKEN}` });
    assert.equal(settings.tabs.length, playgroundExamples().length);
    assert.match(settings.tabs[0]!.query, /allocations\(/);
  });

  it('gives browsers the page on GET /graphql and leaves GET queries to Apollo', async () => {
    const page = await fetch(stack.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(page.headers.get('content-security-policy'));
    const query = await fetch(`${stack.url}?query=${encodeURIComponent('{ allocations(first: 1) { nodes { id } } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    assert.equal(query.status, 200);
    const body = (await query.json()) as { data?: { allocations: { nodes: unknown[] } } };
    assert.equal(body.data?.allocations.nodes.length, 1);
  });

  it('runs the allocate-screen example: balances and connections with theirs', async () => {
    const screen = playgroundExamples().find((op) => op.name === 'AllocateScreen');
    assert.ok(screen, 'an "allocate screen" tab');
    const res = await stack.gql<{ balances: { balances: unknown[] }; networkConnections: { nodes: Array<{ balances: unknown[] }> } }>(screen.query, JSON.parse(screen.variables!));
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.ok(res.data!.balances.balances.length > 0);
    assert.ok(res.data!.networkConnections.nodes.some((c) => c.balances.length > 0));
  });

  it('has example operations that are valid against the schema', () => {
    for (const op of playgroundExamples()) {
      const errors = validate(stack.gateway.schema, parse(op.query));
      assert.deepEqual(errors.map((e) => e.message), [], op.name);
      if (op.variables !== undefined) JSON.parse(op.variables);
    }
  });
});

describe('playground switched off or swapped', () => {
  it('answers 404 at / with PLAYGROUND=false', async () => {
    const stack = await startStack({ env: { PLAYGROUND: 'false' }, listen: true });
    try {
      const origin = new URL(stack.url).origin;
      assert.equal((await fetch(`${origin}/`)).status, 404);
      assert.equal((await fetch(`${origin}/playground`)).status, 404);
      const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
      assert.doesNotMatch(page.headers.get('content-type') ?? '', /text\/html/);
    } finally {
      await stack.close();
    }
  });

  it('leaves the endpoint to Apollo Sandbox with PLAYGROUND_KIND=apollo-sandbox', async () => {
    const stack = await startStack({ env: { PLAYGROUND_KIND: 'apollo-sandbox' }, listen: true });
    try {
      const origin = new URL(stack.url).origin;
      const root = await fetch(`${origin}/`, { redirect: 'manual' });
      assert.equal(root.status, 302);
      assert.equal(root.headers.get('location'), '/graphql');
      const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /apollo/i);
    } finally {
      await stack.close();
    }
  });

  it('does not write a token that is not the sandbox demo token into the page', async () => {
    const stack = await startStack({ config: { accessToken: 'a-real-secret-token' }, listen: true });
    try {
      const html = await (await fetch(`${new URL(stack.url).origin}/`)).text();
      assert.doesNotMatch(html, /a-real-secret-token/);
      assert.doesNotMatch(html, /Bearer/);
    } finally {
      await stack.close();
    }
  });
});
