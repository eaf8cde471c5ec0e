import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../../src/sandbox/index.js';
import { allocate, UPDATE } from '../../helpers/mutations.js';
import { parseMetrics, sumOf, valueOf, type Sample } from '../../helpers/prometheus.js';
import { useStack, type Stack } from '../../helpers/stack.js';

const helios = DEMO_CONNECTION_IDS.helios;
const amount = { currency: 'ofctbtc', quantity: '1000' };
const LIST = '{ allocations(first: 2) { nodes { id } } }';

async function scrape(stack: Stack): Promise<{ status: number; type: string | undefined; samples: Sample[]; text: string }> {
  const res = await stack.gateway.app.inject({ method: 'GET', url: '/metrics' });
  return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, samples: res.statusCode === 200 ? parseMetrics(res.body) : [], text: res.body };
}

describe('metrics after a known sequence of operations', () => {
  const stack = useStack({ env: { BITGO_WRITE_DEADLINE_MS: '1200' } });

  it('counts every operation, error, BitGo call, retry, signed write and signature, and shows the journal', async () => {
    const { sandbox } = stack;
    const before = (await scrape(stack)).samples;
    assert.equal(valueOf(before, 'graphql_server_operations_total', { type: 'query', outcome: 'success' }), 0);
    assert.equal(valueOf(before, 'gateway_journal_unsettled_requests'), 0);
    assert.equal(valueOf(before, 'gateway_journal_oldest_unsettled_age_seconds'), 0);

    // 1. Two reads, each one BitGo list call.
    for (let i = 0; i < 2; i++) assert.equal((await stack.gql(LIST)).errors, undefined);
    // 2. A document that does not validate: refused before it runs, no BitGo call.
    assert.equal((await stack.gql('{ allocations(first: 2) { nodes { nope } } }')).errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    // 3. A read BitGo refuses (401): executed, with an error.
    sandbox.faults.add({ method: 'GET', path: /\/clients\/allocations$/, status: 401, body: { error: 'expired' } });
    assert.equal((await stack.gql(LIST)).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    // 4. One allocate that clears: a signing-payload POST, a signature, an allocation POST.
    const cleared = await allocate(stack, { connectionId: helios, amount });
    assert.equal(cleared.payload?.allocation?.status, 'CLEARED');
    // 5. One BitGo releases (no funds).
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofctsol', { available: 1n });
    const released = await allocate(stack, { connectionId: helios, amount: { currency: 'ofctsol', quantity: '5' } });
    assert.equal(released.payload?.userErrors[0]?.code, 'RELEASED');
    // 6. One whose every answer is lost until the deadline: OUTCOME_UNKNOWN, re-sent at least once, left unsettled.
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true, times: Infinity });
    const unknown = await allocate(stack, { connectionId: helios, amount, clientExternalId: `m-${randomUUID()}` });
    sandbox.faults.clear();
    assert.equal(unknown.payload?.userErrors[0]?.code, 'OUTCOME_UNKNOWN');
    const unknownSends = sandbox.requests.count({ method: 'POST', path: /\/connections\/[^/]+\/allocations$/ }) - 2;
    assert.ok(unknownSends >= 2, `${unknownSends} sends of the unknown one`);
    // 7. A partner update with no signer for its enterprise... is signed here (demo partner key): cleared.
    const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    const reserved = await allocate(stack, { connectionId: nimbus.id, amount });
    const update = await stack.gql<{ updateAllocation: { userErrors: unknown[] } }>(UPDATE, {
      input: {
        enterpriseId: sandbox.partnerEnterpriseId,
        allocationId: reserved.payload!.allocation!.id,
        amount,
        clientId: sandbox.enterpriseId,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: 'p-1',
        status: 'CLEARED',
      },
    });
    assert.deepEqual(update.data?.updateAllocation.userErrors, []);
    // 8. A webhook refused (the routes come later; the counter and its function are here).
    stack.gateway.metrics!.webhookRefused('bad_signature');

    const { status, type, samples } = await scrape(stack);
    assert.equal(status, 200);
    assert.match(type!, /^text\/plain; version=0\.0\.4/);
    const v = (name: string, labels: Record<string, string> = {}) => valueOf(samples, name, labels);

    // GraphQL operations by type and outcome, errors by code.
    assert.equal(v('graphql_server_operations_total', { type: 'query', outcome: 'success' }), 2);
    assert.equal(v('graphql_server_operations_total', { type: 'query', outcome: 'error' }), 1);
    assert.equal(v('graphql_server_operations_total', { type: 'unknown', outcome: 'rejected' }), 1);
    assert.equal(v('graphql_server_operations_total', { type: 'mutation', outcome: 'success' }), 5);
    assert.equal(v('graphql_server_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }), 1);
    assert.equal(v('graphql_server_errors_total', { code: 'UNAUTHENTICATED' }), 1);
    assert.equal(sumOf(samples, 'graphql_server_errors_total'), 2);
    assert.ok(samples.every((s) => s.name !== 'graphql_server_operations_total' || s.labels.name === undefined), 'no operation name label');

    // BitGo calls by method, route template and status, with durations; retries.
    const calls = (labels: Record<string, string>) => v('bitgo_client_request_duration_seconds_count', labels);
    assert.equal(calls({ method: 'GET', route: 'clients/allocations', status: '200', outcome: 'ok' }), 2);
    assert.equal(calls({ method: 'GET', route: 'clients/allocations', status: '401', outcome: 'http' }), 1);
    assert.equal(calls({ method: 'POST', route: 'clients/connections/{connectionId}/allocations/signing', status: '200', outcome: 'ok' }), 4);
    assert.equal(calls({ method: 'POST', route: 'clients/connections/{connectionId}/allocations', status: '200', outcome: 'ok' }), 2);
    assert.equal(calls({ method: 'POST', route: 'clients/connections/{connectionId}/allocations', status: '422', outcome: 'http' }), 1);
    const lost = samples.filter((s) => s.name === 'bitgo_client_request_duration_seconds_count' && s.labels.route === 'clients/connections/{connectionId}/allocations' && s.labels.status === 'none');
    assert.equal(lost.reduce((a, s) => a + s.value, 0), 1, 'the unknown one is one call');
    assert.ok(['network', 'timeout'].includes(lost[0]!.labels.outcome!));
    assert.equal(v('bitgo_client_retries_total', { method: 'POST', route: 'clients/connections/{connectionId}/allocations' }), unknownSends - 1);
    assert.ok(v('bitgo_client_request_duration_seconds_sum', { method: 'GET', route: 'clients/allocations', status: '200', outcome: 'ok' }) > 0);
    assert.ok(v('bitgo_client_request_duration_seconds_bucket', { method: 'GET', route: 'clients/allocations', status: '200', outcome: 'ok', le: '+Inf' }) === 2);
    assert.ok(samples.every((s) => !s.labels.route || !/[0-9a-f]{8}-/.test(s.labels.route)), 'route templates, never ids');

    // Signed writes by outcome, signer latency.
    assert.equal(v('gateway_signed_writes_total', { kind: 'allocate', outcome: 'OK' }), 2);
    assert.equal(v('gateway_signed_writes_total', { kind: 'allocate', outcome: 'RELEASED' }), 1);
    assert.equal(v('gateway_signed_writes_total', { kind: 'allocate', outcome: 'OUTCOME_UNKNOWN' }), 1);
    assert.equal(v('gateway_signed_writes_total', { kind: 'update_allocation', outcome: 'OK' }), 1);
    assert.equal(v('gateway_signer_duration_seconds_count', { signer: 'local' }), 5);
    assert.ok(v('gateway_signer_duration_seconds_sum', { signer: 'local' }) > 0);

    // The journal: the unknown one is unsettled, and has been for a while.
    assert.equal(v('gateway_journal_unsettled_requests'), 1);
    const age = v('gateway_journal_oldest_unsettled_age_seconds');
    assert.ok(age > 0 && age < 60, `oldest unsettled: ${age} s`);

    // Webhooks refused by reason: every reason is there, at 0 unless counted.
    assert.equal(v('gateway_webhooks_refused_total', { reason: 'bad_signature' }), 1);
    assert.equal(v('gateway_webhooks_refused_total', { reason: 'replayed' }), 0);

    // HTTP: every POST to /graphql so far, and the first scrape.
    const graphqlPosts = sumOf(samples, 'http_server_request_duration_seconds_count', { http_request_method: 'POST', http_route: '/graphql' });
    assert.equal(graphqlPosts, 9);
    assert.equal(v('http_server_request_duration_seconds_count', { http_request_method: 'POST', http_route: '/graphql', http_response_status_code: '400' }), 1);
    assert.equal(v('http_server_request_duration_seconds_count', { http_request_method: 'GET', http_route: '/metrics', http_response_status_code: '200' }), 1);
    // Node's defaults.
    assert.ok(v('process_cpu_user_seconds_total') > 0);
    assert.ok(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds'));
    assert.ok(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes'));
  });

  it('labels an unmatched URL as one route, and a strange method as _OTHER', async () => {
    await stack.gateway.app.inject({ method: 'GET', url: `/no/such/${randomUUID()}` });
    const { samples } = await scrape(stack);
    assert.equal(valueOf(samples, 'http_server_request_duration_seconds_count', { http_route: 'unmatched', http_response_status_code: '404' }), 1);
    assert.ok(samples.every((s) => !s.labels.http_route?.startsWith('/no/')));
  });
});

describe('metrics switched off, or on a port of their own', () => {
  const off = useStack({ env: { METRICS: 'false' } });
  const apart = useStack({ env: { METRICS_PORT: '9464' } });

  it('METRICS=false: no /metrics, no registry', async () => {
    assert.equal(off.gateway.metrics, undefined);
    assert.equal(off.gateway.metricsApp, undefined);
    assert.equal((await off.gateway.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  });

  it('METRICS_PORT: /metrics on its own listener, not on the gateway port', async () => {
    assert.equal((await apart.gateway.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    const metricsApp = apart.gateway.metricsApp!;
    // main.ts listens on METRICS_PORT; here an ephemeral port stands in for it.
    await metricsApp.listen({ port: 0, host: '127.0.0.1' });
    const { port } = metricsApp.server.address() as AddressInfo;
    await apart.gql(LIST);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(res.status, 200);
    const samples = parseMetrics(await res.text());
    assert.equal(valueOf(samples, 'graphql_server_operations_total', { type: 'query', outcome: 'success' }), 1);
  });
});
