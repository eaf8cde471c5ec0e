import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway.js';
import { startSandbox, type SandboxOptions, type StartedSandbox } from '../../src/sandbox/index.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SignerRegistry } from '../../src/signing/signer-registry.js';
import { SigningService } from '../../src/signing/signing.service.js';
import type { JournalAdminStore } from '../../src/store/journal.store.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Stack {
  sandbox: StartedSandbox;
  gateway: Gateway;
  /** http://127.0.0.1:PORT/graphql: only with `listen: true`, for tests of HTTP itself. */
  url: string;
  /** Every line the gateway logged. */
  logs: string[];
  /** The gateway's journal: in memory unless the options gave one (useSqlStack gives the SQL store). */
  journal: JournalAdminStore;
  /** A GraphQL POST, through Fastify's inject (no socket) unless the stack listens. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Every log line of every stack this process started: the secrets test reads it. */
export const allLogs: string[] = [];

export interface StackOptions {
  sandbox?: SandboxOptions;
  env?: Record<string, string>;
  config?: Partial<Config>;
  /** Default: the sandbox's demo client and partner keys. `null`: no signer at all. */
  signers?: SignerRegistry | null;
  /** Listen on a loopback port and send `gql` over real HTTP; default: inject, no socket. */
  listen?: boolean;
  /** Something between the gateway and the sandbox (e.g. a recording proxy): given the sandbox's URL, answers the one the gateway calls. */
  upstream?: (sandboxUrl: string) => Promise<string>;
  /** Passed to createGateway as they are (a tracer, readiness checks, a journal). */
  gateway?: Pick<GatewayOptions, 'tracer' | 'readinessChecks' | 'journal' | 'changeFeed' | 'store'>;
}

/** The sandbox's demo keys, as `npm start` registers them. */
export function demoSigners(sandbox: StartedSandbox): SignerRegistry {
  return new SignerRegistry(undefined)
    .set(sandbox.enterpriseId, new SigningService(new LocalKeySigner(sandbox.signingXprv)))
    .set(sandbox.partnerEnterpriseId, new SigningService(new LocalKeySigner(sandbox.partnerSigningXprv)));
}

/** A sandbox and a gateway in front of it, on loopback. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandbox = await startSandbox(options.sandbox);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString('utf8');
      logs.push(line);
      allLogs.push(line);
      done();
    },
  });
  // The reconciler's periodic passes are a day apart unless `env` says otherwise: a pass in the middle of a test would
  // take the sandbox's scripted faults; the reconciler's tests run its passes themselves (its start-up pass finds nothing).
  // The read cache is off unless a test turns it on (READ_CACHE=true): every other test reads BitGo as it did before it.
  const base = loadConfig({ LOG_LEVEL: 'info', RECONCILE_INTERVAL_MS: '86400000', READ_CACHE: 'false', ...options.env });
  const bitgoBaseUrl = options.upstream ? await options.upstream(sandbox.url) : sandbox.url;
  const config = { ...base, bitgoBaseUrl, accessToken: sandbox.token, enterpriseId: sandbox.enterpriseId, ...options.config } as Config & { bitgoBaseUrl: string };
  const signers = options.signers === null ? new SignerRegistry(undefined) : (options.signers ?? demoSigners(sandbox));
  const journal = options.gateway?.journal ?? new MemoryJournalStore();
  const gateway = await createGateway({ config, logger: createLogger(config.logLevel, sink), signers, ...options.gateway, journal });
  let url = '';
  if (options.listen) {
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}/graphql`;
  }
  return {
    sandbox,
    gateway,
    get url() {
      if (!url) throw new Error('this stack does not listen: start it with { listen: true }');
      return url;
    },
    logs,
    journal,
    async gql(query, variables, headers) {
      const body = JSON.stringify({ query, variables });
      const sent = { 'content-type': 'application/json', ...headers };
      if (url) {
        const res = await fetch(url, { method: 'POST', headers: sent, body });
        return { status: res.status, ...((await res.json()) as object) } as GraphQLResponse<never>;
      }
      const res = await gateway.app.inject({ method: 'POST', url: '/graphql', headers: sent, payload: body });
      return { status: res.statusCode, ...(res.json() as object) } as GraphQLResponse<never>;
    },
    async close() {
      await gateway.close();
      await sandbox.close();
    },
  };
}

/**
 * A stack for the current suite: started in its `before`, closed in its `after`. The handle reads through
 * to the started stack, so tests use it as they would the stack itself.
 */
export function useStack(options: StackOptions = {}): Stack {
  let stack: Stack | undefined;
  before(async () => {
    stack = await startStack(options);
  });
  after(async () => {
    await stack?.close();
  });
  return readThrough(() => {
    if (!stack) throw new Error('useStack: the stack starts in the suite\'s before hook');
    return stack;
  });
}

/** A handle that reads every property of the stack `current()` answers at the time of use. */
export function readThrough(current: () => Stack): Stack {
  return {
    get sandbox() {
      return current().sandbox;
    },
    get gateway() {
      return current().gateway;
    },
    get url() {
      return current().url;
    },
    get logs() {
      return current().logs;
    },
    get journal() {
      return current().journal;
    },
    gql: (query, variables, headers) => current().gql(query, variables, headers),
    close: () => current().close(),
  };
}
