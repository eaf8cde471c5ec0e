import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IncomingHttpHeaders } from 'node:http';

/** W3C trace context (`traceparent`, `tracestate`): read from callers, written to BitGo. */
export const propagator = new W3CTraceContextPropagator();

/** Incubating names in OpenTelemetry's semantic conventions, copied as its maintainers advise rather than imported. */
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_URL_TEMPLATE = 'url.template';

/** The conventions' name for an operation whose type is not known (it never parsed). */
export const UNKNOWN_OPERATION = 'GraphQL Operation';

const headerGetter = {
  get: (carrier: IncomingHttpHeaders, key: string) => carrier[key],
  keys: (carrier: IncomingHttpHeaders) => Object.keys(carrier),
};

/**
 * One GraphQL operation's span, and the context its BitGo calls are children of. It rides on the Caller
 * (opaque to the workflows) down to the BitGo client's events: threaded, not kept in async-local storage,
 * so the read path pays for no async hooks.
 */
export class OperationTrace {
  constructor(
    readonly span: Span,
    readonly context: Context,
  ) {}

  /** Named by the operation's type, as the semantic conventions say, with the operation's name. */
  resolved(type: string, name: string | null | undefined): void {
    this.span.updateName(type);
    this.span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
    if (name) this.span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
  }

  /** Ends the span; on failure with the first error's code, never its message. */
  end(errors: ReadonlyArray<{ extensions?: Record<string, unknown> | undefined }> | undefined): void {
    if (errors?.length) {
      const code = errors[0]!.extensions?.code;
      this.span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : 'GRAPHQL_ERROR');
      this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}

/** Starts an operation's span under the caller's own trace when its request carries a `traceparent`. */
export function startOperationTrace(tracer: Tracer, headers: IncomingHttpHeaders): OperationTrace {
  const parent = headers.traceparent === undefined ? ROOT_CONTEXT : propagator.extract(ROOT_CONTEXT, headers, headerGetter);
  const span = tracer.startSpan(UNKNOWN_OPERATION, { kind: SpanKind.SERVER }, parent);
  return new OperationTrace(span, trace.setSpan(parent, span));
}
