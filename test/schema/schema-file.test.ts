import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildGatewaySchema, printGatewaySchema } from '../../src/schema/build-schema.js';

describe('schema.graphql', () => {
  it('is exactly what the code prints (run `npm run schema` after changing the schema)', async () => {
    const printed = printGatewaySchema(await buildGatewaySchema());
    const committed = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    assert.equal(committed, printed);
  });

  it('is a Federation 2 subgraph with Allocation and NetworkConnection entities and a shareable PageInfo', () => {
    const committed = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    assert.match(committed, /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    assert.match(committed, /type Allocation\s+@key\(fields: "id"\)/);
    assert.match(committed, /type NetworkConnection\s+@key\(fields: "id"\)/);
    assert.doesNotMatch(committed, /^type Connection\b/m);
    assert.match(committed, /type PageInfo\s+@shareable/);
  });
});
