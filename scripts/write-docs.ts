import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReferences } from './docs/references.js';

// `npm run docs`: writes every generated reference page; a test fails while a committed one differs.
const root = fileURLToPath(new URL('../../', import.meta.url));
for (const [path, text] of await renderReferences()) {
  mkdirSync(dirname(`${root}${path}`), { recursive: true });
  writeFileSync(`${root}${path}`, text);
  process.stdout.write(`wrote ${path} (${text.length} bytes)\n`);
}
