export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters; a repeated key's values are joined with commas. */
  query: Record<string, string>;
  /** Status answered; 0 when the socket was dropped without an answer. */
  status: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
  /** The caller's x-request-id when well-formed, else one the sandbox made: a retry of one call keeps its id. */
  requestId: string;
  /** SHA-256 (hex) of the request body, when it had one. */
  bodySha256?: string;
}

export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
}

/** What the sandbox received, for assertions such as "the gateway made exactly one upstream call". */
export class RequestLog {
  private log: RequestLogEntry[] = [];

  /** Appends an entry and hands it back so the server can fill in the status later. */
  record(entry: RequestLogEntry): RequestLogEntry {
    this.log.push(entry);
    return entry;
  }

  count(filter: RequestFilter = {}): number {
    let n = 0;
    for (const entry of this.log) if (matches(entry, filter)) n += 1;
    return n;
  }

  entries(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.log.filter((e) => matches(e, filter)).map((e) => ({ ...e, query: { ...e.query } }));
  }

  reset(): void {
    this.log = [];
  }
}

function matches(entry: RequestLogEntry, filter: RequestFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== entry.method) return false;
  if (filter.path === undefined) return true;
  if (typeof filter.path === 'string') return entry.path.startsWith(filter.path);
  filter.path.lastIndex = 0;
  return filter.path.test(entry.path);
}
