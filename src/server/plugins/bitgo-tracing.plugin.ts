import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions';
import type { BitGoClient, BitGoRequestEvent } from '../../bitgo/client.js';
import { ATTR_URL_TEMPLATE, OperationTrace, propagator } from '../tracing/operation.trace.js';

export interface BitGoTracingOptions {
  client: BitGoClient;
  tracer: Tracer;
  /** BitGo's base URL: its host and port go on every span (never a path, which holds ids). */
  baseUrl: string;
}

const headerSetter = {
  set: (carrier: Record<string, string>, key: string, value: string) => {
    carrier[key] = value;
  },
};

/**
 * A client span per BitGo call (all its attempts), child of the operation that made it, and its
 * `traceparent` on every attempt. Named `METHOD route-template`; attributes are the method, the template,
 * BitGo's host, the last status and the re-send count.
 */
export function attachBitGoTracing({ client, tracer, baseUrl }: BitGoTracingOptions): void {
  const url = new URL(baseUrl);
  const server = { [ATTR_SERVER_ADDRESS]: url.hostname, [ATTR_SERVER_PORT]: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
  const spans = new WeakMap<BitGoRequestEvent, Span>();
  client.on('request', (event) => {
    const parent = event.trace instanceof OperationTrace ? event.trace.context : ROOT_CONTEXT;
    const span = tracer.startSpan(
      `${event.method} ${event.route}`,
      { kind: SpanKind.CLIENT, attributes: { [ATTR_HTTP_REQUEST_METHOD]: event.method, [ATTR_URL_TEMPLATE]: event.route, ...server } },
      parent,
    );
    spans.set(event, span);
    propagator.inject(trace.setSpan(parent, span), event.headers, headerSetter);
  });
  client.on('response', (event) => {
    const span = spans.get(event.request);
    if (!span) return;
    if (event.status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, event.status);
    if (event.attempts > 1) span.setAttribute(ATTR_HTTP_REQUEST_RESEND_COUNT, event.attempts - 1);
    if (event.outcome !== 'ok') {
      span.setAttribute(ATTR_ERROR_TYPE, event.status !== undefined && event.outcome === 'http' ? String(event.status) : event.outcome);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  });
}
