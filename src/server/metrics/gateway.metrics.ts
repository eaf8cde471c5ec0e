import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JournalStore } from '../../store/journal.store.js';
// Why an inbound webhook was refused: a closed set, so the label stays bounded.
import { WEBHOOK_REFUSAL_REASONS as WEBHOOK_REFUSALS, type WebhookRefusalReason as WebhookRefusal } from '../routes/partner-webhook.route.js';

export interface GatewayMetricsOptions {
  /** The unsettled count and oldest age are read from it at each scrape. */
  journal: Pick<JournalStore, 'unsettledStats'>;
  /** Node's default metrics (process_*, nodejs_*); default on. */
  defaultMetrics?: boolean;
  /**
   * Label GraphQL operations with their name too. Names are chosen by clients, so only when trusted documents
   * bound them (PERSISTED_DOCUMENTS); default off.
   */
  operationNames?: boolean;
}

/** The dependencies whose series show from the start (the store's are the store's own). */
/** Every dependency a refusal or a degraded answer is counted for: each series shows from the start, at 0. */
const DEPENDENCIES = ['store', 'redis', 'bitgo'] as const;

/** OpenTelemetry's recommended boundaries for HTTP durations, in seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
/** A local key signs in about a millisecond; BitGo Express takes a network round trip. */
const SIGNER_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Every metric the gateway exposes, in one registry of its own (one per gateway, so tests can run several).
 * Label values come from closed sets (route templates, methods, status codes, error and outcome codes),
 * never from a client's text, an id or a secret.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly operationNames: boolean;

  readonly httpDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of inbound HTTP requests, by method, route template and status code',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly operations: Counter<'type' | 'outcome' | 'name'>;

  readonly graphqlErrors = new Counter({
    name: 'graphql_server_errors_total',
    help: 'GraphQL errors answered, by code (extensions.code)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly bitgoDuration = new Histogram({
    name: 'bitgo_client_request_duration_seconds',
    help: 'BitGo calls (all attempts of one call together), by method, route template, last status and outcome',
    labelNames: ['method', 'route', 'status', 'outcome'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly bitgoRetries = new Counter({
    name: 'bitgo_client_retries_total',
    help: 'Re-sends of BitGo calls (attempts after the first), by method and route template',
    labelNames: ['method', 'route'] as const,
    registers: [this.registry],
  });

  readonly signedWrites = new Counter({
    name: 'gateway_signed_writes_total',
    help: 'Signed-write mutations, by kind and outcome (OK, OUTCOME_UNKNOWN, REJECTED, RELEASED, CONFLICT, SIGNER_UNAVAILABLE, ...)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly signerDuration = new Histogram({
    name: 'gateway_signer_duration_seconds',
    help: 'One signature (screening, signing and verification), by signer kind',
    labelNames: ['signer'] as const,
    buckets: SIGNER_BUCKETS,
    registers: [this.registry],
  });

  readonly webhooksRefused = new Counter({
    name: 'gateway_webhooks_refused_total',
    help: 'Inbound webhooks refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** Rows the reconciler gave up on: they leave the unsettled gauges, so this is where they show. */
  readonly journalAbandoned = new Counter({
    name: 'gateway_journal_abandoned_requests_total',
    help: 'Signed requests this process\'s reconciler marked ABANDONED (no definite answer within RECONCILE_MAX_AGE_MS)',
    registers: [this.registry],
  });

  /** Shared by every dependency (store, redis, bitgo, otlp): one series per dependency, from 0. */
  readonly dependencyUnavailable = new Counter({
    name: 'gateway_dependency_unavailable_total',
    help: 'Requests refused or served degraded because a dependency was unavailable, by dependency (store: refused with STORE_UNAVAILABLE; redis: served without rate limits; bitgo: a call that got no usable answer)',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  readonly readCacheReads = new Counter({
    name: 'gateway_read_cache_reads_total',
    help: 'BitGo reads through the read cache, by kind and outcome (hit; miss: this call went to BitGo; coalesced: answered by an identical call in flight; bypass: fresh asked for, the cache off or unreachable, or a token not proven)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly readCacheInvalidations = new Counter({
    name: 'gateway_read_cache_invalidations_total',
    help: 'Read cache kinds dropped because the gateway saw a change touching them, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly readCacheEvictions = new Counter({
    name: 'gateway_read_cache_evictions_total',
    help: 'Live entries the in-memory read cache dropped for room (READ_CACHE_MAX_BYTES), by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly traceSpansDropped = new Counter({
    name: 'gateway_trace_spans_dropped_total',
    help: 'Spans never exported: the export queue was full, or the collector refused them or did not answer in time',
    registers: [this.registry],
  });

  readonly addressRefusals = new Counter({
    name: 'gateway_address_limit_refusals_total',
    help: 'Requests refused by the per-address ceilings, by limit (requests: ADDRESS_REQUESTS_PER_MINUTE; refused_tokens: ADDRESS_REFUSED_TOKENS_PER_MINUTE)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor(options: GatewayMetricsOptions) {
    this.operationNames = options.operationNames ?? false;
    this.operations = new Counter({
      name: 'graphql_server_operations_total',
      help: 'GraphQL operations, by type (query, mutation, unknown when it never parsed) and outcome (success; error: ran with errors; rejected: refused before running)',
      labelNames: this.operationNames ? ['type', 'outcome', 'name'] : ['type', 'outcome'],
      registers: [this.registry],
    });
    const { journal } = options;
    // Read at scrape time, so a durable journal shared by replicas reports what all of them left.
    let last: Promise<{ count: number; oldestCreatedAt: Date | null }> | undefined;
    // While the store is down the gauges keep their last values: the scrape itself must not fail, since it is what
    // shows the outage (gateway_dependency_unavailable_total).
    let known: { count: number; oldestCreatedAt: Date | null } = { count: 0, oldestCreatedAt: null };
    const unsettledStats = (): Promise<{ count: number; oldestCreatedAt: Date | null }> =>
      (last ??= journal
        .unsettledStats()
        .then((stats) => (known = stats), () => known)
        .finally(() => setImmediate(() => (last = undefined))));
    new Gauge({
      name: 'gateway_journal_unsettled_requests',
      help: 'Signed requests in the journal without a definite answer from BitGo (pending or unknown)',
      registers: [this.registry],
      async collect() {
        this.set((await unsettledStats()).count);
      },
    });
    new Gauge({
      name: 'gateway_journal_oldest_unsettled_age_seconds',
      help: 'Age of the oldest signed request without a definite answer; 0 when there is none',
      registers: [this.registry],
      async collect() {
        const { oldestCreatedAt } = await unsettledStats();
        this.set(oldestCreatedAt ? Math.max(0, (Date.now() - oldestCreatedAt.getTime()) / 1000) : 0);
      },
    });
    // Every reason shows from the start, at 0: an alert on a rate needs the series to exist.
    for (const reason of WEBHOOK_REFUSALS) this.webhooksRefused.inc({ reason }, 0);
    this.journalAbandoned.inc(0);
    for (const dependency of DEPENDENCIES) this.dependencyUnavailable.inc({ dependency }, 0);
    for (const limit of ['requests', 'refused_tokens']) this.addressRefusals.inc({ limit }, 0);
    this.traceSpansDropped.inc(0);
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** What the inbound webhook routes call when they refuse a delivery. */
  webhookRefused(reason: WebhookRefusal): void {
    this.webhooksRefused.inc({ reason });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text, as /metrics serves it. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
