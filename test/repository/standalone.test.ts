import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { outsideReferences } from './outside-paths.js';

/**
 * The repository stands alone: nothing in it reads from beside or above its own root, so a bare clone with
 * nothing next to it builds and passes the tests that read files from disk. The root is found from this file's
 * own location (dist/test/repository/ when compiled), never from the working directory or a fixed machine path.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['src', 'test', 'bench', 'scripts'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function trackedFiles(root: string, dirs: readonly string[]): string[] {
  return git(root, 'ls-files', '-z', '--', ...dirs)
    .split('\0')
    .filter((f) => f !== '');
}

/** Test files under test/ that read files from disk themselves or through a module of test/ they import. */
/**
 * The tests that read files themselves (found by what they call, so new ones join). Helpers that read (the signing
 * vectors) are exercised through test/signing/, which runs in the clone whole; the static scan covers every file.
 */
function diskReadingTests(root: string): string[] {
  const reads = /\b(?:readFileSync|readFile|readdirSync|createReadStream)\b/;
  return trackedFiles(root, ['test'])
    // test/store/ reads only the data directories it makes in the temp dir.
    .filter((f) => f.endsWith('.test.ts') && !f.startsWith('test/repository/') && !f.startsWith('test/store/'))
    .filter((f) => reads.test(readFileSync(join(root, f), 'utf8')));
}

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}

const tapCount = (output: string, name: string): number => {
  const m = new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output);
  assert.ok(m, `the test run printed no "# ${name}" line:\n${output.slice(-3000)}`);
  return Number(m[1]);
};

describe('the repository stands alone', () => {
  it('is where this compiled test says it is: a git work tree with package.json at its root', () => {
    assert.ok(existsSync(join(ROOT, 'package.json')), `no package.json at ${ROOT}`);
    assert.equal(realpathSync(git(ROOT, 'rev-parse', '--show-toplevel')), realpathSync(ROOT));
  });

  it('has no tracked file under src/, test/, bench/ or scripts/ that points outside the repository', () => {
    const files = trackedFiles(ROOT, SCANNED);
    assert.ok(files.length > 50, `only ${files.length} tracked files under ${SCANNED.join(', ')}`);
    const findings = files.flatMap((f) => outsideReferences(ROOT, f, readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}: ${f.reason}: ${f.text}`),
      [],
    );
  });

  it('the scan sees what it forbids (the old vectors lookup, a workspace path, a climb above the root)', () => {
    const above = ['..', 'shared', 'bitgo', 'signing-vectors.json'].join('/');
    const old = [
      `    resolve(process.cwd(), '${above}'),`,
      `    resolve(fileURLToPath(import.meta.url), '../../../../${above}'),`,
      `const a = '${['', 'work', 'shared', 'bitgo'].join('/')}';`,
      `const b = new URL('${'../'.repeat(4)}package.json', import.meta.url);`,
      `const c = new URL('../../../schema.graphql', import.meta.url);`,
    ].join('\n');
    const findings = outsideReferences(ROOT, 'test/signing/helpers.ts', old);
    assert.deepEqual(
      [...new Set(findings.map((f) => f.line))],
      [1, 2, 3, 4],
      findings.map((f) => `${f.line}: ${f.reason}`).join('\n'),
    );
  });

  it('keeps docs/bitgo/ the verbatim copies whose checksums docs/bitgo/ORIGIN.md records', () => {
    const origin = readFileSync(join(ROOT, 'docs/bitgo/ORIGIN.md'), 'utf8');
    const recorded = new Map([...origin.matchAll(/^\| `([\w.-]+)` \| `([0-9a-f]{64})` \|$/gm)].map((m) => [m[1]!, m[2]!]));
    assert.deepEqual([...recorded.keys()].sort(), ['README.md', 'network-openapi.yaml', 'oes-openapi.yaml', 'signing-vectors.json']);
    for (const [file, sha256] of recorded) {
      assert.equal(createHash('sha256').update(readFileSync(join(ROOT, 'docs/bitgo', file))).digest('hex'), sha256, `docs/bitgo/${file} differs from the copy ORIGIN.md records`);
    }
  });

  it('in a bare clone of the committed HEAD, passes every test that reads files from disk there', { timeout: 600_000 }, async () => {
    assert.ok(existsSync(join(ROOT, 'node_modules', 'typescript')), 'node_modules is not installed at the repository root');
    const head = git(ROOT, 'rev-parse', 'HEAD');
    // Nothing beside the clone: a read of anything next to or above the repository finds nothing.
    const base = mkdtempSync(join(tmpdir(), 'standalone-'));
    try {
      const clone = join(base, 'repo');
      git(base, 'clone', '--quiet', '--no-checkout', ROOT, clone);
      git(clone, 'fetch', '--quiet', ROOT, 'HEAD');
      git(clone, 'checkout', '--quiet', '--detach', 'FETCH_HEAD');
      assert.equal(git(clone, 'rev-parse', 'HEAD'), head);
      assert.deepEqual(readdirSync(base), ['repo']);
      // The installed dependencies, not the network.
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

      // The build this suite runs from, copied in: the point here is what the compiled tests find around them (only the
      // clone), not a second compilation of the project; that the committed sources build on a lone clone is what CI's
      // own `npm test` proves, on one.
      cpSync(join(ROOT, 'dist'), join(clone, 'dist'), { recursive: true });

      // Every test that reads a file itself, and all of test/signing/ (the vectors).
      const readers = diskReadingTests(clone);
      for (const required of ['test/schema/schema-file.test.ts', 'test/codegen/codegen-fresh.test.ts', 'test/architecture/layers.test.ts']) {
        assert.ok(readers.includes(required), `${required} not found among the tests that read files: ${readers.join(', ')}`);
      }
      const signing = trackedFiles(clone, ['test/signing']).filter((f) => f.endsWith('.test.ts'));
      const tests = [...new Set([...readers, ...signing])].sort();

      // Run from the file system root: no test may depend on the working directory. The nested runner must not
      // think it is a child of this one (NODE_TEST_CONTEXT), or it reports to us instead of printing TAP.
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const compiled = tests.map((f) => join(clone, 'dist', f.replace(/\.ts$/, '.js')));
      const result = await run(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=2', ...compiled], '/', env);
      const summary = ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'].map((name) => [name, tapCount(result.output, name)] as const);
      const counts = Object.fromEntries(summary);
      assert.equal(result.code, 0, `the tests failed in the clone:\n${result.output.slice(-6000)}`);
      assert.ok(counts.tests! >= compiled.length, `only ${counts.tests} tests ran in ${compiled.length} files`);
      assert.deepEqual(counts, { tests: counts.tests, pass: counts.tests, fail: 0, cancelled: 0, skipped: 0, todo: 0 });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
