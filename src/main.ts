import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createSigner, loadSignerConfig } from './config/signing.config.js';
import { createGateway } from './gateway.js';
import { createLogger } from './common/logger.js';
import { startSandbox, type StartedSandbox } from './sandbox/index.js';
import { LocalKeySigner } from './signing/local-key.signer.js';
import { SignerRegistry } from './signing/signer-registry.js';
import { SigningService } from './signing/signing.service.js';
import { openStore, type Store } from './store/database.js';
import { SqlJournalStore } from './store/journal.sql.store.js';
import { migrateStore } from './store/migrate.js';
import { SandboxBooksStore } from './store/sandbox-books.store.js';

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
  let store: Store | undefined;
  let upstreamUrl = config.bitgoBaseUrl;
  if (upstreamUrl === undefined) {
    // The embedded sandbox keeps its books in the gateway's store, so a restart un-clears nothing a client was
    // told; the journal of signed requests lives beside them. `npm run sandbox:reset` reseeds the books.
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onPoolError: (error) => logger.warn({ err: error.message }, 'store connection error') });
    await migrateStore(store);
    sandbox = await startSandbox({
      port: Number(process.env.SANDBOX_PORT ?? 0),
      // Structural: the store's rows are the sandbox's entries, and neither imports the other.
      persistence: new SandboxBooksStore(store.db),
      onError: (error) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'sandbox error'),
    });
    upstreamUrl = sandbox.url;
    config = { ...config, accessToken: config.accessToken ?? sandbox.token, enterpriseId: config.enterpriseId ?? sandbox.enterpriseId };
    // The sandbox's demo keys sign for its demo enterprises, so both sides of a flow work out of the box.
    signers
      .set(sandbox.enterpriseId, new SigningService(new LocalKeySigner(sandbox.signingXprv)))
      .set(sandbox.partnerEnterpriseId, new SigningService(new LocalKeySigner(sandbox.partnerSigningXprv)));
  }

  const gateway = await createGateway({
    config: { ...config, bitgoBaseUrl: upstreamUrl },
    logger,
    signers,
    ...(store ? { journal: new SqlJournalStore(store.db) } : {}),
  });
  const address = await gateway.app.listen({ port: config.port, host: config.host });
  logger.info(
    {
      upstream: sandbox ? 'embedded sandbox' : config.bitgoEnv,
      enterpriseId: config.enterpriseId,
      sandboxUrl: sandbox?.url,
      ...(sandbox ? { sandboxBooks: sandbox.restored ? 'restored from the store' : 'seeded', store: store?.engine === 'postgres' ? 'PostgreSQL' : config.dataDir } : {}),
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
      await store?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
