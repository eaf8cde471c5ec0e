import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/**
 * BENCH_BASELINE=<git ref>: an earlier build of this repository's gateway, measured in the same run as the current
 * one. The ref is checked out in a temporary git worktree and only its src/ is compiled: all the bench needs from it
 * is `dist/src/main.js`, so a ref with another src/ layout works as long as its gateway reads the same environment
 * and announces itself the same way. The sandbox, the load generator and the node flags stay the current build's, so
 * only the gateway differs.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BaselineBuild {
  /** The ref as given, its commit and subject. */
  ref: string;
  commit: string;
  subject: string;
  /** The baseline gateway's entry point (its dist/src/main.js). */
  entry: string;
  /** How its dependencies were provided: this checkout's node_modules (same lockfile) or an offline `npm ci`. */
  dependencies: 'linked' | 'installed offline';
  buildSeconds: number;
  /** Removes the worktree; safe to call more than once. */
  remove(): void;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function run(what: string, command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`bench baseline: ${what} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/**
 * Not a git ref, a build at hand: `self` is this build's own gateway (with BENCH_BASELINE_ENV, to measure a
 * switch such as METRICS=false in one run); `apollo-floor` and `floor` are the reference gateways of
 * bench/reference/ (reads only).
 */
const AT_HAND: Record<string, { entry: string; subject: string }> = {
  self: { entry: join(ROOT, 'dist/src/main.js'), subject: 'this build, with BENCH_BASELINE_ENV' },
  'apollo-floor': { entry: join(ROOT, 'dist/bench/reference/apollo-floor.gateway.js'), subject: 'bench/reference/apollo-floor.gateway.ts' },
  floor: { entry: join(ROOT, 'dist/bench/reference/floor.gateway.js'), subject: 'bench/reference/floor.gateway.ts' },
};

export function buildBaseline(ref: string, log: (line: string) => void): BaselineBuild {
  const atHand = AT_HAND[ref];
  if (atHand) {
    const commit = git(ROOT, 'rev-parse', 'HEAD');
    log(`bench: baseline ${ref} = ${atHand.entry}`);
    return { ref, commit, subject: atHand.subject, entry: atHand.entry, dependencies: 'linked', buildSeconds: 0, remove() {} };
  }
  const started = performance.now();
  let commit: string;
  try {
    commit = git(ROOT, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new Error(`BENCH_BASELINE=${ref} is not a commit of this repository`);
  }
  const subject = git(ROOT, 'log', '-1', '--format=%s', commit);
  const parent = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
  const tree = join(parent, 'repo');
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    try {
      git(ROOT, 'worktree', 'remove', '--force', tree);
    } catch {
      // Not added yet, or already gone: the directory is removed below either way.
    }
    rmSync(parent, { recursive: true, force: true });
  };
  // Ctrl-C or an error: the worktree does not outlive the bench (the exit handlers of procs.ts stop the children).
  process.once('exit', remove);
  try {
    log(`bench: baseline ${ref} = ${commit.slice(0, 12)} (${subject}) in a temporary worktree …`);
    git(ROOT, 'worktree', 'add', '--detach', '--quiet', tree, commit);

    // The same lockfile means the installed packages are exactly the ref's: link them. Otherwise install the ref's
    // own from npm's cache, without scripts (native add-ons are test-only; the gateway does not need them).
    const sameLock = existsSync(join(tree, 'package-lock.json')) && readFileSync(join(ROOT, 'package-lock.json')).equals(readFileSync(join(tree, 'package-lock.json')));
    let dependencies: BaselineBuild['dependencies'];
    if (sameLock) {
      symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
      dependencies = 'linked';
    } else {
      log('bench: the baseline has another package-lock.json: npm ci --offline …');
      run('npm ci --offline', 'npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], tree);
      dependencies = 'installed offline';
    }

    // Only src/: the gateway. Its own tsconfig, so its own compiler settings.
    writeFileSync(join(tree, 'tsconfig.bench-baseline.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src/**/*.ts'] }));
    run('tsc', process.execPath, [join(tree, 'node_modules/typescript/bin/tsc'), '-p', join(tree, 'tsconfig.bench-baseline.json')], tree);
    const entry = join(tree, 'dist/src/main.js');
    if (!existsSync(entry)) throw new Error(`bench baseline: ${ref} built, but there is no dist/src/main.js to run`);
    const buildSeconds = (performance.now() - started) / 1000;
    log(`bench: baseline built in ${buildSeconds.toFixed(1)} s (dependencies ${dependencies})`);
    return { ref, commit, subject, entry, dependencies, buildSeconds, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
