import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { startSandbox, type StartedSandbox } from './sandbox/index.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let sandbox: StartedSandbox | undefined;
  let baseUrl = config.bitgoBaseUrl;
  if (baseUrl === undefined) {
    sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 0) });
    baseUrl = sandbox.url;
    config = { ...config, accessToken: config.accessToken ?? sandbox.token, enterpriseId: config.enterpriseId ?? sandbox.enterpriseId };
  }
  const upstreamUrl: string = baseUrl;

  const gateway = await createGateway({ config: { ...config, bitgoBaseUrl: upstreamUrl }, logger });
  const address = await gateway.app.listen({ port: config.port, host: config.host });
  logger.info(
    { upstream: sandbox ? 'embedded sandbox' : config.bitgoEnv, enterpriseId: config.enterpriseId, sandboxUrl: sandbox?.url },
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

await main();
