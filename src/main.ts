import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createSigner, loadSignerConfig } from './config/signing.config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './common/logger.js';
import { startSandbox, type StartedSandbox } from './sandbox/index.js';
import { LocalKeySigner } from './signing/local-key.signer.js';
import { SignerRegistry } from './signing/signer-registry.js';
import { SigningService } from './signing/signing.service.js';

function readConfig(): { config: Config; signers: SignerRegistry } {
  const problems: string[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const signerConfig = loadSignerConfig(process.env);
  problems.push(...signerConfig.problems);
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return { config, signers: new SignerRegistry(signerConfig.config ? new SigningService(createSigner(signerConfig.config)) : undefined) };
}

async function main(): Promise<void> {
  let config: Config;
  let signers: SignerRegistry;
  try {
    ({ config, signers } = readConfig());
  } catch (error) {
    // One line per problem, and nothing else: no stack, no values of secrets.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);

  let sandbox: StartedSandbox | undefined;
  let upstreamUrl = config.bitgoBaseUrl;
  if (upstreamUrl === undefined) {
    sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 0) });
    upstreamUrl = sandbox.url;
    config = {
      ...config,
      accessToken: config.accessToken ?? sandbox.token,
      enterpriseId: config.enterpriseId ?? sandbox.enterpriseId,
      // The sandbox plays BitGo to its asynchronous partner (Nimbus): the gateway receives its calls and trusts its key.
      webhookPublicKeyPem: [config.webhookPublicKeyPem, sandbox.partnerWebhooks.publicKeyPem].filter(Boolean).join('\n'),
      partnerEnterpriseId: config.partnerEnterpriseId ?? sandbox.partnerEnterpriseId,
    };
    // The sandbox's demo keys sign for its demo enterprises, so both sides of a flow work out of the box.
    signers
      .set(sandbox.enterpriseId, new SigningService(new LocalKeySigner(sandbox.signingXprv)))
      .set(sandbox.partnerEnterpriseId, new SigningService(new LocalKeySigner(sandbox.partnerSigningXprv)));
  }

  const gateway = await createGateway({ config: { ...config, bitgoBaseUrl: upstreamUrl }, logger, signers });
  const address = await gateway.app.listen({ port: config.port, host: config.host });
  const webhookAddress = gateway.webhookApp ? await gateway.webhookApp.listen({ port: config.webhookPort ?? 0, host: config.host }) : undefined;
  // Unless told otherwise, the sandbox calls this gateway's own partner endpoints, on loopback.
  sandbox?.partnerWebhooks.setUrl(config.sandboxPartnerWebhookUrl ?? loopback(webhookAddress ?? address));
  logger.info(
    {
      upstream: sandbox ? 'embedded sandbox' : config.bitgoEnv,
      enterpriseId: config.enterpriseId,
      sandboxUrl: sandbox?.url,
      ...(config.webhookPublicKeyPem ? { partnerWebhooks: `${webhookAddress ?? address}/bitgo/v1`, partnerEnterpriseId: config.partnerEnterpriseId ?? config.enterpriseId } : {}),
    },
    `BitGo allocations gateway ready at ${address}/graphql`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      await gateway.close();
      await sandbox?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** A listen address as a URL the same host can call (a wildcard host is reached on loopback). */
function loopback(address: string): string {
  const url = new URL(address);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}

await main();
