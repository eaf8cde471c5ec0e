import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Requests and answers held to an OpenAPI 3.0 document of docs/bitgo/ (ajv over its schemas): the operation is found
 * by method and path template, then the query parameters, the JSON body and the answer's JSON for its status are
 * validated against what the document declares. `$ref`s resolve inside the document.
 */

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** One request and its answer, as they crossed the wire. */
export interface Exchange {
  method: string;
  /** Without the query. */
  path: string;
  query: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

// ajv-formats is CommonJS with a default export: under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export class OpenApiContract {
  readonly #ajv: Ajv;
  readonly #operations: Array<{ method: string; template: string; pattern: RegExp; op: Operation }> = [];
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    const doc = parse(readFileSync(fileURLToPath(new URL(`../../../docs/bitgo/${file}`, import.meta.url)), 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
      components: unknown;
    };
    this.#ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.#ajv);
    // The document's own spellings of formats: integer and number strings in query parameters.
    this.#ajv.addFormat('integer', /^-?\d+$/);
    this.#ajv.addFormat('number', /^-?\d+(\.\d+)?$/);
    schemas = (doc.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
    this.#ajv.addSchema({ $id: 'doc', components: readable(doc.components) });
    for (const [template, methods] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(methods)) this.#operations.push({ method: method.toUpperCase(), template, pattern, op });
    }
    // A literal segment outranks a parameter: …/connections/signing is not …/connections/{connectionId}.
    this.#operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** The operation's path template, or undefined when the document has none for the method and path. */
  templateOf(method: string, path: string): string | undefined {
    return this.#find(method, path)?.template;
  }

  /** Everything about the exchange the document does not allow; empty when it conforms. */
  problems(exchange: Exchange): string[] {
    const found = this.#find(exchange.method, exchange.path);
    const where = `${exchange.method} ${exchange.path}`;
    if (!found) return [`${where}: no such operation in the document`];
    const out: string[] = [];
    const key = `${found.method} ${found.template}`;
    for (const parameter of found.op.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      const raw = exchange.query[parameter.name];
      if (raw === undefined) {
        if (parameter.required) out.push(`${where}: query parameter ${parameter.name} is required`);
        continue;
      }
      const schema = parameter.schema ?? {};
      const value = schema.type === 'array' ? raw.split(',') : schema.type === 'boolean' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw;
      out.push(...this.#validate(`${key} ?${parameter.name}`, schema, value, `${where} ?${parameter.name}`));
    }
    const bodySchema = found.op.requestBody?.content?.['application/json']?.schema;
    if (exchange.requestBody !== undefined) {
      if (bodySchema === undefined) out.push(`${where}: the operation takes no JSON body`);
      else out.push(...this.#validate(`${key} body`, bodySchema, exchange.requestBody, `${where} request`));
    }
    const answer = found.op.responses?.[String(exchange.status)];
    if (!answer) out.push(`${where}: status ${exchange.status} is not a documented answer`);
    else {
      const schema = answer.content?.['application/json']?.schema;
      if (schema !== undefined) out.push(...this.#validate(`${key} ${exchange.status}`, schema, exchange.responseBody, `${where} answer ${exchange.status}`));
    }
    return out;
  }

  #find(method: string, path: string) {
    return this.#operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path));
  }

  #validate(key: string, schema: unknown, value: unknown, where: string): string[] {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rebased(schema) as object);
      this.#compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
  }
}

/** An inline schema whose `#/components/…` references point into the document added as `doc`. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (schema === null || typeof schema !== 'object') return schema;
  return readable(Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `doc${v}` : rebased(v)])));
}

/** The document's component schemas, to compare `oneOf` branches by what they accept (see `readable`). */
let schemas: Record<string, unknown> = {};

/** A schema with its references resolved and its titles and descriptions dropped: what it accepts, comparable as JSON. */
function shape(schema: unknown, depth = 0): unknown {
  if (depth > 20) return null;
  if (Array.isArray(schema)) return schema.map((s) => shape(s, depth + 1));
  if (schema === null || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return shape(schemas[ref.replace(/^(doc)?#\/components\/schemas\//, '')], depth + 1);
  return Object.fromEntries(Object.entries(schema).filter(([k]) => k !== 'title' && k !== 'description').map(([k, v]) => [k, shape(v, depth + 1)]));
}

/**
 * Three OpenAPI 3.0 spellings of network-openapi.yaml (generated from io-ts codecs) that ajv reads otherwise than they
 * mean: `nullable: true` beside a `oneOf` with no `type` (ajv refuses it: "nullable cannot be used without type"),
 * which means "or null"; and a `oneOf` with an empty schema `{}` among its branches (a string-or-Date codec), which
 * every value matches, so a string would match two branches and fail `oneOf`: it means "any of".
 */
function readable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(readable);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, readable(v)])) as Record<string, unknown>;
  const same = (branches: unknown[]) => branches.length > 1 && branches.every((b) => JSON.stringify(shape(b)) === JSON.stringify(shape(branches[0])));
  if (Array.isArray(out.oneOf) && (out.oneOf.some((branch) => branch !== null && typeof branch === 'object' && Object.keys(branch).length === 0) || same(out.oneOf))) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

export interface ContractProxy {
  url: string;
  /** Every exchange that went through, in order. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

function json(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A loopback proxy in front of `target` keeping every request and answer whole, for contract checks. */
export async function startContractProxy(target: string): Promise<ContractProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sent = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        const back: Buffer[] = [];
        answer.on('data', (c: Buffer) => back.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(back);
          exchanges.push({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            requestBody: json(sent.toString('utf8')),
            status: answer.statusCode ?? 0,
            responseBody: json(body.toString('utf8')),
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(body);
        });
      });
      forward.on('error', () => res.destroy());
      forward.end(sent);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
