import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createSigner, loadSignerConfig } from './config/signing.config.js';
import { startupWarnings } from './config/startup.checks.js';
import { sandboxBooksIn } from './assembly/sandbox-books.assembly.js';
import { createGateway } from './gateway.js';
import { createLogger, readableLogs, type Logger } from './common/logger.js';
import { startSandbox, type StartedSandbox } from './sandbox/index.js';
import { LocalKeySigner } from './signing/local-key.signer.js';
import { SignerRegistry } from './signing/signer-registry.js';
import { SigningService } from './signing/signing.service.js';
import { openStore, storeEpisode, type Store } from './store/database.js';
import { SqlJournalStore } from './store/journal.sql.store.js';
import { migrateStore } from './store/migrate.js';
import { loadOrCreateSecretKey } from './store/secret-key.file.js';

function readConfig(): { config: Config; signers: SignerRegistry; signer: boolean } {
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
  return { config, signers: new SignerRegistry(signerConfig.config ? new SigningService(createSigner(signerConfig.config)) : undefined), signer: signerConfig.config !== undefined };
}

/** A start-up failure the operator can act on (a port in use, no permission to bind): one line, exit 2. */
function startupFailure(what: string, error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'may not be bound by this user' : code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : undefined;
  process.stderr.write(`${what} ${why ?? `could not be used (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`}\n`);
  process.exit(2);
}

/**
 * Opens the store the configuration names and brings its schema up to this build's. Anything that stops it
 * (PostgreSQL unreachable or refusing the login, the data directory held by another process, a database migrated
 * by a newer build) is one line naming where, never the URL's password.
 */
async function openJournalStore(config: Config, logger: Logger): Promise<Store> {
  const where = config.databaseUrl ? `PostgreSQL at ${postgresAddress(config.databaseUrl, config)}` : `the embedded store in DATA_DIR ${config.dataDir}`;
  let store: Store | undefined;
  try {
    store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      schema: config.databaseSchema,
      timeoutMs: config.storeTimeoutMs,
      // Idle connections' failures too: a restart's first sign, logged once with the rest of its outage.
      episode: storeEpisode(logger),
    });
    await migrateStore(store);
    await store.maintain();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
    throw new Error(`store: cannot use ${where}: ${reason.replace(/\s+/g, ' ').trim()}`);
  }
}

