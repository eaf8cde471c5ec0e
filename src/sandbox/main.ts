import { DEMO_CONNECTION_IDS, NO_LICENCE_ENTERPRISE_ID, startSandbox } from './index.js';

/**
 * Standalone sandbox: `node dist/src/sandbox/main.js`. Port from SANDBOX_PORT
 * (default 4010). The printed token is a sandbox-only demo token.
 */
const raw = process.env.SANDBOX_PORT;
const port = raw === undefined || raw === '' ? 4010 : Number(raw);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`SANDBOX_PORT must be an integer from 0 to 65535 (got "${raw}")\n`);
  process.exit(1);
}

const sandbox = await startSandbox({ port, ...(process.env.SANDBOX_HOST ? { host: process.env.SANDBOX_HOST } : {}) });
process.stdout.write(
  [
    `BitGo sandbox listening on ${sandbox.url}`,
    `  token (sandbox demo):     ${sandbox.token}`,
    `  client enterprise:        ${sandbox.enterpriseId}`,
    `  partner enterprise:       ${sandbox.partnerEnterpriseId} (asynchronous partner)`,
    `  no-licence enterprise:    ${NO_LICENCE_ENTERPRISE_ID}`,
    `  connections:              ${Object.entries(DEMO_CONNECTION_IDS).map(([name, id]) => `${name}=${id}`).join(' ')}`,
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
