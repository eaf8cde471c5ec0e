import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { HttpErrorCode } from '../../src/server/plugins/http-errors.plugin.js';
import { AppErrorCode } from '../../src/workflows/app-error.js';
import { UserErrorCode } from '../../src/workflows/user-error.js';
import { banner, code, table } from './markdown.js';

/** Where codes are defined: each a const object or an enum whose members carry their meaning as a doc comment. */
export interface CodeSource {
  file: string;
  name: string;
  /** The object itself: its values are the codes (a member's value may come from elsewhere, e.g. Apollo's). */
  runtime: Readonly<Record<string, string>>;
  title: string;
  about: string;
}

export const CODE_SOURCES: readonly CodeSource[] = [
  {
    file: 'src/workflows/app-error.ts',
    name: 'AppErrorCode',
    runtime: AppErrorCode,
    title: 'Errors: `extensions.code`',
    about: 'A query, a subscription, or a mutation that failed as a whole carries one of these in `errors[].extensions.code`. Argument errors also carry `extensions.field`; `RATE_LIMITED` carries `extensions.retryAfter` (seconds).',
  },
  {
    file: 'src/workflows/user-error.ts',
    name: 'UserErrorCode',
    runtime: UserErrorCode as unknown as Record<string, string>,
    title: 'User errors: `userErrors[].code`',
    about: 'A mutation answers what it could not do as data, beside whatever it did: `userErrors { field message code }`, `field` being the path of the input at fault (`["input", "amount", "quantity"]`) or null.',
  },
  {
    file: 'src/server/plugins/http-errors.plugin.ts',
    name: 'HttpErrorCode',
    runtime: HttpErrorCode,
    title: 'Refused before the operation runs',
    about: 'The HTTP layer, Apollo and graphql-ws refuse these before anything is resolved, in the same `{ errors: [{ message, extensions: { code } }] }` shape.',
  },
];

/** The doc comment of each member of `name` in `file`, by key (undefined where a member has none). */
export function documentedMembers(file: string, name: string): Map<string, string | undefined> {
  const text = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const members = new Map<string, string | undefined>();
  const docOf = (node: ts.Node): string | undefined => {
    const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
    const last = comments.filter((c) => text.startsWith('/**', c.pos)).at(-1);
    if (!last) return undefined;
    return text
      .slice(last.pos + 3, last.end - 2)
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .join(' ')
      .trim();
  };
  const visit = (node: ts.Node): void => {
    if (ts.isEnumDeclaration(node) && node.name.text === name) {
      for (const member of node.members) members.set(member.name.getText(source), docOf(member));
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) {
        for (const property of init.properties) if (property.name) members.set(property.name.getText(source), docOf(property));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return members;
}

/** docs/reference/errors.md: every code, from where it is defined, with the meaning its definition gives. */
export function errorsReference(): string {
  const sections = CODE_SOURCES.map((s) => {
    const members = documentedMembers(s.file, s.name);
    const rows = [...members].map(([key, meaning]) => [code(s.runtime[key] ?? key), meaning ?? '']);
    return `## ${s.title}\n\n${s.about}\n\n${table(['code', 'meaning'], rows)}\n`;
  });
  return [banner('Error codes', CODE_SOURCES.map((s) => `${s.name} (${s.file})`).join(', ')), ...sections].join('\n');
}
