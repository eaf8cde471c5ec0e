import { DEMO_CONNECTION_IDS, DEMO_PARTNERS, DEMO_PENDING_CONNECTION_ID, NO_LICENCE_ENTERPRISE_ID, startSandbox } from './index.js';
import { readSandboxSettings } from './settings.js';

/**
 * Standalone sandbox: `node dist/src/sandbox/main.js`, configured by the variables of settings.ts. The printed
 * token is a sandbox-only demo token. SANDBOX_CONTROL=1 (tests only, off by default) serves /_sandbox/ routes that
 * arm faults, set latency and read the request log over HTTP (see control.route.ts), and keeps the whole log.
 */
const settings = readSandboxSettings(process.env);
if ('problem' in settings) {
  process.stderr.write(`${settings.problem}\n`);
  process.exit(1);
}
const { port, latencyMs, control, partnerWebhookUrl, disputeWindowMs } = settings;
const sandbox = await startSandbox({ port, partnerWebhookUrl, control, disputeWindowMs, ...(settings.host ? { host: settings.host } : {}) });
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
    `  dispute window:           ${disputeWindowMs} ms (v2 settlements; seeded: settlements 5a1e0000-0000-4000-8000-0000000000NN, dispute d15e0000-…-000000000001)`,
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
