import 'reflect-metadata';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { startSandbox, type SandboxOptions, type StartedSandbox } from '../../src/sandbox/index.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SignerRegistry } from '../../src/signing/signer-registry.js';
import { SigningService } from '../../src/signing/signing.service.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Stack {
  sandbox: StartedSandbox;
  gateway: Gateway;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** Every line the gateway logged. */
  logs: string[];
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
}

/** The sandbox's demo keys, as `npm start` registers them. */
export function demoSigners(sandbox: StartedSandbox): SignerRegistry {
  return new SignerRegistry(undefined)
    .set(sandbox.enterpriseId, new SigningService(new LocalKeySigner(sandbox.signingXprv)))
    .set(sandbox.partnerEnterpriseId, new SigningService(new LocalKeySigner(sandbox.partnerSigningXprv)));
}

/** A sandbox and a gateway in front of it, both on ephemeral loopback ports. */
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
  const base = loadConfig({ LOG_LEVEL: 'info', ...options.env });
  const config = {
    ...base,
    bitgoBaseUrl: sandbox.url,
    accessToken: sandbox.token,
    enterpriseId: sandbox.enterpriseId,
    ...options.config,
  } as Config & { bitgoBaseUrl: string };
  const signers = options.signers === null ? new SignerRegistry(undefined) : (options.signers ?? demoSigners(sandbox));
  const gateway = await createGateway({ config, logger: createLogger(config.logLevel, sink), signers });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = gateway.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    sandbox,
    gateway,
    url,
    logs,
    async gql(query, variables, headers) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: res.status, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await gateway.close();
      await sandbox.close();
    },
  };
}
