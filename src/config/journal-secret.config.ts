import { derived, text, type EnvReader } from './variables.js';

/** 32 bytes as 64 hex digits, or as base64 / base64url (43 or 44 characters). */
function decode(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

const JOURNAL_SECRET_KEY = text('JOURNAL_SECRET_KEY', {
  secret: true,
  defaultText: 'the embedded store makes one in DATA_DIR (`journal-secret.key`, 0600); on PostgreSQL, unset means `connect` is refused',
  description:
    'The key (32 bytes: 64 hex digits or base64, e.g. `openssl rand -base64 32`) the journal seals a connect\'s secrets with (AES-256-GCM). Every replica of one database needs the same one.',
});
const JOURNAL_SECRET_KEY_FILE = text('JOURNAL_SECRET_KEY_FILE', { description: 'A file holding JOURNAL_SECRET_KEY instead (e.g. a mounted secret).' });

/**
 * JOURNAL_SECRET_KEY (or _FILE) as the key's bytes; undefined when neither is set. Problems never echo the value.
 * The embedded store's own key (main.ts) is made where this answers undefined.
 */
export const journalSecretKey = derived([JOURNAL_SECRET_KEY, JOURNAL_SECRET_KEY_FILE], (reader: EnvReader): Buffer | undefined => {
  const inline = reader.get(JOURNAL_SECRET_KEY);
  const file = reader.get(JOURNAL_SECRET_KEY_FILE);
  if (inline && file) {
    reader.problems.push('set JOURNAL_SECRET_KEY or JOURNAL_SECRET_KEY_FILE, not both');
    return undefined;
  }
  let value = inline;
  if (file) {
    try {
      value = reader.readFile(file);
    } catch {
      reader.problems.push(`JOURNAL_SECRET_KEY_FILE names a file that cannot be read (${file})`);
      return undefined;
    }
  }
  if (value === undefined) return undefined;
  const key = decode(value);
  if (!key) reader.problems.push(`${file ? 'JOURNAL_SECRET_KEY_FILE' : 'JOURNAL_SECRET_KEY'} must hold 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`); the value is not shown`);
  return key;
});
