import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An exclusive lock on the embedded store's data directory. PGlite takes none itself, and two processes on one
 * directory corrupt it. The lock file names its owner (pid, the pid's start time, host); a lock whose owner is
 * gone (killed with -9, machine rebooted) is stale and taken over, so a crash never blocks the next start.
 */
export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  override readonly name = 'DataDirLockedError';
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

interface Owner {
  pid: number;
  /** Start time of the pid in clock ticks since boot (Linux), so a recycled pid is not taken for the owner. */
  start: string | null;
  host: string;
}

const LOCK_FILE = 'store.lock';
/** A takeover that has not finished within this time was interrupted (its process died): clear it. */
const STALE_TAKEOVER_MS = 10_000;

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine: Owner = { pid: process.pid, start: processStart(process.pid), host: hostname() };
  const content = JSON.stringify(mine);
  for (let round = 0; round < 50; round++) {
    if (tryCreate(path, content)) return lockHandle(path, content);
    const held = readOwner(path);
    if (held === 'gone') continue;
    if (held !== 'unreadable' && isAlive(held)) {
      throw new DataDirLockedError(
        `DATA_DIR ${dir} is in use by process ${held.pid} on ${held.host} (lock file ${path}); stop it, or use another DATA_DIR`,
      );
    }
    if (takeOver(path, content, held)) return lockHandle(path, content);
    sleep(20);
  }
  throw new DataDirLockedError(`DATA_DIR ${dir}: could not take the lock ${path} (another process keeps contending for it)`);
}

function lockHandle(path: string, content: string): DataDirLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        if (readFileSync(path, 'utf8') === content) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/** Atomic create with the full content in place: the file appears complete or not at all. */
function tryCreate(path: string, content: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

function readOwner(path: string): Owner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Owner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return 'unreadable';
    return { pid: parsed.pid, start: typeof parsed.start === 'string' ? parsed.start : null, host: parsed.host };
  } catch {
    return 'unreadable';
  }
}

/**
 * Replaces a stale lock. Two processes may find the same stale lock; a guard directory (mkdir is atomic) lets
 * one of them at a time remove it and create its own, so neither removes the lock the other just took.
 */
function takeOver(path: string, content: string, stale: Owner | 'unreadable'): boolean {
  const guard = `${path}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(guard).mtimeMs > STALE_TAKEOVER_MS) rmdirSync(guard);
    } catch {
      // Someone else cleared it.
    }
    return false;
  }
  try {
    const now = readOwner(path);
    const stillStale =
      now === 'gone' || (now === 'unreadable' ? stale === 'unreadable' : stale !== 'unreadable' && sameOwner(now, stale));
    if (!stillStale) return false;
    if (now !== 'gone') unlinkSync(path);
    return tryCreate(path, content);
  } finally {
    rmdirSync(guard);
  }
}

function sameOwner(a: Owner, b: Owner): boolean {
  return a.pid === b.pid && a.start === b.start && a.host === b.host;
}

function isAlive(owner: Owner): boolean {
  // A lock from another host (a shared volume) cannot be checked from here: treat it as held.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: the pid exists under another user.
  }
  if (owner.start === null) return true;
  const start = processStart(owner.pid);
  return start === null || start === owner.start;
}

/** Field 22 of /proc/<pid>/stat (start time), or null where /proc is not there. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
