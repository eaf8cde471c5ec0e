import { Kind, parse, type OperationTypeNode } from 'graphql';

export type OperationKind = 'read' | 'write';

/** Distinct documents remembered; a flood of distinct documents only costs re-parsing, never memory. */
const CACHE_SIZE = 1_000;

/**
 * Whether a request's operation reads or writes (every mutation here is a signed write), before Apollo runs
 * it: the rate limit keeps one budget for each. Each distinct document is parsed once (Apollo parses it again
 * later, into its own cache); one that does not parse counts as a read, and Apollo refuses it.
 */
export class OperationKinds {
  readonly #byDocument = new Map<string, ReadonlyMap<string | null, OperationTypeNode>>();

  constructor(private readonly maxTokens: number) {}

  kindOf(query: unknown, operationName: unknown): OperationKind {
    if (typeof query !== 'string') return 'read';
    let operations = this.#byDocument.get(query);
    if (!operations) {
      operations = this.#operations(query);
      if (this.#byDocument.size >= CACHE_SIZE) this.#byDocument.clear();
      this.#byDocument.set(query, operations);
    }
    // Without a name, a document with one operation runs that one; with several, Apollo refuses it.
    const type = typeof operationName === 'string' && operationName !== '' ? operations.get(operationName) : operations.size === 1 ? operations.values().next().value : undefined;
    return type === 'mutation' ? 'write' : 'read';
  }

  #operations(query: string): ReadonlyMap<string | null, OperationTypeNode> {
    const out = new Map<string | null, OperationTypeNode>();
    try {
      for (const def of parse(query, { noLocation: true, maxLexicalTokens: this.maxTokens }).definitions) {
        if (def.kind === Kind.OPERATION_DEFINITION) out.set(def.name?.value ?? null, def.operation);
      }
    } catch {
      // not a document: a read, refused by Apollo
    }
    return out;
  }
}
