import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { cruise, type ICruiseResult, type IModule } from 'dependency-cruiser';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

async function cruiseSources(root = ROOT): Promise<ICruiseResult> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const config = require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: unknown[]; options: Record<string, unknown> };
    const result = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
    return result.output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
}

/** The top-level folder (or file) of src a module belongs to: the unit of layering. */
function folderOf(source: string): string | undefined {
  const m = /^src\/([^/]+)\//.exec(source);
  return m ? m[1] : /^src\/[^/]+$/.test(source) ? source : undefined;
}

/** Every cycle in a graph of folders, as paths (Tarjan's strongly connected components with more than one node). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component);
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the layers of the house', () => {
  it('no module imports a layer above its own, and no module imports in a circle', async () => {
    const result = await cruiseSources();
    assert.ok(result.modules.length > 50, `cruised ${result.modules.length} modules`);
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(violations, []);
  });

  it('no top-level folder imports another in a circle', async () => {
    const result = await cruiseSources();
    const edges = new Map<string, Set<string>>();
    for (const module of result.modules as IModule[]) {
      const from = folderOf(module.source);
      if (!from) continue;
      for (const dependency of module.dependencies) {
        const to = folderOf(dependency.resolved);
        if (!to || to === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    const folders = new Set([...edges.keys(), ...[...edges.values()].flatMap((to) => [...to])]);
    assert.ok(folders.size >= 10, `found ${folders.size} folders: ${[...folders].join(', ')}`);
    assert.deepEqual(cycles(edges), []);
  });

  it('catches an upward import, a type-only one included (the rule is not vacuous)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    try {
      mkdirSync(join(root, 'src/workflows'), { recursive: true });
      mkdirSync(join(root, 'src/schema'), { recursive: true });
      writeFileSync(join(root, 'tsconfig.json'), readFileSync(join(ROOT, 'tsconfig.json')));
      writeFileSync(join(root, 'src/schema/context.type.ts'), 'export interface Context { id: string }\n');
      writeFileSync(join(root, 'src/workflows/run.ts'), "import type { Context } from '../schema/context.type.js';\nexport const run = (c: Context) => c.id;\n");
      const violations = (await cruiseSources(root)).summary.violations.map((v) => v.rule.name);
      assert.deepEqual(violations, ['no-upward-import-from-workflows']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
