import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CODE_SOURCES, documentedMembers } from '../../scripts/docs/errors.reference.js';
import { renderReferences } from '../../scripts/docs/references.js';
import { CONFIGURATION } from '../../src/config/config.js';
import { variablesOf } from '../../src/config/variables.js';

const STALE = 'is stale: run `npm run docs` and commit the result';

describe('docs/reference/', () => {
  it('is exactly what the code generates (configuration, error codes, metrics, schema)', async () => {
    for (const [path, text] of await renderReferences()) {
      const committed = readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
      assert.equal(committed, text, `${path} ${STALE}`);
    }
  });

  it('lists every code of each definition, each with its meaning (a doc comment on the member)', () => {
    for (const source of CODE_SOURCES) {
      const members = documentedMembers(source.file, source.name);
      const keys = Object.keys(source.runtime).filter((key) => Number.isNaN(Number(key)));
      assert.deepEqual([...members.keys()].sort(), keys.sort(), `${source.name}: every member is read from ${source.file}`);
      const undocumented = [...members].filter(([, meaning]) => !meaning).map(([key]) => key);
      assert.deepEqual(undocumented, [], `${source.name} in ${source.file}: give these a /** meaning */ comment`);
    }
  });

  it('defines every variable once, with a meaning', () => {
    const all = CONFIGURATION.flatMap((section) => variablesOf(section.entries));
    const names = all.map((v) => v.name);
    assert.deepEqual(names.filter((name, i) => names.indexOf(name) !== i), [], 'a variable defined in two sections');
    assert.deepEqual(all.filter((v) => v.description.trim() === '').map((v) => v.name), [], 'variables without a description');
    assert.ok(names.length > 50, `found ${names.length} variables`);
  });

  it('is the only way the environment is read: process.env is handed to the definitions by the programs alone', () => {
    const src = fileURLToPath(new URL('../../../src/', import.meta.url));
    const readers = (readdirSync(src, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && readFileSync(join(src, file), 'utf8').includes('process.env'))
      .sort();
    // main.ts passes it to loadConfig and loadSignerConfig, config.ts defaults loadConfig and loadStoreConfig to it, and
    // the standalone sandbox passes it to its own settings (it imports nothing of the gateway).
    assert.deepEqual(readers, ['config/config.ts', 'main.ts', 'sandbox/main.ts']);
  });
});
