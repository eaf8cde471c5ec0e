import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { anchorsOf, docPages, readDoc, ROOT, withoutFences } from '../helpers/markdown.js';

/**
 * Pages other branches write, linked from here before they land. The lead empties this at merge: once a page is on
 * main, its entry goes, and its links are checked like every other (a listed page that exists fails the test).
 */
export const EXPECTED_FROM_OTHER_BRANCHES: readonly string[] = [
];

/** The pages whose links are checked: the README, docs/, and the pages they send readers to. */
const PAGES = [...docPages(), 'bench/README.md', 'CHANGELOG.md'];

interface Link {
  page: string;
  line: number;
  target: string;
}

/** Every inline link and image of a page, outside code: `[text](target)`, `![alt](target)`; `<https://…>` is not one. */
function linksOf(page: string, text: string): Link[] {
  const links: Link[] = [];
  withoutFences(text)
    .split('\n')
    .forEach((line, i) => {
      // Inline code may hold brackets and parentheses that are not links.
      const prose = line.replace(/`[^`]*`/g, '``');
      for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ page, line: i + 1, target: match[1]! });
    });
  return links;
}

/** What is wrong with one relative link of `page`; undefined when it resolves. */
function problemOf(page: string, target: string, expected: ReadonlySet<string>): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: — outside the repository
  const [path, anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
  if (file.startsWith('..')) return `${target} leaves the repository`;
  if (expected.has(file)) return anchor === undefined ? undefined : `${target}: no anchors into a page that has not landed`;
  const absolute = join(ROOT, file);
  if (!existsSync(absolute)) return `${target}: no such file (${file})`;
  if (anchor === undefined) return undefined;
  if (statSync(absolute).isDirectory() || !file.endsWith('.md')) return `${target}: an anchor into something that is not a page`;
  return anchorsOf(readDoc(file)).has(anchor) ? undefined : `${target}: ${file} has no heading #${anchor}`;
}

describe('the links of the docs', () => {
  const expected = new Set(EXPECTED_FROM_OTHER_BRANCHES);

  it('resolve: every relative link names a file that exists, and every anchor a heading of it', () => {
    const links = PAGES.flatMap((page) => linksOf(page, readDoc(page)));
    assert.ok(links.length > 100, `found ${links.length} links`);
    const broken = links.flatMap(({ page, line, target }) => {
      const problem = problemOf(page, target, expected);
      return problem === undefined ? [] : [`${page}:${line}: ${problem}`];
    });
    assert.deepEqual(broken, []);
  });

  it('EXPECTED_FROM_OTHER_BRANCHES lists only pages that have not landed, each linked from somewhere', () => {
    const landed = EXPECTED_FROM_OTHER_BRANCHES.filter((file) => existsSync(join(ROOT, file)));
    assert.deepEqual(landed, [], 'these pages are on this branch now: remove them from EXPECTED_FROM_OTHER_BRANCHES');
    const linked = new Set(
      PAGES.flatMap((page) => linksOf(page, readDoc(page)).map(({ target }) => normalize(join(dirname(page), target.split('#')[0]!)))),
    );
    assert.deepEqual(EXPECTED_FROM_OTHER_BRANCHES.filter((file) => !linked.has(file)), [], 'expected but linked from nowhere');
  });

  it('catches what it should (the check is not vacuous)', () => {
    assert.deepEqual(
      linksOf('docs/x.md', 'See [a](a.md#b), `[not](a link)`, ![img](i.png "title").\n```\n[nor](this.md)\n```\n[c](https://example.com)'),
      [
        { page: 'docs/x.md', line: 1, target: 'a.md#b' },
        { page: 'docs/x.md', line: 1, target: 'i.png' },
        { page: 'docs/x.md', line: 5, target: 'https://example.com' },
      ],
    );
    const none = new Set<string>();
    assert.match(problemOf('README.md', 'docs/guides/nope.md', none)!, /no such file/);
    assert.match(problemOf('README.md', 'docs/guides/frontend.md#no-such-heading', none)!, /has no heading/);
    assert.match(problemOf('README.md', '../outside.md', none)!, /leaves the repository/);
    assert.equal(problemOf('docs/guides/frontend.md', '../reference/errors.md', none), undefined);
    assert.equal(problemOf('docs/guides/frontend.md', '#paging', none), undefined);
    assert.equal(problemOf('README.md', 'docs/later.md', new Set(['docs/later.md'])), undefined);
    assert.deepEqual([...anchorsOf('# A `b` c\n## Why: it?\n## Why: it?\n### Results (2026-11-26)')], ['a-b-c', 'why-it', 'why-it-1', 'results-2026-11-26']);
  });
});
