import type { Summary } from './load.js';

/** The tables `npm run bench` prints and writes to bench/results.md. */

export type Scenario = 'list' | 'screen' | 'allocate';
/** `baseline` is the BENCH_BASELINE build's gateway, measured beside this build's. */
export type PathName = 'direct' | 'gateway' | 'baseline';

export interface RoundResult {
  /** CPU of the gateway that served the round, per completed operation. */
  cpuMsPerOp: number;
  p50: number;
}

export interface PathResult {
  summary: Summary;
  /** CPU used during the measured runs, as % of one core: sandbox, the serving gateway, generator (this process), anything else on the machine. */
  cpu: { sandbox: number; gateway: number; generator: number; other: number };
  responseBytes: number;
  /** One entry per measured round, in order. */
  rounds: RoundResult[];
  /** The journal's PostgreSQL backends (other processes), per operation of this build's gateway: BENCH_STORE=postgres only. */
  databaseCpuMsPerOp?: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  latencyMs: number;
  direct: PathResult;
  gateway: PathResult;
  baseline?: PathResult;
}

export interface SignerResult {
  name: string;
  perSecond: number;
  microseconds: number;
}

export interface BaselineInfo {
  ref: string;
  commit: string;
  subject: string;
  dependencies: string;
}

export interface RunInfo {
  /** The method paragraph under the title. */
  method: string;
  rounds: number;
  secondsPerRun: number;
  baseline?: BaselineInfo;
}

const TARGETS = { p50: 1.05, p99: 1.25 } as const;

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toString() : 'n/a');

const NAMES: Record<Scenario, string> = { list: 'list', screen: 'allocate screen', allocate: 'allocate' };

export function label(r: { scenario: Scenario; latencyMs: number }): string {
  return `${NAMES[r.scenario]} @ ${r.latencyMs} ms`;
}

function median(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median and range of the per-round ratios current / baseline (each round's two runs were back to back). */
function pairedRatio(current: readonly RoundResult[], baseline: readonly RoundResult[], of: (r: RoundResult) => number): string {
  const ratios = current.map((c, i) => of(c) / of(baseline[i]!)).filter(Number.isFinite);
  if (ratios.length === 0) return 'n/a';
  return `${f2(median(ratios))} (${f2(Math.min(...ratios))}–${f2(Math.max(...ratios))})`;
}

const cpuPerOp = (p: PathResult): number => (p.cpu.gateway * 10) / p.summary.throughput;
/** The gateway's CPU per operation, and its database server's when that is another process on this machine. */
const cpuPerOpText = (p: PathResult): string => `${f2(cpuPerOp(p))}${p.databaseCpuMsPerOp === undefined ? '' : ` + ${f2(p.databaseCpuMsPerOp)} DB`}`;

function pathsOf(r: ScenarioResult): Array<[PathName, PathResult]> {
  return r.baseline ? [['direct', r.direct], ['gateway', r.gateway], ['baseline', r.baseline]] : [['direct', r.direct], ['gateway', r.gateway]];
}

export function render(results: readonly ScenarioResult[], signers: readonly SignerResult[], info: RunInfo): string {
  const lines: string[] = [];
  lines.push('# Benchmark results', '', info.method, '');
  lines.push('| scenario | path | p50 ms | p99 ms | throughput /s | ops | errors | CPU % sandbox / gateway / generator / other | gateway CPU ms/op | response bytes |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const r of results) {
    for (const [path, p] of pathsOf(r)) {
      const s = p.summary;
      lines.push(
        `| ${label(r)} | ${path} | ${f1(s.p50)} | ${f1(s.p99)} | ${f0(s.throughput)} | ${s.count} | ${s.errors} | ` +
          `${f0(p.cpu.sandbox)} / ${path === 'direct' ? '–' : f0(p.cpu.gateway)} / ${f0(p.cpu.generator)} / ${f0(p.cpu.other)} | ` +
          `${path === 'direct' ? '–' : cpuPerOpText(p)} | ${f0(p.responseBytes)} |`,
      );
    }
  }
  lines.push('', '## Ratios (gateway / direct)', '');
  lines.push('| scenario | p50 ratio | p99 ratio | throughput ratio | targets |');
  lines.push('|---|---:|---:|---:|---|');
  for (const r of results) {
    for (const [path, p] of pathsOf(r)) {
      if (path === 'direct') continue;
      const p50 = p.summary.p50 / r.direct.summary.p50;
      const p99 = p.summary.p99 / r.direct.summary.p99;
      const tp = p.summary.throughput / r.direct.summary.throughput;
      let verdict = 'reported only';
      if (r.scenario === 'list' && r.latencyMs === 50) {
        const ok50 = p50 <= TARGETS.p50;
        const ok99 = p99 <= TARGETS.p99;
        verdict = `p50 ≤ ${TARGETS.p50}: ${ok50 ? 'met' : 'MISSED'}; p99 ≤ ${TARGETS.p99}: ${ok99 ? 'met' : 'MISSED'}`;
      }
      lines.push(`| ${label(r)}${path === 'baseline' ? ' · baseline' : ''} | ${f2(p50)} | ${f2(p99)} | ${f2(tp)} | ${verdict} |`);
    }
  }
  if (info.baseline) lines.push('', ...renderComparison(results, info, info.baseline));
  if (signers.length > 0) {
    lines.push('', '## Signer (in process, one core, no servers running)', '');
    lines.push('| what | signatures / s | µs each |');
    lines.push('|---|---:|---:|');
    for (const s of signers) lines.push(`| ${s.name} | ${f0(s.perSecond)} | ${f0(s.microseconds)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function renderComparison(results: readonly ScenarioResult[], info: RunInfo, b: BaselineInfo): string[] {
  const lines = [`## This build against the baseline (${b.ref} = ${b.commit.slice(0, 12)}, "${b.subject}")`, ''];
  lines.push(
    `Both gateways run side by side on the same sandbox with the same flags, environment and load. Each of the ${info.rounds} rounds ` +
      `runs direct, then the two gateways back to back (${info.secondsPerRun.toFixed(2)} s each), the baseline first in even rounds and second in odd ones, ` +
      'so drift falls on both alike. "current / baseline" is the median over the rounds of each round\'s ratio, with its range; p99 is ' +
      `over all rounds pooled (too few samples per round). The baseline's dependencies: ${b.dependencies}.`,
    '',
  );
  lines.push(
    '| scenario | gateway CPU ms/op baseline → current | CPU/op current / baseline | p50 ms baseline → current | p50 current / baseline | ' +
      'p99 ms baseline → current | p99 current / baseline | p50 / p99 vs direct: baseline → current |',
  );
  lines.push('|---|---|---:|---|---:|---|---:|---|');
  for (const r of results) {
    if (!r.baseline) continue;
    const [c, base, d] = [r.gateway, r.baseline, r.direct.summary];
    lines.push(
      `| ${label(r)} | ${f2(cpuPerOp(base))} → ${cpuPerOpText(c)} | ${pairedRatio(c.rounds, base.rounds, (x) => x.cpuMsPerOp)} | ` +
        `${f1(base.summary.p50)} → ${f1(c.summary.p50)} | ${pairedRatio(c.rounds, base.rounds, (x) => x.p50)} | ` +
        `${f1(base.summary.p99)} → ${f1(c.summary.p99)} | ${f2(c.summary.p99 / base.summary.p99)} | ` +
        `${f2(base.summary.p50 / d.p50)} / ${f2(base.summary.p99 / d.p99)} → ${f2(c.summary.p50 / d.p50)} / ${f2(c.summary.p99 / d.p99)} |`,
    );
  }
  return lines;
}
