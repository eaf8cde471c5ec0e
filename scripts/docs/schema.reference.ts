import { readFileSync } from 'node:fs';
import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type EnumTypeDefinitionNode,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ScalarTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { banner, code, table } from './markdown.js';

const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** A type reference, its named type linked to its section (built-in scalars are not). */
function typeOf(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${typeOf(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${typeOf(type.type)}]`;
  const name = type.name.value;
  return BUILT_IN.has(name) ? name : `[${name}](#${name.toLowerCase()})`;
}

const described = (node: { description?: { value: string } | undefined }): string => node.description?.value ?? '';

function argumentsTable(args: readonly InputValueDefinitionNode[]): string {
  return table(
    ['argument', 'type', 'default', 'meaning'],
    args.map((arg) => [code(arg.name.value), typeOf(arg.type), arg.defaultValue ? code(print(arg.defaultValue)) : '', described(arg)]),
  );
}

/** Federation's marks a reader needs: an entity's key, a type shared with other subgraphs. */
function marks(directives: readonly ConstDirectiveNode[] | undefined): string {
  return (directives ?? [])
    .map((d) => (d.name.value === 'key' ? `An entity (\`@key(${d.arguments?.map((a) => `${a.name.value}: ${print(a.value)}`).join(', ')})\`).` : d.name.value === 'shareable' ? 'Shareable (`@shareable`).' : ''))
    .filter(Boolean)
    .join(' ');
}

function rootSection(type: ObjectTypeDefinitionNode): string {
  const fields = (type.fields ?? []).map((field) => {
    const args = field.arguments?.length ? `\n\n${argumentsTable(field.arguments)}` : '';
    return `### ${type.name.value}.${field.name.value}\n\n${described(field)}\n\nReturns ${typeOf(field.type)}.${args}\n`;
  });
  return [`## ${type.name.value}\n`, ...fields].join('\n');
}

function fieldName(field: FieldDefinitionNode): string {
  return field.arguments?.length ? `${code(field.name.value)} (${field.arguments.map((a) => `${a.name.value}: ${print(a.type)}`).join(', ')})` : code(field.name.value);
}

function objectSection(type: ObjectTypeDefinitionNode): string {
  const about = [described(type), marks(type.directives)].filter(Boolean).join(' ');
  const fields = table(['field', 'type', 'meaning'], (type.fields ?? []).map((field) => [fieldName(field), typeOf(field.type), described(field)]));
  return `### ${type.name.value}\n\n${about ? `${about}\n\n` : ''}${fields}\n`;
}

function inputSection(type: InputObjectTypeDefinitionNode): string {
  const fields = table(
    ['field', 'type', 'default', 'meaning'],
    (type.fields ?? []).map((field) => [code(field.name.value), typeOf(field.type), field.defaultValue ? code(print(field.defaultValue)) : '', described(field)]),
  );
  return `### ${type.name.value}\n\n${described(type) ? `${described(type)}\n\n` : ''}${fields}\n`;
}

function enumSection(type: EnumTypeDefinitionNode): string {
  const values = table(['value', 'meaning'], (type.values ?? []).map((value) => [code(value.name.value), described(value)]));
  return `### ${type.name.value}\n\n${described(type) ? `${described(type)}\n\n` : ''}${values}\n`;
}

function scalarSection(type: ScalarTypeDefinitionNode): string {
  return `### ${type.name.value}\n\n${described(type)}\n`;
}

/** docs/reference/schema.md: the operations and every type of the committed schema.graphql, with their descriptions. */
export function schemaReference(sdl = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8')): string {
  const definitions = parse(sdl).definitions;
  const named = <K extends Kind>(kind: K) =>
    definitions
      .filter((d): d is Extract<typeof d, { kind: K; name: { value: string } }> => d.kind === kind)
      .filter((d) => !(ROOTS as readonly string[]).includes(d.name.value))
      .sort((a, b) => a.name.value.localeCompare(b.name.value));
  const roots = ROOTS.map((root) => definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === root)).filter((d) => d !== undefined);
  return [
    banner('GraphQL schema', 'schema.graphql (itself printed from the code by `npm run schema`)'),
    'The subgraph\'s operations and types, as `schema.graphql` defines them (Apollo Federation 2; the SDL itself is the',
    'file to compose). Quantities are base-unit decimal strings; instants are ISO 8601 (`DateTime`).',
    '',
    ...roots.map(rootSection),
    '## Object types\n',
    ...named(Kind.OBJECT_TYPE_DEFINITION).map((t) => objectSection(t as ObjectTypeDefinitionNode)),
    '## Input types\n',
    ...named(Kind.INPUT_OBJECT_TYPE_DEFINITION).map((t) => inputSection(t as InputObjectTypeDefinitionNode)),
    '## Enums\n',
    ...named(Kind.ENUM_TYPE_DEFINITION).map((t) => enumSection(t as EnumTypeDefinitionNode)),
    '## Scalars\n',
    ...named(Kind.SCALAR_TYPE_DEFINITION).map((t) => scalarSection(t as ScalarTypeDefinitionNode)),
  ].join('\n');
}
