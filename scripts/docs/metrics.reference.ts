import 'reflect-metadata';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config/config.js';
import { createGateway } from '../../src/gateway.js';
import { banner, code, table } from './markdown.js';

/** prom-client's own process and runtime metrics, which the gateway turns on; not the gateway's to list. */
const DEFAULT_METRICS = /^(process|nodejs)_/;

/**
 * docs/reference/metrics.md: every metric the gateway registers, read from the registry of a gateway built as
 * `npm start` builds it (with an upstream nothing calls), so a metric registered anywhere is listed.
 */
export async function metricsReference(): Promise<string> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), bitgoBaseUrl: 'http://127.0.0.1:9' };
  const gateway = await createGateway({ config, logger: createLogger('silent') });
  try {
    const registry = gateway.metrics?.registry;
    if (!registry) throw new Error('metrics are off by default: nothing to list');
    // Each metric object carries its name, type, help and label names (prom-client keeps them as given).
    const metrics = (registry.getMetricsAsArray() as unknown as Array<{ name: string; type: string; help: string; labelNames?: readonly string[] }>).filter((m) => !DEFAULT_METRICS.test(m.name));
    const rows = metrics.map((m) => [code(m.name), m.type, (m.labelNames ?? []).map(code).join(', '), m.help]);
    return [
      banner('Metrics', 'the gateway\'s Prometheus registry (src/server/metrics/ and whatever registers on it)'),
      'At `/metrics` (METRICS, default on; on a port of its own with METRICS_PORT), in Prometheus\'s text format. Label',
      'values come from closed sets (route templates, methods, status codes, error and outcome codes), never from a',
      'client\'s text, an id or a secret. Beside these, prom-client\'s default `process_*` and `nodejs_*` metrics.',
      '',
      table(['metric', 'type', 'labels', 'meaning'], rows),
      '',
    ].join('\n');
  } finally {
    await gateway.close(0);
  }
}
