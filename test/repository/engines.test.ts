import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import semver from 'semver';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Lock {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[]; dev?: boolean; optional?: boolean }>;
}

describe('declared Node support is true', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as Lock;
  // The oldest release of each Node line the README promises (package.json "engines"); 22.13 is the first
  // 22.x the codegen tooling (@inquirer/*) supports.
  const lines = ['20.19.0', '22.13.0'];

  it('package.json promises exactly Node 20.19+ and 22.13+ (20.x, 22.x)', () => {
    for (const v of [...lines, '20.20.2', '22.20.0']) assert.ok(semver.satisfies(v, pkg.engines.node), `${v} in ${pkg.engines.node}`);
    for (const v of ['20.18.0', '22.12.0', '23.0.0', '24.0.0']) assert.ok(!semver.satisfies(v, pkg.engines.node), `${v} not in ${pkg.engines.node}`);
  });

  it('every locked package, runtime and tooling alike, supports every promised Node line (npm ci prints no EBADENGINE)', () => {
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || node === undefined) continue;
      for (const v of lines) if (!semver.satisfies(v, node)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${node} (not ${v})`);
    }
    assert.deepEqual(refusing, []);
  });
});
