import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { balanceRoutes } from './balances.route.js';
import { Books } from './books.js';
import { BooksWriter } from './books-writer.js';
import { connectRoutes } from './connect.route.js';
import { connectionRoutes } from './connections.route.js';
import { controlRoutes } from './control.route.js';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from './demo.js';
import { Faults } from './faults.js';
import { sandboxKey } from './keys.js';
import { listRoutes } from './list.route.js';
import { clearingWithPartner, connectingWithPartner, reservingWithPartner } from './partner-notify.js';
import { partnerRoutes } from './partners.route.js';
import { partnerUpdateRoutes } from './partner-update.route.js';
import { PartnerWebhooks, type PartnerWebhookRetry } from './partner-webhooks.js';
import type { BooksPersistence } from './persistence.js';
import { RequestLog } from './request-log.js';
import { DEFAULT_ALLOCATIONS, DEFAULT_SEED, seedBooks } from './seed.js';
import { createSandboxServer } from './server.js';
import { DEFAULT_DISPUTE_WINDOW_MS } from './settlement-books.js';
import { settlementControlRoutes } from './settlement-control.route.js';
import { finalizeDue } from './settlement-engine.js';
import { settlementDisputeRoutes } from './settlement-disputes.route.js';
import { settlementReadRoutes } from './settlement-reads.route.js';
import { settlementWriteRoutes } from './settlement-writes.route.js';
import { signingRoutes } from './signing.route.js';
import { tradeSigningRoutes } from './trade-signing.route.js';
import { writeRoutes } from './write.routes.js';

export { Books } from './books.js';
export { PartnerWebhooks, type PartnerWebhookRetry, type WebhookDelivery } from './partner-webhooks.js';
export type { BooksEntry, BooksPersistence, JsonValue } from './persistence.js';
export { SqlBooksPersistence, type SqlRunner } from './books.sql.js';
export { Faults, type FaultSpec } from './faults.js';
export { RequestLog, type RequestFilter, type RequestLogEntry } from './request-log.js';
export type { AnyConnection, Balance, Connection, Enterprise, PendingConnection, Scope, TokenGrant, TrustOrg, View } from './types.js';
export type * from './wire.types.js';
export { TRUST_ORGS } from './types.js';
export * from './demo.js';
export * from './demo-partners.js';
export { sandboxKey, type SandboxKey } from './keys.js';
export { SEEDED_CURRENCIES } from './currencies.js';
export { DEFAULT_ALLOCATIONS, DEFAULT_SEED } from './seed.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query-params.js';
export { DEFAULT_DISPUTE_WINDOW_MS, type StoredDispute, type StoredSettlement } from './settlement-books.js';
export { SEEDED_DISPUTES, SEEDED_SETTLEMENTS, seededDisputeId, seededSettlementId } from './settlement-seed.js';
export type * from './settlement-wire.types.js';

export interface SandboxOptions {
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PRNG seed of the history; default DEFAULT_SEED. */
  seed?: number;
  /** How many records the demo client's history holds; default 600. */
  allocations?: number;
  /** Called with unexpected handler errors (the sandbox logs nothing itself). */
  onError?: (error: unknown) => void;
  /** Serve the test-only control routes under /_sandbox/ (control.route.ts); default false. */
  control?: boolean;
  /** The asynchronous partner's base URL for BitGo's calls (reserve, clear); unset: none are made (see `partnerWebhooks.setUrl`). */
  partnerWebhookUrl?: string | undefined;
  partnerWebhookRetry?: PartnerWebhookRetry | undefined;
  /**
   * Where the books are kept across restarts. Loaded at start (seeded, and saved whole, only when it holds
   * nothing); every request's changes are saved before its answer is sent. Without it the books live in memory.
   */
  persistence?: BooksPersistence;
  /** How long after the later of its cutoff and its creation a v2 settlement can be disputed; default one hour. */
  disputeWindowMs?: number;
}

