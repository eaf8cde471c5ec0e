import { DEMO_CONNECTION_IDS, DEMO_PARTNERS, DEMO_PENDING_CONNECTION_ID, NO_LICENCE_ENTERPRISE_ID, startSandbox } from './index.js';

/**
 * Standalone sandbox: `node dist/src/sandbox/main.js`. Port from SANDBOX_PORT
 * (default 4010). The printed token is a sandbox-only demo token.
 * SANDBOX_LATENCY_MS (default 0) delays every answer, as `faults.setLatency`
 * does in-process: the benchmark runs the sandbox as its own process and
 * injects the upstream latency this way. SANDBOX_CONTROL=1 (tests only, off by
 * default) serves /_sandbox/ routes that arm faults, set latency and read the
 * request log over HTTP (see control.route.ts), and keeps the whole log.
 */
function intFromEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) {
    process.stderr.write(`${name} must be an integer from 0 to ${max} (got "${raw}")\n`);
    process.exit(1);
  }
  return value;
}

const port = intFromEnv('SANDBOX_PORT', 4010, 65535);
const latencyMs = intFromEnv('SANDBOX_LATENCY_MS', 0, 600_000);
const control = process.env.SANDBOX_CONTROL === '1';

// SANDBOX_PARTNER_WEBHOOK_URL: the asynchronous partner's base URL, which the sandbox then calls as BitGo does.
const partnerWebhookUrl = process.env.SANDBOX_PARTNER_WEBHOOK_URL || undefined;
const sandbox = await startSandbox({ port, partnerWebhookUrl, control, ...(process.env.SANDBOX_HOST ? { host: process.env.SANDBOX_HOST } : {}) });
if (latencyMs > 0) sandbox.faults.setLatency(latencyMs);
// Without the control routes nothing can read the request log of a standalone sandbox,
// and under load (the benchmark) it would only grow the heap.
if (!control) setInterval(() => sandbox.requests.reset(), 5_000).unref();
process.stdout.write(
  [
    `BitGo sandbox listening on ${sandbox.url}`,
    `  token (sandbox demo):     ${sandbox.token}`,
    `  client enterprise:        ${sandbox.enterpriseId}`,
    `  partner enterprise:       ${sandbox.partnerEnterpriseId} (asynchronous partner)`,
    // Sandbox demo keys, derived from public labels: not secrets. A gateway in front of this sandbox needs one to sign.
    `  client signing key:       SIGNING_XPRV=${sandbox.signingXprv}`,
    `  partner signing key:      SIGNING_XPRV=${sandbox.partnerSigningXprv}`,
    `  no-licence enterprise:    ${NO_LICENCE_ENTERPRISE_ID}`,
    '  connections:',
    ...Object.entries(DEMO_CONNECTION_IDS).map(([name, id]) => `    ${name.padEnd(22)}${id}`),
    `  pending connection:       ${DEMO_PENDING_CONNECTION_ID} (not yet initialized by the partner)`,
    '  partners (connect with the key schema shown):',
    ...DEMO_PARTNERS.map((p) => `    ${p.name.padEnd(26)}${p.id} ${p.connectionKeySchema}${p.active ? '' : ' (inactive)'}${p.async ? ' (asynchronous)' : ''}`),
    ...(latencyMs > 0 ? [`  injected latency:         ${latencyMs} ms on every request`] : []),
    ...(control ? [`  control (tests only):     ${sandbox.url}/_sandbox/ (faults, latency, request log)`] : []),
    ...(partnerWebhookUrl
      ? [`  partner calls (webhooks): ${partnerWebhookUrl}, signed with this key (the partner's BITGO_WEBHOOK_PUBLIC_KEY):`, sandbox.partnerWebhooks.publicKeyPem.trim()]
      : []),
    '',
  ].join('\n'),
);

const stop = (): void => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
