import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';

export interface ArmorOptions {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Say the limit and the count in refusals (development); production names only what was exceeded. */
  exposeLimits: boolean;
}

export interface Armor {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** Apollo's parseOptions: the token limit. */
  parseOptions: ParseOptions;
}

/**
 * Depth, aliases, directives and cost with graphql-armor (Escape's maintained rules), each refused as
 * GRAPHQL_VALIDATION_FAILED before anything runs; tokens with graphql-js's own parser limit, refused as
 * GRAPHQL_PARSE_FAILED (armor's token plugin throws from a hook, which Apollo answers with a 500). Armor's
 * "Did you mean" masking is off: the error formatter hides suggestions in production, variable errors included. The
 * introspection field `__schema` is exempt from depth and cost (and refused anyway when introspection is
 * off); since 2.4 armor exempts only the *field* of that name, so an operation or fragment named `__schema`
 * no longer escapes the limits (test/server/abuse.test.ts).
 */
export function armorProtection(options: ArmorOptions): Armor {
  const { exposeLimits } = options;
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: options.maxDepth, exposeLimits, errorMessage: 'The operation is nested too deeply.' },
    maxAliases: { n: options.maxAliases, exposeLimits, errorMessage: 'The operation uses too many aliases.' },
    maxTokens: { enabled: false },
    maxDirectives: { n: options.maxDirectives, exposeLimits, errorMessage: 'The operation uses too many directives.' },
    costLimit: { maxCost: options.maxCost, exposeLimits, errorMessage: 'The operation would cost too much to run; select fewer rows or fields.' },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin[], validationRules, parseOptions: { maxLexicalTokens: options.maxTokens } };
}
