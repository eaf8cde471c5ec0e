import { dirname, join, relative, resolve } from 'node:path';

/**
 * Finds text in a repository file that points outside the repository: the contract folder that sat beside the
 * first checkouts, home or workspace directories named by absolute path, and relative paths that climb above
 * the repository root from where the file runs. The patterns are written so that this file does not match
 * itself. System locations (the kernel's process files, a system browser) are not the repository's data and
 * are not flagged.
 */

export interface Finding {
  file: string;
  line: number;
  reason: string;
  text: string;
}

// Absolute paths under directories that hold people's or machines' checkouts, never system files.
const PRIVATE_ROOT = /(?<![\w.~-])\/(?:work|workspaces?|home|root|Users|mnt|media|srv|opt|shared)\/[\w.-]/;
const SHARED_FOLDER = /\.\.\/shared\b|\/shared\/bitgo\b/;
const CLIMBING_LITERAL = /(['"`])((?:\.\.\/)+[^'"`\n]*)\1/g;
const CWD_CLIMB = /process\.cwd\(\)[^\n]*['"`]\.\.(?:\/|['"`])/;

/**
 * `file` is relative to `root`. A TypeScript file runs compiled, from dist/<file>.js, so the relative paths in it
 * (`new URL('../../../x', import.meta.url)`) are resolved from there; imports climb the same way from both places.
 */
export function outsideReferences(root: string, file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const runsFrom = file.endsWith('.ts') ? dirname(join(root, 'dist', file)) : dirname(join(root, file));
  text.split('\n').forEach((line, index) => {
    const at = (reason: string): void => {
      findings.push({ file, line: index + 1, reason, text: line.trim() });
    };
    if (SHARED_FOLDER.test(line)) at('names the shared contract folder beside the repository (its copy is docs/bitgo/)');
    if (PRIVATE_ROOT.test(line)) at('names an absolute path outside the repository');
    if (CWD_CLIMB.test(line)) at('climbs out of the working directory');
    for (const match of line.matchAll(CLIMBING_LITERAL)) {
      const path = match[2]!;
      if (path.includes('${')) continue;
      const target = relative(root, resolve(runsFrom, path));
      if (target === '..' || target.startsWith('../')) at(`'${path}' resolves outside the repository (from ${relative(root, runsFrom)}/)`);
    }
  });
  return findings;
}
