import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';

describe('configuration: metrics and tracing', () => {
  it('serves metrics on the gateway port by default, tracing off', () => {
    const c = loadConfig({});
    assert.equal(c.metrics, true);
    assert.equal(c.metricsPort, undefined);
    assert.equal(c.otlpEndpoint, undefined);
  });

  it('reads METRICS, METRICS_PORT and the OTLP endpoint (the traces one first); OTEL_SDK_DISABLED turns tracing off', () => {
    assert.equal(loadConfig({ METRICS: 'false' }).metrics, false);
    assert.equal(loadConfig({ METRICS_PORT: '9464' }).metricsPort, 9464);
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).otlpEndpoint, 'http://collector:4318');
    assert.equal(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/v1/traces' }).otlpEndpoint,
      'https://traces.example/v1/traces',
    );
    assert.equal(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).otlpEndpoint, undefined);
  });

  it('refuses bad values, without echoing an endpoint (it may hold credentials)', () => {
    assert.throws(() => loadConfig({ METRICS: 'yes' }), /METRICS must be true or false/);
    assert.throws(() => loadConfig({ METRICS_PORT: '0' }), /METRICS_PORT must be an integer from 1 to 65535/);
    assert.throws(
      () => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318?token=s3cret' }),
      (error: Error) => /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/.test(error.message) && !error.message.includes('s3cret'),
    );
  });
});