/** host:port/database of a PostgreSQL URL, without its user or password. */
function postgresAddress(databaseUrl: string, config: Config): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}${config.databaseSchema === 'public' ? '' : ` (schema ${config.databaseSchema})`}`;
}

/** Between two VACUUM (ANALYZE) runs of the embedded store (a no-op on PostgreSQL, whose autovacuum does it). */
const STORE_MAINTENANCE_MS = 10 * 60_000;

async function main(): Promise<void> {
  let config: Config;
  let signers: SignerRegistry;
  let signer: boolean;
  try {
    ({ config, signers, signer } = readConfig());
  } catch (error) {
    // One line per problem, and nothing else: no stack, no values of secrets.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel, undefined, { readable: readableLogs(config.logFormat, { tty: process.stdout.isTTY === true, production: config.production }) });

  let store: Store;
  try {
    store = await openJournalStore(config, logger);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }

  // The embedded store seals a connect's secrets under a key of its own, made once beside its data (0600); PostgreSQL
  // replicas need the operator's JOURNAL_SECRET_KEY, the same on each.
  if (!config.journalSecretKey && store.engine === 'pglite') config = { ...config, journalSecretKey: loadOrCreateSecretKey(config.dataDir) };

  let sandbox: StartedSandbox | undefined;
  let upstreamUrl = config.bitgoBaseUrl;
  if (upstreamUrl === undefined) {
    // The embedded sandbox keeps its books in the gateway's store, so a restart un-clears nothing a client was
    // told; the journal of signed requests lives beside them. `npm run sandbox:reset` reseeds the books.
    sandbox = await startSandbox({
      port: config.sandboxPort,
      persistence: sandboxBooksIn(store),
      onError: (error) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'sandbox error'),
    }).catch((error: unknown) => startupFailure(`SANDBOX_PORT ${config.sandboxPort} on 127.0.0.1`, error));
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

  for (const warning of startupWarnings(config, { signer, embeddedSandbox: sandbox !== undefined })) logger.warn(warning);
  // The embedded engine has no autovacuum: dead row versions and planner statistics are seen to here.
  const maintenance = setInterval(() => {
    store.maintain().catch((error: unknown) => logger.warn({ err: { message: (error as Error)?.message } }, 'store maintenance failed'));
  }, STORE_MAINTENANCE_MS).unref();
  const gateway = await createGateway({ config: { ...config, bitgoBaseUrl: upstreamUrl }, logger, signers, store, journal: new SqlJournalStore(store.db) });
  const address = await gateway.app.listen({ port: config.port, host: config.host }).catch((error: unknown) => startupFailure(`PORT ${config.port} on ${config.host}`, error));
  const metricsAddress = gateway.metricsApp
    ? await gateway.metricsApp.listen({ port: config.metricsPort ?? 0, host: config.host }).catch((error: unknown) => startupFailure(`METRICS_PORT ${config.metricsPort} on ${config.host}`, error))
    : undefined;
  const webhookAddress = gateway.webhookApp
    ? await gateway.webhookApp.listen({ port: config.webhookPort ?? 0, host: config.host }).catch((error: unknown) => startupFailure(`WEBHOOK_PORT ${config.webhookPort} on ${config.host}`, error))
    : undefined;
  // Unless told otherwise, the sandbox calls this gateway's own partner endpoints, on loopback.
  sandbox?.partnerWebhooks.setUrl(config.sandboxPartnerWebhookUrl ?? loopback(webhookAddress ?? address));
  logger.info(
    {
      // Where requests go, as configured: BITGO_ENV names BitGo's hosts, BITGO_BASE_URL anything else (no credentials: the config keeps origin and path only).
      upstream: sandbox ? 'embedded sandbox' : upstreamUrl,
      bitgoEnv: sandbox ? undefined : config.bitgoEnv,
      enterpriseId: config.enterpriseId,
      sandboxUrl: sandbox?.url,
      store: store.engine === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL',
      ...(sandbox ? { sandboxBooks: sandbox.restored ? 'restored from the store' : 'seeded' } : {}),
      metrics: config.metrics ? `${metricsAddress ?? address}/metrics` : 'off',
      tracing: config.otlpEndpoint ? 'otlp' : 'off',
      ...(config.webhookPublicKeyPem ? { partnerWebhooks: `${webhookAddress ?? address}/bitgo/v1`, partnerEnterpriseId: config.partnerEnterpriseId ?? config.enterpriseId } : {}),
    },
    `BitGo allocations gateway ready at ${address}/graphql`,
  );

  let closing = false;
  // SIGTERM: readiness fails at once, no new connection is accepted, requests in flight (signed writes
  // above all) get up to the write deadline to finish, then everything closes and the process exits 0.
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    gateway.drain();
    logger.info({ signal, graceMs: config.writeDeadlineMs }, 'draining: finishing requests in flight, accepting no new ones');
    // Should closing itself hang (it should not), the process still exits once the grace has run out.
    // Not a clean stop (the store may not have been checkpointed): a non-zero code says so to the orchestrator.
    setTimeout(() => {
      logger.warn('shutdown took longer than the grace period; exiting');
      process.exit(1);
    }, config.writeDeadlineMs + 5_000).unref();
    void (async () => {
      try {
        await gateway.close(config.writeDeadlineMs);
        await sandbox?.close();
        clearInterval(maintenance);
        // Last: the reconciler and in-flight mutations have written their answers. Embedded: a checkpoint, then the
        // data-dir lock is released.
        await store.close();
        logger.info('stopped');
      } catch (error) {
        logger.error({ err: { name: (error as Error)?.name } }, 'error while shutting down');
      }
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
