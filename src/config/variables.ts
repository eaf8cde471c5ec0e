import { readFileSync } from 'node:fs';
import { ENTERPRISE_ID } from '../common/patterns.js';

/**
 * Every environment variable is defined once, here or in a section file beside this one: its name, how it is
 * parsed (and the message of each problem), its default, what it means and whether it is a secret. Loading,
 * validation and docs/reference/configuration.md (`npm run docs`) all read those definitions.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** A problem with a variable's value: one line for the operator, never the value of a secret. */
export class Problem {
  constructor(readonly message: string) {}
}

/** What the reference shows of a variable. */
export interface VariableDoc {
  readonly name: string;
  /** What it means, as a sentence or two. */
  readonly description: string;
  /** Never logged or echoed: messages about it never quote the value. */
  readonly secret: boolean;
  /** The default as a person reads it (markdown); undefined: unset means off, or nothing. */
  readonly defaultText: string | undefined;
}

export interface Variable<T> extends VariableDoc {
  /** `raw` is the value as set (trimmed unless the definition says otherwise); undefined when unset or empty. */
  parse(raw: string | undefined, reader: EnvReader): T | Problem;
  /** The value when the variable is unset or its value was refused (the refusal is reported). */
  fallback(reader: EnvReader): T;
  readonly trim: boolean;
}

/** A setting made of several variables (or of one, read together with another): documented by its variables. */
export interface Derived<T> {
  readonly variables: readonly VariableDoc[];
  read(reader: EnvReader): T;
}

export type Entry<T> = Variable<T> | Derived<T>;
export type Section = Readonly<Record<string, Entry<unknown>>>;
export type ValueOf<E> = E extends Entry<infer T> ? T : never;
/** The typed values a section's entries read: what the configuration object holds. */
export type ValuesOf<S extends Section> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/** A section of the reference: a title, a sentence, and its entries in the order they are listed. */
export interface DocumentedSection {
  title: string;
  about: string;
  entries: Section;
}

/**
 * Reads variables from one environment, each once (a variable read by two settings reports a problem once),
 * and gathers every problem, so that start-up reports them all at once.
 */
export class EnvReader {
  readonly problems: string[] = [];
  readonly #values = new Map<VariableDoc, unknown>();

  constructor(
    readonly env: Env,
    /** How files named by `…_FILE` variables are read (tests pass an in-memory one). */
    readonly readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
  ) {}

  get<T>(variable: Variable<T>): T {
    if (this.#values.has(variable)) return this.#values.get(variable) as T;
    const raw = this.raw(variable);
    let value = raw === undefined ? variable.fallback(this) : variable.parse(raw, this);
    if (value instanceof Problem) {
      this.problems.push(value.message);
      value = variable.fallback(this);
    }
    this.#values.set(variable, value);
    return value;
  }

  /** The value as set, trimmed as the definition says; undefined when unset or empty (as shells and compose files leave them). */
  raw(variable: Pick<Variable<unknown>, 'name' | 'trim'>): string | undefined {
    const text = this.env[variable.name];
    const value = variable.trim ? text?.trim() : text;
    return value === undefined || value === '' ? undefined : value;
  }

  isSet(variable: Pick<Variable<unknown>, 'name' | 'trim'>): boolean {
    return this.raw(variable) !== undefined;
  }

  read<T>(entry: Entry<T>): T {
    return 'parse' in entry ? this.get(entry) : entry.read(this);
  }

  /** Every entry of a section, in its order. */
  section<S extends Section>(section: S): ValuesOf<S> {
    const values: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(section)) values[key] = this.read(entry);
    return values as ValuesOf<S>;
  }

  /** NODE_ENV=production: defaults that differ in production take their production value. */
  get production(): boolean {
    return this.get(NODE_ENV);
  }
}

/** A default, or one for development and another for production (NODE_ENV=production). */
export type Default<T> = T | { readonly development: T; readonly production: T };

interface Common<T> {
  description: string;
  secret?: boolean;
  /** Overrides what the reference says of the default (a default computed elsewhere, e.g. the sandbox's token). */
  defaultText?: string;
  default?: Default<T>;
  /** Default true, except for secrets (taken exactly as given). */
  trim?: boolean;
}

const code = (value: unknown): string => `\`${String(value)}\``;

function isSplit<T>(value: Default<T>): value is { development: T; production: T } {
  return value !== null && typeof value === 'object' && 'production' in value && 'development' in value;
}

function defaultTextOf<T>(options: Common<T>, show: (value: T) => string): string | undefined {
  if (options.defaultText !== undefined) return options.defaultText;
  const d = options.default;
  if (d === undefined) return undefined;
  return isSplit(d) ? `${show(d.development)} (${show(d.production)} in production)` : show(d as T);
}

