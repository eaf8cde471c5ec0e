import { readFileSync } from 'node:fs';

type Env = Readonly<Record<string, string | undefined>>;

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

/**
 * JOURNAL_SECRET_KEY (or _FILE): the key the journal seals a connect's secrets with (store/secret-box.ts). Every
 * replica of one database needs the same one. Unset: the embedded store makes one in DATA_DIR (main.ts); on
 * PostgreSQL connecting is then refused. Problems never echo the value.
 */
export function loadJournalSecretKey(env: Env, problems: string[]): Buffer | undefined {
  const inline = env.JOURNAL_SECRET_KEY || undefined;
  const file = env.JOURNAL_SECRET_KEY_FILE || undefined;
  if (inline && file) {
    problems.push('set JOURNAL_SECRET_KEY or JOURNAL_SECRET_KEY_FILE, not both');
    return undefined;
  }
  let text = inline;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      problems.push(`JOURNAL_SECRET_KEY_FILE names a file that cannot be read (${file})`);
      return undefined;
    }
  }
  if (text === undefined) return undefined;
  const key = decode(text);
  if (!key) problems.push(`${file ? 'JOURNAL_SECRET_KEY_FILE' : 'JOURNAL_SECRET_KEY'} must hold 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`); the value is not shown`);
  return key;
}