export interface StartedSandbox {
  /** e.g. http://127.0.0.1:43123, no trailing slash. */
  url: string;
  /** Demo bearer token: read+write on the demo client and demo partner enterprises. */
  token: string;
  enterpriseId: string;
  partnerEnterpriseId: string;
  /** BIP32 xprv of the demo client's trading key (registered for signature checks). */
  signingXprv: string;
  /** BIP32 xprv of the demo partner's trading key. */
  partnerSigningXprv: string;
  books: Books;
  faults: Faults;
  requests: RequestLog;
  /** BitGo's calls to the asynchronous partner, and the public key (PEM) they are signed with. */
  partnerWebhooks: PartnerWebhooks;
  /** Whether the books were loaded from `persistence` (false: seeded, in memory or saved fresh). */
  restored: boolean;
  /** With `persistence`: saves what was changed outside a request (a test's direct edits of `books`). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<StartedSandbox> {
  const books = new Books();
  books.settlements.disputeWindowMs = options.disputeWindowMs ?? DEFAULT_DISPUTE_WINDOW_MS;
  const seed = () => seedBooks(books, { seed: options.seed ?? DEFAULT_SEED, allocations: options.allocations ?? DEFAULT_ALLOCATIONS });
  let writer: BooksWriter | undefined;
  let restored = false;
  if (options.persistence) {
    const saved = await options.persistence.load();
    restored = saved.length > 0;
    if (restored) {
      books.restore(saved);
    } else {
      seed();
      await options.persistence.save(books.snapshot());
    }
    books.trackChanges();
    writer = new BooksWriter(options.persistence);
  } else {
    seed();
  }
  const commit = writer && (() => writer.commit(books.takeChanges()));
  const faults = new Faults();
  const requests = new RequestLog();
  const partnerWebhooks = new PartnerWebhooks({ url: options.partnerWebhookUrl, retry: options.partnerWebhookRetry });
  const routes = [
    ...settlementReadRoutes(books),
    ...settlementWriteRoutes(books),
    ...settlementDisputeRoutes(books),
    ...tradeSigningRoutes(books),
    ...listRoutes(books),
    ...signingRoutes(books),
    ...reservingWithPartner(writeRoutes(books), books, partnerWebhooks),
    ...clearingWithPartner(partnerUpdateRoutes(books), books, partnerWebhooks),
    ...partnerRoutes(books),
    // Before the connection reads: GET …/clients/connections/signing is not a connection id.
    ...connectingWithPartner(connectRoutes(books), books, partnerWebhooks, () => void commit?.()?.catch((error: unknown) => options.onError?.(error))),
    ...connectionRoutes(books),
    ...balanceRoutes(books),
  ].map((route) => ({
    ...route,
    // v2 settlements whose dispute window has passed are processed before any request reads or moves the books.
    handler: (ctx: Parameters<typeof route.handler>[0]) => (finalizeDue(books), route.handler(ctx)),
  }));
  const server = createSandboxServer({
    routes,
    faults,
    requests,
    ...(options.control ? { controlRoutes: [...controlRoutes(faults, requests), ...settlementControlRoutes(books)] } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(commit ? { commit } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    token: SANDBOX_TOKEN,
    enterpriseId: DEMO_CLIENT_ENTERPRISE_ID,
    partnerEnterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
    signingXprv: sandboxKey(DEMO_CLIENT_ENTERPRISE_ID).xprv,
    partnerSigningXprv: sandboxKey(DEMO_PARTNER_ENTERPRISE_ID).xprv,
    books,
    faults,
    requests,
    partnerWebhooks,
    restored,
    flush: async () => {
      await commit?.();
      await writer?.drain();
    },
    close: () =>
      (closing ??= (async () => {
        await partnerWebhooks.close();
        await stop(server);
        // Edits made outside a request since the last one, and any save still running.
        await commit?.();
        await writer?.drain();
      })()),
  };
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}
