import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the embedded store keeps the journal key it made for itself. */
export const SECRET_KEY_FILE = 'journal-secret.key';

/**
 * The embedded store's journal key in development: made once (32 random bytes, base64), written with mode 0600
 * beside the data it protects, and read back on every later start. `wx`: two processes starting at once cannot both
 * write one (the data-dir lock keeps them apart anyway). A production deployment configures JOURNAL_SECRET_KEY
 * instead: a key beside the database protects against a stolen backup of the database only.
 */
export function loadOrCreateSecretKey(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A file created by an older umask-unaware copy is tightened rather than trusted as it is.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}
