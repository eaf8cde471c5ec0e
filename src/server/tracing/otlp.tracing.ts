import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface OtlpTracing {
  tracer: Tracer;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

export const SERVICE_NAME = 'bitgo-allocations-gateway';

/**
 * The OpenTelemetry SDK with an OTLP/HTTP exporter, started only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * The exporter and sampler read their standard variables themselves (OTEL_EXPORTER_OTLP_HEADERS,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_TRACES_SAMPLER, …); OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
 * name the service. No global provider or context manager is installed: the gateway threads its spans.
 */
export function startOtlpTracing(): OtlpTracing {
  const resource = defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: SERVICE_NAME })).merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  return { tracer: provider.getTracer(SERVICE_NAME), shutdown: () => provider.shutdown() };
}
