import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/config/config.js';

describe('PLAYGROUND_KIND', () => {
  it('defaults to the self-hosted GraphiQL and accepts apollo-sandbox', () => {
    assert.equal(loadConfig({}).playgroundKind, 'graphiql');
    assert.equal(loadConfig({ PLAYGROUND_KIND: 'apollo-sandbox' }).playgroundKind, 'apollo-sandbox');
  });

  it('rejects anything else with a clear problem', () => {
    assert.throws(
      () => loadConfig({ PLAYGROUND_KIND: 'playground' }),
      (e: unknown) => e instanceof ConfigError && /PLAYGROUND_KIND must be one of graphiql, apollo-sandbox/.test(e.message),
    );
  });

  it('can be enabled in production explicitly', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production', BITGO_ENV: 'test', PLAYGROUND: 'true' }).playground, true);
  });
});
