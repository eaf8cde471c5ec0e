/**
 * Scripted misbehaviour, consumed in the order it was added by the requests
 * it matches. Paths match against the request path without its query string:
 * a string as a prefix, a RegExp with `test`.
 */
export interface FaultSpec {
  method?: string;
  path?: string | RegExp;
  /** How many matching requests this fault applies to; default 1, Infinity allowed. */
  times?: number;
  /** Delay before handling. */
  latencyMs?: number;
  /** Answer this status (and `body`, default `{ error: 'injected fault' }`) instead of handling. */
  status?: number;
  body?: unknown;
  /** Extra headers on the injected answer, e.g. `{ 'retry-after': '30' }` with status 429. */
  headers?: Readonly<Record<string, string>>;
  /** Allocate/deallocate POST: commit as reserved+retriable and answer 500; an identical re-send completes it. */
  retriableReserved?: boolean;
  /** Handle (commit) the request, then destroy the socket without answering. */
  dropAfterCommit?: boolean;
  /** Destroy the socket without doing anything. */
  dropBeforeCommit?: boolean;
  /** Handle (commit) the request, send the status and half the body, then destroy the socket. */
  truncateAfterCommit?: boolean;
}

interface Armed {
  spec: FaultSpec;
  remaining: number;
}

export class Faults {
  private armed: Armed[] = [];
  private globalLatencyMs = 0;

  add(spec: FaultSpec): void {
    const remaining = spec.times ?? 1;
    if (!(remaining > 0)) throw new RangeError('times must be positive');
    this.armed.push({ spec: { ...spec }, remaining });
  }

  /** Added latency for every request (the benchmark uses 50 ms). */
  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('latency must be >= 0');
    this.globalLatencyMs = ms;
  }

  get latencyMs(): number {
    return this.globalLatencyMs;
  }

  /** Removes every scripted fault and the global latency. */
  clear(): void {
    this.armed = [];
    this.globalLatencyMs = 0;
  }

  /** Scripted faults not yet used up. */
  pending(): number {
    return this.armed.length;
  }

  /** The first fault matching this request, consuming one of its uses. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.armed.findIndex((a) => matches(a.spec, method, path));
    if (index < 0) return undefined;
    const hit = this.armed[index]!;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.armed.splice(index, 1);
    return hit.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === 'string') return path.startsWith(spec.path);
  spec.path.lastIndex = 0;
  return spec.path.test(path);
}
