import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (tests run from dist/test/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** README.md and every page under docs/, as paths relative to `root`. */
export function docPages(root = ROOT): string[] {
  const docs = join(root, 'docs');
  const pages = existsSync(docs) ? (readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => join('docs', f)) : [];
  return ['README.md', ...pages.sort()];
}

export function readDoc(path: string, root = ROOT): string {
  return readFileSync(join(root, path), 'utf8');
}

export interface Fence {
  /** The 1-based line of the opening fence. */
  line: number;
  /** What follows the backticks: `graphql`, `graphql sdl`, `sh`, … */
  info: string;
  body: string;
}

/** Every fenced block of a page, in order. */
export function fencesOf(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) body.push(lines[i]!);
    fences.push({ line: start + 1, info: open[1]!.trim(), body: body.join('\n') });
  }
  return fences;
}

/** The page without its fenced blocks (each line kept, emptied, so line numbers hold). */
export function withoutFences(text: string): string {
  let inside = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        inside = !inside;
        return '';
      }
      return inside ? '' : line;
    })
    .join('\n');
}

/**
 * The part of a page under a heading (the heading's text exactly, without the #s), up to the next heading of the
 * same level or higher. Throws when the page has no such heading, so a test never reads an empty section.
 */
export function sectionOf(text: string, heading: string): string {
  const lines = text.split('\n');
  // A `# comment` inside a fenced block is no heading.
  const prose = withoutFences(text).split('\n');
  const start = prose.findIndex((line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(prose[start]!)![0].length;
  let end = start + 1;
  while (end < prose.length && !new RegExp(`^#{1,${level}} `).test(prose[end]!)) end++;
  return lines.slice(start, end).join('\n');
}

/**
 * The anchors of a page's headings, as GitHub makes them: lower case, punctuation dropped (hyphens and underscores
 * kept), spaces as hyphens; a repeated one gets -1, -2, …
 */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutFences(text).split('\n')) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}
