import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A closed-loop load generator: `concurrency` workers, each issuing one
 * operation, waiting for its full answer, then issuing the next. Deliberately
 * light (no parsing beyond what an operation itself does) so it takes as little
 * CPU as possible from the processes being measured.
 */

/** One operation; resolves true when the answer was the expected one. */
export type Operation = (worker: number) => Promise<boolean>;

export interface RunResult {
  /** Latency of every operation that completed, in milliseconds, unsorted. */
  latencies: number[];
  errors: number;
  /** Wall time from the first start to the last completion. */
  elapsedMs: number;
}

/**
 * `staggerMs`: worker w sends its first request w·staggerMs/concurrency after
 * the start. Clients that all start at one instant stay in lockstep (a constant
 * upstream delay preserves bursts), so every request would also wait for the
 * rest of its burst at each serial stage: an artefact of the generator, not of
 * the system under test, and one that grows with each stage's service time.
 */
export async function closedLoop(op: Operation, concurrency: number, durationMs: number, staggerMs = 0): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const stopAt = start + durationMs;
  let last = start;
  const worker = async (w: number): Promise<void> => {
    if (staggerMs > 0) await sleep((w * staggerMs) / concurrency);
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      let ok: boolean;
      try {
        ok = await op(w);
      } catch {
        ok = false;
      }
      const t1 = performance.now();
      last = t1;
      if (ok) latencies.push(t1 - t0);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { latencies, errors, elapsedMs: last - start };
}

export interface Summary {
  count: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** Completed operations per second. */
  throughput: number;
}

/** Exact percentiles (nearest rank over the sorted samples) of one or more runs. */
export function summarize(runs: readonly RunResult[]): Summary {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((s, r) => s + r.elapsedMs, 0);
  const rank = (p: number): number => (all.length === 0 ? Number.NaN : all[Math.min(all.length - 1, Math.max(0, Math.ceil(p * all.length) - 1))]!);
  return {
    count: all.length,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    p50: rank(0.5),
    p90: rank(0.9),
    p99: rank(0.99),
    max: all[all.length - 1] ?? Number.NaN,
    mean: all.reduce((s, x) => s + x, 0) / Math.max(1, all.length),
    throughput: (all.length / elapsed) * 1000,
  };
}
