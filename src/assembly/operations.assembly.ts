import type { Tracer } from '@opentelemetry/api';
import { createEpisodeLog } from '../common/episode-log.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import { GatewayMetrics } from '../server/metrics/gateway.metrics.js';
import type { ReadinessCheck } from '../server/routes/readiness.route.js';
import { startOtlpTracing } from '../server/tracing/otlp.tracing.js';
import type { SignerRegistry } from '../signing/signer-registry.js';
import type { JournalAdminStore } from '../store/journal.store.js';

export interface OperationsAssemblyOptions {
  config: Config;
  logger: Logger;
  journal: JournalAdminStore;
  /** Given (tests: an in-memory exporter's tracer): used as it is; else OTLP when `config.otlpEndpoint` is set. */
  tracer: Tracer | undefined;
}

/** What operators watch: the Prometheus registry's owner and where spans go. */
export interface OperationsAssembly {
  metrics: GatewayMetrics | undefined;
  tracer: Tracer | undefined;
  /** Flushes and stops the OTLP exporter this assembly started (a given tracer is its owner's). */
  close(): Promise<void>;
}

export function assembleOperations({ config, logger, journal, tracer }: OperationsAssemblyOptions): OperationsAssembly {
  const metrics = config.metrics ? new GatewayMetrics({ journal }) : undefined;
  const otlp =
    !tracer && config.otlpEndpoint
      ? startOtlpTracing({
          maxQueueSize: config.traceQueueSize,
          exportTimeoutMs: config.traceExportTimeoutMs,
          onDropped: metrics ? (spans) => metrics.traceSpansDropped.inc(spans) : undefined,
          episode: createEpisodeLog(logger, 'otlp collector'),
        })
      : undefined;
  return {
    metrics,
    tracer: tracer ?? otlp?.tracer,
    close: async () => void (await otlp?.shutdown()),
  };
}

/**
 * Ready when the journal answers and, if this gateway was started with a signer for its enterprise, that
 * signer is still registered.
 */
export function readinessChecks(config: Config, signers: SignerRegistry, journal: JournalAdminStore): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [{ name: 'store', check: async () => void (await journal.unsettledStats()) }];
  const enterprise = config.enterpriseId ?? '';
  if (signers.for(enterprise)) checks.push({ name: 'signer', check: async () => signers.for(enterprise) !== undefined });
  return checks;
}
