import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
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
 * Runs operations as graphql-jit compiled functions instead of graphql-js's
 * interpreter: a 25-row page resolves hundreds of fields, and compiled
 * execution does that at a fraction of the cost. Apollo still parses,
 * validates (our rules included), builds the context, formats errors and runs
 * every plugin; only the execute step is swapped, through the one interface
 * Apollo Server offers for it (the gateway executor).
 *
 * Requests that ask for a federated trace (`apollo-federation-include-trace:
 * ftv1`) run on graphql-js: Apollo's per-field trace hooks wrap the schema's
 * resolvers, which compiled functions captured at compile time do not see.
 * So do operations graphql-jit cannot compile or whose variables it refuses.
 */
export class JitExecutor implements GatewayInterface {
  readonly #schema: GraphQLSchema;
  readonly #sdl: string;
  readonly #listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  /** Keyed by Apollo's cached DocumentNode, so compiled queries live exactly as long as Apollo keeps the parsed document. */
  readonly #documents = new WeakMap<DocumentNode, Map<string, Seen>>();
  /** Operations run so far by each engine. */
  readonly runs = { compiled: 0, interpreted: 0 };

  constructor(schema: GraphQLSchema, sdl: string) {
    this.#schema = schema;
    this.#sdl = sdl;
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
    const { document, operationName, request } = context;
    if (request.http?.headers.get('apollo-federation-include-trace') === 'ftv1') return this.#interpret(context);
    const compiled = this.#compiled(document, operationName ?? '');
    if (!compiled || !isCompiledQuery(compiled)) return this.#interpret(context);
    this.runs.compiled += 1;
    const result = compiled.query(undefined, context.context, request.variables ?? {});
    return isPromise(result) ? result.then((r) => this.#settle(r, context)) : this.#settle(result, context);
  }

  /**
   * A result without `data` means the operation never started: its variables
   * could not be coerced. graphql-js reports that with the variable's node,
   * from which Apollo answers BAD_USER_INPUT; graphql-jit does not, so such a
   * request is answered by graphql-js (which runs no resolver either).
   */
  #settle(result: ExecutionResult, context: GatewayGraphQLRequestContext): GatewayExecutionResult | Promise<GatewayExecutionResult> {
    if (!('data' in result)) return this.#interpret(context);
    return withStandardErrors(result);
  }

  #interpret({ document, operationName, request, context }: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    this.runs.interpreted += 1;
    return Promise.resolve(execute({ schema: this.#schema, document, contextValue: context, variableValues: request.variables ?? null, operationName }));
  }

  /** The compiled operation, once it has run often enough to be worth compiling. */
  #compiled(document: DocumentNode, operationName: string): Compiled | undefined {
    let byName = this.#documents.get(document);
    if (!byName) this.#documents.set(document, (byName = new Map()));
    let seen = byName.get(operationName);
    if (!seen) byName.set(operationName, (seen = { runs: 0 }));
    if (!seen.compiled && ++seen.runs > RUNS_BEFORE_COMPILING) {
      seen.compiled = compileQuery(this.#schema, document, operationName || undefined, { disablingCapturingStackErrors: true }) as Compiled;
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
