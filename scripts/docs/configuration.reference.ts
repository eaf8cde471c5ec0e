import { CONFIGURATION } from '../../src/config/config.js';
import { variablesOf, type VariableDoc } from '../../src/config/variables.js';
import { SANDBOX_SETTINGS } from '../../src/sandbox/settings.js';
import { banner, code, table } from './markdown.js';

function variables(docs: readonly VariableDoc[]): string {
  return table(
    ['variable', 'default', 'secret', 'meaning'],
    docs.map((doc) => [code(doc.name), doc.defaultText ?? '', doc.secret ? 'secret' : '', doc.description]),
  );
}

/** docs/reference/configuration.md: every variable, from the configuration's own definitions (src/config/). */
export function configurationReference(): string {
  const sections = CONFIGURATION.map((section) => `## ${section.title}\n\n${section.about}\n\n${variables(variablesOf(section.entries))}\n`);
  return [
    banner('Configuration', 'the definitions in src/config/ and src/sandbox/settings.ts'),
    'Environment variables, read and checked at start-up: every problem is reported at once, one line each, and the',
    'process exits with code 2. Unset and empty are the same. Values are trimmed of surrounding white space, except',
    'secrets (and a PEM), which are taken as given; no message ever quotes a secret. A default written',
    '"(… in production)" applies with `NODE_ENV=production`.',
    '',
    ...sections,
    '## The standalone sandbox',
    '',
    '`npm run sandbox` reads its own variables (it imports nothing of the gateway).',
    '',
    variables(Object.values(SANDBOX_SETTINGS)),
    '',
  ].join('\n');
}
