import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENERATED = join(ROOT, 'test/generated');
const STALE = 'test/generated/ is stale: run `npm run codegen` and commit the result';

describe('test/generated', () => {
  it('is exactly what codegen.yml generates from schema.graphql and test/operations', async () => {
    // The same config file `npm run codegen` reads, generated in memory (nothing is written).
    const { config } = await loadCodegenConfig({ configFilePath: join(ROOT, 'codegen.yml') });
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: ROOT, silent: true }, false);
    assert.ok(outputs.length > 0, 'codegen produced no files');

    const expected = new Map(outputs.map((o) => [relative(ROOT, resolve(ROOT, o.filename)), o.content]));
    const committed = readdirSync(GENERATED).map((f) => relative(ROOT, join(GENERATED, f)));
    assert.deepEqual(committed.sort(), [...expected.keys()].sort(), STALE);
    for (const [file, content] of expected) {
      assert.equal(readFileSync(join(ROOT, file), 'utf8'), content, `${file}: ${STALE}`);
    }
  });
});