/** Any variable: `parse` answers the value or a Problem. The building block of the kinds below. */
export function variable<T>(name: string, options: Common<T> & { parse(raw: string, reader: EnvReader): T | Problem; show?: (value: T) => string }): Variable<T> {
  const secret = options.secret ?? false;
  const d = options.default;
  return {
    name,
    description: options.description,
    secret,
    trim: options.trim ?? !secret,
    defaultText: defaultTextOf(options, options.show ?? code),
    parse: options.parse,
    fallback: (reader) => (d === undefined ? undefined : isSplit(d) ? (reader.production ? d.production : d.development) : d) as T,
  };
}

/** NODE_ENV: only `production` means anything to the gateway. Read by every production-dependent default. */
export const NODE_ENV: Variable<boolean> = variable('NODE_ENV', {
  description: '`production` turns the playground and introspection off (unless enabled), hides field suggestions in errors, turns the rate limits on and refuses anonymous callers.',
  defaultText: '(unset)',
  parse: (raw) => raw === 'production',
  default: false,
});

interface Range {
  min: number;
  max: number;
}

function integerOf(name: string, { min, max }: Range) {
  return (raw: string): number | Problem => {
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) return new Problem(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return Number(raw);
  };
}

export function integer(name: string, options: Common<number> & Range & { default: Default<number> }): Variable<number> {
  return variable(name, { ...options, parse: integerOf(name, options) });
}

/** An integer that may be left unset (then undefined: the feature it configures is off or elsewhere). */
export function optionalInteger(name: string, options: Common<number | undefined> & Range): Variable<number | undefined> {
  return variable<number | undefined>(name, { ...options, parse: integerOf(name, options) });
}

export function boolean(name: string, options: Common<boolean> & { default: Default<boolean> }): Variable<boolean> {
  return variable(name, {
    ...options,
    parse: (raw) => {
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return new Problem(`${name} must be true or false (got "${raw}")`);
    },
  });
}

export function choice<const T extends string>(name: string, allowed: readonly T[], options: Common<T> & { default: Default<T> }): Variable<T> {
  return variable(name, {
    ...options,
    parse: (raw) => ((allowed as readonly string[]).includes(raw) ? (raw as T) : new Problem(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`)),
  });
}

/** Free text, checked by `check` (answers a problem's message, or undefined when the value is fine). */
export function text<D extends string | undefined = undefined>(
  name: string,
  options: Common<string> & { default?: D; check?: (value: string) => string | undefined },
): Variable<string | D> {
  return variable<string | D>(name, {
    ...(options as Common<string | D>),
    parse: (raw) => {
      const problem = options.check?.(raw);
      return problem === undefined ? raw : new Problem(problem);
    },
  });
}

/** A BitGo enterprise id: letters, digits and dashes. */
export function enterpriseId(name: string, options: Common<string | undefined>): Variable<string | undefined> {
  return variable<string | undefined>(name, {
    ...options,
    parse: (raw) => (ENTERPRISE_ID.test(raw) ? raw : new Problem(`${name} must be a BitGo enterprise id (letters, digits and dashes)`)),
  });
}

/** An http(s) base URL, kept as origin and path without a trailing slash (no query, no credentials kept). Never echoed: a URL may carry credentials. */
export function httpUrl(name: string, options: Common<string | undefined>): Variable<string | undefined> {
  return variable<string | undefined>(name, {
    ...options,
    parse: (raw) => {
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return new Problem(`${name} must be an http(s) URL`);
      return url.origin + url.pathname.replace(/\/+$/, '');
    },
  });
}

/** An http(s) origin (scheme, host, port) without credentials, e.g. a router's callback listener. */
export function origin(name: string, options: Common<string | undefined>): Variable<string | undefined> {
  return variable<string | undefined>(name, {
    ...options,
    parse: (raw) => {
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
        // Not echoed: a URL may carry credentials (which this refuses).
        return new Problem(`${name} must be an http(s) origin without credentials, such as http://router.internal:4000`);
      }
      return url.origin;
    },
  });
}

/** A derived setting: read by `read` from the variables it lists (which the reference shows). */
export function derived<T>(variables: readonly VariableDoc[], read: (reader: EnvReader) => T): Derived<T> {
  return { variables, read };
}

/** Every variable of the sections, each once, in the order the sections list them. */
export function variablesOf(entries: Section): VariableDoc[] {
  const seen = new Set<string>();
  const out: VariableDoc[] = [];
  for (const entry of Object.values(entries)) {
    for (const doc of 'parse' in entry ? [entry] : entry.variables) {
      if (seen.has(doc.name)) continue;
      seen.add(doc.name);
      out.push(doc);
    }
  }
  return out;
}
