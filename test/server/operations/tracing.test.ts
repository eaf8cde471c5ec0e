import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions } from '../../helpers/live.js';
import { allocate } from '../../helpers/mutations.js';
import { startRecordingProxy, type RecordingProxy } from '../../helpers/recording-proxy.js';
import { startStack, type Stack } from '../../helpers/stack.js';

const LIST = 'query Page { allocations(first: 2) { nodes { id } } }';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

describe('traces (OpenTelemetry, in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let stack: Stack;
  let proxy: RecordingProxy;

  before(async () => {
    // The gateway talks to the sandbox through a proxy that records the headers it sends.
    stack = await startStack({
      listen: true,
      gateway: { tracer: provider.getTracer('test') },
      upstream: async (sandboxUrl) => (proxy = await startRecordingProxy(sandboxUrl)).url,
    });
  });
  after(async () => {
    await stack.close();
    await proxy.close();
    await provider.shutdown();
  });
  beforeEach(() => {
    exporter.reset();
    proxy.seen.length = 0;
  });

  it('a span per operation, named by its type, under the caller\'s trace; a child span per BitGo call; traceparent sent to BitGo', async () => {
    const res = await stack.gql(LIST, undefined, { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` });
    assert.equal(res.errors, undefined);
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.kind === SpanKind.SERVER)!;
    assert.equal(operation.name, 'query');
    assert.equal(operation.spanContext().traceId, TRACE_ID);
    assert.equal(parentOf(operation), CALLER_SPAN);
    assert.equal(operation.attributes['graphql.operation.type'], 'query');
    assert.equal(operation.attributes['graphql.operation.name'], 'Page');
    assert.equal(operation.status.code, SpanStatusCode.UNSET);

    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT);
    assert.equal(calls.length, 1);
    const call = calls[0]!;
    assert.equal(call.name, 'GET clients/allocations');
    assert.equal(parentOf(call), operation.spanContext().spanId);
    assert.equal(call.spanContext().traceId, TRACE_ID);
    assert.deepEqual(
      { ...call.attributes },
      {
        'http.request.method': 'GET',
        'url.template': 'clients/allocations',
        'server.address': '127.0.0.1',
        'server.port': Number(new URL(proxy.url).port),
        'http.response.status_code': 200,
      },
    );
    // What reached the wire names the call's span as its parent.
    assert.equal(proxy.seen.length, 1);
    assert.equal(proxy.seen[0]!.headers.traceparent, `00-${TRACE_ID}-${call.spanContext().spanId}-01`);
  });

  it('a new trace when the caller sends none; a mutation\'s calls are its children, each attempt carries the traceparent', async () => {
    stack.sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true });
    const clientExternalId = `t-${randomUUID()}`;
    const res = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '777' }, clientExternalId, notes: 'traced' });
    assert.equal(res.payload?.allocation?.status, 'CLEARED');
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.kind === SpanKind.SERVER)!;
    assert.equal(operation.name, 'mutation');
    assert.equal(parentOf(operation), undefined);
    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT).sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    // Beside the payload's fetch, the first allocate of this caller to this connection reads which currencies its partner accepts.
    assert.deepEqual(
      calls.map((s) => s.name).sort(),
      ['GET clients/connections/{connectionId}', 'GET supportedCurrencies', 'POST clients/connections/{connectionId}/allocations', 'POST clients/connections/{connectionId}/allocations/signing'],
    );
    for (const call of calls) assert.equal(parentOf(call), operation.spanContext().spanId);
    const submit = calls.find((s) => s.name === 'POST clients/connections/{connectionId}/allocations')!;
    assert.equal(submit.attributes['http.request.resend_count'], 1, 'dropped once, re-sent once');
    const sends = proxy.seen.filter((s) => s.method === 'POST' && /\/allocations$/.test(s.path));
    assert.equal(sends.length, 2);
    for (const send of sends) assert.equal(send.headers.traceparent, `00-${operation.spanContext().traceId}-${submit.spanContext().spanId}-01`);

    // No variable value, key, token or body in any attribute.
    const attributes = JSON.stringify(spans.map((s) => s.attributes));
    for (const value of [clientExternalId, DEMO_CONNECTION_IDS.helios, '777', 'traced', stack.sandbox.token, stack.sandbox.enterpriseId]) {
      assert.equal(attributes.includes(value), false, `${value} in span attributes`);
    }
  });

  it('marks a failed operation and a failed call as errors, with codes only', async () => {
    stack.sandbox.faults.add({ method: 'GET', path: /\/clients\/allocations$/, status: 403, body: { error: 'not yours: secret detail' } });
    const res = await stack.gql(LIST);
    assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.kind === SpanKind.SERVER)!;
    assert.equal(operation.status.code, SpanStatusCode.ERROR);
    assert.equal(operation.status.message, undefined);
    assert.equal(operation.attributes['error.type'], 'FORBIDDEN');
    const call = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    assert.equal(call.status.code, SpanStatusCode.ERROR);
    assert.equal(call.attributes['error.type'], '403');
    assert.equal(call.attributes['http.response.status_code'], 403);
    assert.equal(JSON.stringify(spans.map((s) => [s.attributes, s.events, s.status])).includes('secret detail'), false);
  });

  it('a subscription over WebSocket: one span for its open, named subscription, ended once it runs, its BitGo check a child; the connection makes none', async () => {
    const client = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    const sink = client.subscribe(ALLOCATION_CHANGED, { clientExternalIds: [`traced-${randomUUID()}`] });
    await waitForSubscriptions(stack.gateway, 1);
    await eventually(() => exporter.getFinishedSpans().some((s) => s.kind === SpanKind.SERVER), 'the subscription\'s span to end');
    const spans = exporter.getFinishedSpans();
    const servers = spans.filter((s) => s.kind === SpanKind.SERVER);
    assert.deepEqual(servers.map((s) => [s.name, s.attributes['graphql.operation.type'], s.status.code]), [['subscription', 'subscription', SpanStatusCode.UNSET]]);
    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT);
    assert.ok(calls.length >= 1);
    for (const call of calls) assert.equal(parentOf(call), servers[0]!.spanContext().spanId, JSON.stringify(calls.map((s) => [s.name, parentOf(s), s.attributes])));
    sink.stop();
    await client.dispose();
    await waitForSubscriptions(stack.gateway, 0);
  });

  it('a document that never parses is one span named as the conventions name an unknown operation', async () => {
    const res = await stack.gql('{ allocations(first: 2) { nodes { id }');
    assert.equal(res.errors?.[0]?.extensions?.code, 'GRAPHQL_PARSE_FAILED');
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(spans.map((s) => [s.name, s.kind, s.status.code]), [['GraphQL Operation', SpanKind.SERVER, SpanStatusCode.ERROR]]);
  });
});
