import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { OPERATION_DEFAULTS } from '../../src/config/operations.config.js';
import { startupWarnings } from '../../src/config/startup.checks.js';

const PROD = { NODE_ENV: 'production', BITGO_ENV: 'test' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return [...e.problems];
  }
}

describe('operations configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has production defaults: armor limits, 64 KB bodies, 600 reads and 60 writes a minute, no anonymous acting', () => {
    const ops = loadConfig(PROD).operations;
    assert.deepEqual(
      { maxDepth: ops.maxDepth, maxAliases: ops.maxAliases, maxTokens: ops.maxTokens, maxDirectives: ops.maxDirectives, maxCost: ops.maxCost, bodyLimitBytes: ops.bodyLimitBytes },
      { maxDepth: 8, maxAliases: 30, maxTokens: 1_000, maxDirectives: 50, maxCost: 25_000, bodyLimitBytes: 65_536 },
    );
    assert.equal(ops.readsPerMinute, OPERATION_DEFAULTS.readsPerMinute);
    assert.equal(ops.writesPerMinute, OPERATION_DEFAULTS.writesPerMinute);
    assert.equal(ops.allowServiceToken, false);
    assert.equal(ops.trustedDocuments, undefined);
    assert.equal(ops.redisUrl, undefined);
    assert.equal(ops.trustProxy, false);
  });

  it('outside production: the same abuse limits, rate limits off, the service token for anonymous callers', () => {
    const ops = loadConfig({}).operations;
    assert.equal(ops.maxDepth, 8);
    assert.equal(ops.readsPerMinute, 0);
    assert.equal(ops.writesPerMinute, 0);
    assert.equal(ops.allowServiceToken, true);
  });

  it('reads every variable', () => {
    const ops = loadConfig({
      ...PROD,
      GRAPHQL_MAX_DEPTH: '12',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_TOKENS: '2000',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_COST: '9000',
      BODY_LIMIT_BYTES: '131072',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: '10',
      REDIS_URL: 'rediss://user:pw@redis.internal:6380/2',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      ALLOW_SERVICE_TOKEN: 'true',
      BITGO_ACCESS_TOKEN: 'tok',
    }).operations;
    assert.deepEqual(
      [ops.maxDepth, ops.maxAliases, ops.maxTokens, ops.maxDirectives, ops.maxCost, ops.bodyLimitBytes, ops.readsPerMinute, ops.writesPerMinute],
      [12, 5, 2000, 3, 9000, 131072, 0, 10],
    );
    assert.equal(ops.redisUrl, 'rediss://user:pw@redis.internal:6380/2');
    assert.deepEqual(ops.trustProxy, ['10.0.0.0/8', '192.168.1.1']);
    assert.equal(ops.allowServiceToken, true);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).operations.trustProxy, true);
  });

  it('reports every bad value at once, never echoing a Redis URL (it may hold a password)', () => {
    const found = problems({
      GRAPHQL_MAX_DEPTH: '0',
      GRAPHQL_MAX_COST: 'lots',
      BODY_LIMIT_BYTES: '10',
      RATE_LIMIT_READS_PER_MINUTE: '-1',
      REDIS_URL: 'http://user:hunter2@redis:6379',
      TRUST_PROXY: 'two',
      ALLOW_SERVICE_TOKEN: 'maybe',
    });
    assert.equal(found.length, 7, found.join('\n'));
    assert.ok(found.some((p) => /^GRAPHQL_MAX_DEPTH must be an integer from 1/.test(p)));
    assert.ok(found.some((p) => /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/.test(p)));
    assert.doesNotMatch(found.join('\n'), /hunter2/);
  });

  it('refuses what can never work: ALLOW_SERVICE_TOKEN=true without BITGO_ACCESS_TOKEN', () => {
    assert.deepEqual(problems({ ...PROD, ALLOW_SERVICE_TOKEN: 'true' }), ['ALLOW_SERVICE_TOKEN=true needs BITGO_ACCESS_TOKEN: there is no service token to act with']);
    assert.deepEqual(problems({ ALLOW_SERVICE_TOKEN: 'true' }), [], 'the embedded sandbox brings its own token');
  });

  it('loads PERSISTED_DOCUMENTS, keyed by hex, and refuses a file that is missing, malformed, or whose hashes are not its documents\'', () => {
    const doc = 'query A { allocations { nodes { id } } }';
    const hash = createHash('sha256').update(doc).digest('hex');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ [`sha256:${hash}`]: doc }));
    assert.equal(loadConfig({ PERSISTED_DOCUMENTS: good }).operations.trustedDocuments?.get(hash), doc);

    const forged = join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ [`sha256:${hash}`]: 'mutation { allocate { id } }' }));
    const shape = join(dir, 'shape.json');
    writeFileSync(shape, JSON.stringify(['not', 'a', 'map']));
    assert.match(problems({ PERSISTED_DOCUMENTS: forged })[0]!, /1 hash\(es\) are not the SHA-256 of their document/);
    assert.match(problems({ PERSISTED_DOCUMENTS: shape })[0]!, /must map SHA-256 hashes/);
    assert.match(problems({ PERSISTED_DOCUMENTS: join(dir, 'missing.json') })[0]!, /could not be read as JSON \(ENOENT\)/);
  });
});

describe('start-up warnings', () => {
  it('name what is missing against a real upstream, and nothing on the embedded sandbox', () => {
    const bare = loadConfig({ BITGO_BASE_URL: 'https://bitgo.internal' });
    assert.equal(startupWarnings(bare, { signer: false, embeddedSandbox: false }).length, 3);
    assert.deepEqual(startupWarnings(bare, { signer: false, embeddedSandbox: true }), []);
    const complete = loadConfig({ BITGO_BASE_URL: 'https://bitgo.internal', BITGO_ACCESS_TOKEN: 't', BITGO_ENTERPRISE_ID: 'e1' });
    assert.deepEqual(startupWarnings(complete, { signer: true, embeddedSandbox: false }), []);
  });

  it('say so when production lets anonymous callers act with the service token', () => {
    const open = loadConfig({ ...PROD, BITGO_ACCESS_TOKEN: 't', BITGO_ENTERPRISE_ID: 'e1', ALLOW_SERVICE_TOKEN: 'true' });
    const [warning] = startupWarnings(open, { signer: true, embeddedSandbox: false });
    assert.match(warning!, /ALLOW_SERVICE_TOKEN=true: requests without Authorization act with BITGO_ACCESS_TOKEN/);
  });
});
