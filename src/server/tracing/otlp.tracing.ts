import type { Context, Tracer } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type Span, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { TraceFlags } from '@opentelemetry/api';
import type { EpisodeLog } from '../../common/episode-log.js';

export interface OtlpTracing {
  tracer: Tracer;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

export interface OtlpTracingOptions {
  /** Spans waiting for export; beyond it new ones are dropped (OTEL_BSP_MAX_QUEUE_SIZE). */
  maxQueueSize: number;
  /** One export's limit, the exporter's and the batch processor's alike (OTEL_EXPORTER_OTLP_TIMEOUT). */
  exportTimeoutMs: number;
  /** Told how many spans were dropped each time some are (the metrics count them). */
  onDropped?: ((spans: number) => void) | undefined;
  /** The collector's health: a warning when exports start failing, a line when one succeeds again. */
  episode?: EpisodeLog | undefined;
}

export const SERVICE_NAME = 'bitgo-allocations-gateway';

/**
 * The OpenTelemetry SDK with an OTLP/HTTP exporter, started only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * The exporter and sampler read their standard variables themselves (OTEL_EXPORTER_OTLP_HEADERS,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_TRACES_SAMPLER, …); OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
 * name the service. No global provider or context manager is installed: the gateway threads its spans.
 *
 * A collector that is down or never answers must cost requests nothing: spans wait in a bounded queue and are
 * exported in the background, each export bounded by `exportTimeoutMs`; a span that finds the queue full, and
 * every span of an export that failed or timed out, is dropped and counted.
 */
export function startOtlpTracing(options: OtlpTracingOptions): OtlpTracing {
  const resource = defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: SERVICE_NAME })).merge(detectResources({ detectors: [envDetector] }));
  const dropped = options.onDropped ?? (() => undefined);
  const exporter = new CountingExporter(new OTLPTraceExporter({ timeoutMillis: options.exportTimeoutMs }), dropped, options.episode);
  const batch = new BatchSpanProcessor(exporter, { maxQueueSize: options.maxQueueSize, exportTimeoutMillis: options.exportTimeoutMs });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new QueueWatch(batch, exporter, options.maxQueueSize, dropped)] });
  // A last export that fails (the collector down at shutdown) has had its spans counted: it must not fail the shutdown.
  return { tracer: provider.getTracer(SERVICE_NAME), shutdown: () => provider.shutdown().catch(() => undefined) };
}

/** Counts the spans of every export that did not succeed (refused, failed, timed out): they are gone. */
class CountingExporter implements SpanExporter {
  /** Spans handed to the exporter so far: the batch processor's queue is what it was given less this. */
  taken = 0;

  constructor(
    readonly inner: SpanExporter,
    readonly dropped: (spans: number) => void,
    readonly episode: EpisodeLog | undefined,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.taken += spans.length;
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.episode?.ok();
      else {
        this.dropped(spans.length);
        this.episode?.fail(result.error);
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * In front of the batch processor: counts the spans it will drop for a full queue (it counts them only in a
 * debug line). Its queue holds the sampled spans it was given less those handed to the exporter.
 */
class QueueWatch implements SpanProcessor {
  #given = 0;

  constructor(
    readonly inner: SpanProcessor,
    readonly exporter: CountingExporter,
    readonly maxQueueSize: number,
    readonly dropped: (spans: number) => void,
  ) {}

  onStart(span: Span, parent: Context): void {
    this.inner.onStart(span, parent);
  }

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) {
      if (this.#given - this.exporter.taken >= this.maxQueueSize) this.dropped(1);
      else this.#given += 1;
    }
    this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
