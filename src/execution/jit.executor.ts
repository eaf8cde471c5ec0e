import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | GatewayExecutionResult;

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
  readonly #compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

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
    const compiled = this.#compile(document, operationName ?? '');
    if (!isCompiledQuery(compiled)) return this.#interpret(context);
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
    return Promise.resolve(execute({ schema: this.#schema, document, contextValue: context, variableValues: request.variables ?? null, operationName }));
  }

  #compile(document: DocumentNode, operationName: string): Compiled {
    let byName = this.#compiled.get(document);
    if (!byName) this.#compiled.set(document, (byName = new Map()));
    let compiled = byName.get(operationName);
    if (!compiled) {
      compiled = compileQuery(this.#schema, document, operationName || undefined, { disablingCapturingStackErrors: true }) as Compiled;
      byName.set(operationName, compiled);
    }
    return compiled;
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
