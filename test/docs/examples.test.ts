import 'reflect-metadata';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isEnumType, isInputObjectType, isObjectType, Kind, NoUnusedFragmentsRule, parse, print, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Block {
  /** file:line of the opening fence. */
  where: string;
  /** What follows `graphql` in the fence: '' (operations), `sdl`, `fragment`. */
  mark: string;
  text: string;
}

/** Every ```graphql block of README.md and docs/**\/*.md. */
export function graphqlBlocks(root = ROOT): Block[] {
  const docs = join(root, 'docs');
  const files = [join(root, 'README.md'), ...(existsSync(docs) ? (readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => join(docs, f)) : [])];
  const blocks: Block[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^\s*```graphql\b\s*(.*)$/.exec(lines[i]!);
      if (!open) continue;
      const start = i;
      const body: string[] = [];
      while (++i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) body.push(lines[i]!);
      blocks.push({ where: `${relative(root, file)}:${start + 1}`, mark: open[1]!.trim(), text: body.join('\n') });
    }
  }
  return blocks;
}

/** What is wrong with a block, as messages; none when it is what it says it is. */
export function problemsOf(block: Block, schema: GraphQLSchema): string[] {
  let document;
  try {
    document = parse(block.text);
  } catch (error) {
    return [`does not parse: ${(error as Error).message}`];
  }
  if (block.mark === 'sdl') return sdlProblems(document, schema);
  // A fragment shown on its own is used by no operation of its block.
  const rules = block.mark === 'fragment' ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule) : specifiedRules;
  if (block.mark !== '' && block.mark !== 'fragment') return [`unknown mark "graphql ${block.mark}" (use none, sdl or fragment)`];
  return validate(schema, document, rules).map((error) => error.message);
}

/** An SDL excerpt must say what the schema says: each type it shows exists, with those fields, arguments and types. */
function sdlProblems(document: DocumentNode, schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name) continue;
    const name = definition.name.value;
    const type = schema.getType(name);
    if (!type) {
      out.push(`the schema has no type ${name}`);
      continue;
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      const values = isEnumType(type) ? new Set(type.getValues().map((v) => v.name)) : new Set<string>();
      for (const value of definition.values ?? []) if (!values.has(value.name.value)) out.push(`${name} has no value ${value.name.value}`);
      continue;
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    const fields = isObjectType(type) || isInputObjectType(type) ? type.getFields() : {};
    for (const field of definition.fields ?? []) {
      const actual = fields[field.name.value];
      if (!actual) {
        out.push(`${name} has no field ${field.name.value}`);
        continue;
      }
      if (print(field.type) !== String(actual.type)) out.push(`${name}.${field.name.value} is ${String(actual.type)}, not ${print(field.type)}`);
      const args = 'args' in actual ? new Map(actual.args.map((a) => [a.name, String(a.type)])) : new Map<string, string>();
      for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
        if (args.get(arg.name.value) !== print(arg.type)) out.push(`${name}.${field.name.value}(${arg.name.value}) is ${args.get(arg.name.value) ?? 'no argument'}, not ${print(arg.type)}`);
      }
    }
  }
  return out;
}

describe('every GraphQL example in the docs', () => {
  it('parses, and every operation is valid against the schema (```graphql sdl and ```graphql fragment mark the others)', async () => {
    const schema = await buildGatewaySchema();
    const blocks = graphqlBlocks();
    assert.ok(blocks.length >= 5, `found ${blocks.length} blocks`);
    const wrong = blocks.flatMap((block) => problemsOf(block, schema).map((problem) => `${block.where}: ${problem}`));
    assert.deepEqual(wrong, []);
  });

  it('refuses what the schema refuses (the check is not vacuous)', async () => {
    const schema = await buildGatewaySchema();
    const block = (text: string, mark = ''): Block => ({ where: 'x.md:1', mark, text });
    assert.match(problemsOf(block('{ allocations(first: 1) { nodes { nosuchfield } } }'), schema).join(), /Cannot query field "nosuchfield"/);
    assert.match(problemsOf(block('mutation { allocate(input: { amount: { currency: "ofctbtc" } }) { dryRun { payload } } }'), schema).join(), /required/);
    assert.match(problemsOf(block('{ allocations('), schema).join(), /does not parse/);
    assert.deepEqual(problemsOf(block('type AllocationChange { allocation: Allocation! }\nenum ChangeSource { POLL }', 'sdl'), schema), []);
    assert.deepEqual(problemsOf(block('type AllocationChange { allocation: Allocation  gone: ID }\ntype Extra { id: ID }', 'sdl'), schema), [
      'AllocationChange.allocation is Allocation!, not Allocation',
      'AllocationChange has no field gone',
      'the schema has no type Extra',
    ]);
    assert.deepEqual(problemsOf(block('fragment F on Allocation { id status }', 'fragment'), schema), []);
    assert.match(problemsOf(block('fragment F on Allocation { id nosuchfield }', 'fragment'), schema).join(), /nosuchfield/);
  });
});
