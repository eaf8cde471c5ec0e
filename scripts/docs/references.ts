import { configurationReference } from './configuration.reference.js';
import { errorsReference } from './errors.reference.js';
import { metricsReference } from './metrics.reference.js';
import { schemaReference } from './schema.reference.js';

/** Every generated reference page: its path from the repository's root, and its text. */
export async function renderReferences(): Promise<Map<string, string>> {
  return new Map([
    ['docs/reference/configuration.md', configurationReference()],
    ['docs/reference/errors.md', errorsReference()],
    ['docs/reference/metrics.md', await metricsReference()],
    ['docs/reference/schema.md', schemaReference()],
  ]);
}
