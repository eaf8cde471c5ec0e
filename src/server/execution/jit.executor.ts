import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | GatewayExecutionResult;

interface Seen {
  runs: number;
  compiled?: Compiled;
}

/**
 * A document is compiled the second time it runs (compiling costs about as
 * much as a few executions): one-off operations, such as exploration in the
 * playground or a flood of unique queries, never pay for compilation.
 */
const RUNS_BEFORE_COMPILING = 1;

/**
 * Compiling is synchronous and grows with the size of a document (about 11 ms
 * at 8 KB); frontend operations are a few KB, so larger ones stay on graphql-js.
 */
const MAX_COMPILED_SOURCE = 8 * 1024;

/**
 * Documents tracked at once (least recently used first out). A compiled
 * operation holds generated code and closures that Apollo's document cache
 * does not count, so their number is bounded here.
 */
const MAX_DOCUMENTS = 1_000;

export interface JitExecutorOptions {
  /** The schema Apollo serves and validates against; its plugins may wrap its resolvers (federated traces do). */
  schema: GraphQLSchema;
  /**
   * A second build of the same schema that Apollo never sees: compiled and
   * ordinary execution run on it, so a client asking for a trace cannot slow
   * every later operation down by leaving trace hooks on every field.
   */
  executionSchema: GraphQLSchema;
  sdl: string;
}

/**
 * Runs operations as graphql-jit compiled functions instead of graphql-js's
 * interpreter: a 25-row page resolves hundreds of fields, and compiled
 * execution does that at a fraction of the cost. Apollo still parses,
 * validates (our rules included), builds the context, formats errors and runs
 * every plugin; only the execute step is swapped, through the one interface
 * Apollo Server offers for it (the gateway executor).
 *
 * graphql-js runs what graphql-jit would answer differently: requests that ask
 * for a federated trace (the trace hooks wrap Apollo's schema), operations
 * that do not resolve to one operation, operations with variable defaults
 * (graphql-jit keeps them as JSON, so a DateTime default would reach a
 * resolver as a string), variables graphql-js refuses (graphql-jit accepts
 * some of them), documents seen once or too large, and whatever graphql-jit
 * cannot compile.
 */
export class JitExecutor implements GatewayInterface {
  readonly #schema: GraphQLSchema;
  readonly #executionSchema: GraphQLSchema;
  readonly #sdl: string;
  readonly #listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  /** By Apollo's cached DocumentNode (the same object for the same query text), in least-recently-used order. */
  readonly #documents = new Map<DocumentNode, Map<string, Seen>>();
  /** Operations run so far by each engine. */
  readonly runs = { compiled: 0, interpreted: 0 };

  constructor(options: JitExecutorOptions) {
    this.#schema = options.schema;
    this.#executionSchema = options.executionSchema;
    this.#sdl = options.sdl;
  }

  /** The schema operations run on (not the one Apollo serves). */
  get executionSchema(): GraphQLSchema {
    return this.#executionSchema;
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.#listeners.add(callback);
    return () => this.#listeners.delete(callback);
  }

  async load(): Promise<{ executor: (context: GatewayGraphQLRequestContext) => Promise<GatewayExecutionResult> }> {
    for (const listener of this.#listeners) listener({ apiSchema: this.#schema, coreSupergraphSdl: this.#sdl });
    return { executor: async (context) => this.#execute(context) };
  }

  async stop(): Promise<void> {}

  #execute(context: GatewayGraphQLRequestContext): GatewayExecutionResult | Promise<GatewayExecutionResult> {
    const { request, operation } = context;
    if (request.http?.headers.get('apollo-federation-include-trace') === 'ftv1') return this.#interpret(context, this.#schema);
    // No operation: the name asked for is not in the document (graphql-js answers that, and Apollo makes it a 400).
    if (!operation || !this.#compilable(context, operation)) return this.#interpret(context);
    const compiled = this.#compiled(context.document, request.operationName ?? '');
    if (!compiled || !isCompiledQuery(compiled)) return this.#interpret(context);
    this.runs.compiled += 1;
    const result = compiled.query(undefined, context.context, request.variables ?? {});
    return isPromise(result) ? result.then((r) => this.#settle(r, context)) : this.#settle(result, context);
  }

  #compilable({ source, request }: GatewayGraphQLRequestContext, operation: OperationDefinitionNode): boolean {
    if (source.length > MAX_COMPILED_SOURCE) return false;
    const definitions = operation.variableDefinitions ?? [];
    if (definitions.length === 0) return true;
    if (definitions.some((d) => d.defaultValue !== undefined)) return false;
    return !('errors' in getVariableValues(this.#executionSchema, definitions, request.variables ?? {}, { maxErrors: 1 }));
  }

  /** A result without `data` means the operation never started; graphql-js says why in its own words. */
  #settle(result: ExecutionResult, context: GatewayGraphQLRequestContext): GatewayExecutionResult | Promise<GatewayExecutionResult> {
    if (!('data' in result)) return this.#interpret(context);
    return withStandardErrors(result);
  }

  #interpret({ document, request, context }: GatewayGraphQLRequestContext, schema = this.#executionSchema): Promise<GatewayExecutionResult> {
    this.runs.interpreted += 1;
    // The name the client sent, as Apollo passes it in schema mode: an unknown one must fail, not run the only operation.
    return Promise.resolve(execute({ schema, document, contextValue: context, variableValues: request.variables ?? null, operationName: request.operationName ?? null }));
  }

  /** The compiled operation, once it has run often enough to be worth compiling. */
  #compiled(document: DocumentNode, operationName: string): Compiled | undefined {
    let byName = this.#documents.get(document);
    if (byName) this.#documents.delete(document);
    else if (this.#documents.size >= MAX_DOCUMENTS) this.#documents.delete(this.#documents.keys().next().value!);
    this.#documents.set(document, (byName ??= new Map()));
    let seen = byName.get(operationName);
    if (!seen) byName.set(operationName, (seen = { runs: 0 }));
    if (!seen.compiled && ++seen.runs > RUNS_BEFORE_COMPILING) {
      seen.compiled = compileQuery(this.#executionSchema, document, operationName || undefined, { disablingCapturingStackErrors: true }) as Compiled;
    }
    return seen.compiled;
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error has
 * none, where graphql-js always sets an object; Apollo's error formatting
 * relies on that. Errors are rebuilt as graphql-js errors with the same
 * message, locations, path and original error.
 */
function withStandardErrors(result: ExecutionResult): GatewayExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const standard = new GraphQLError(error.message, {
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions ?? {},
      });
      (standard as { locations: GraphQLError['locations'] }).locations = error.locations;
      return standard;
    }),
  };
}
