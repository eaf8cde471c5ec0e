import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Gateway } from '../../src/gateway.js';

/** What one subscription received, in order. */
export interface Sink<T = Record<string, unknown>> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves with the n-th event (1-based) once it has arrived; rejects after `timeoutMs`. */
  nth(n: number, timeoutMs?: number): Promise<T>;
  /** Resolves once the subscription completed or failed. */
  ended(timeoutMs?: number): Promise<void>;
  /** Ends the subscription from the client's side. */
  stop(): void;
}

export interface LiveClient {
  client: Client;
  /** Every frame the server sent on this client's sockets, verbatim (the secrets test reads them). */
  frames: string[];
  /** Close codes of this client's sockets, in order. */
  closes: Array<{ code: number; reason: string }>;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Sink<T>;
  dispose(): Promise<void>;
}

export interface LiveClientOptions {
  /** The Authorization connection_init carries; none when undefined. */
  authorization?: string | undefined;
  retryAttempts?: number;
}

/** A graphql-ws client over `ws`, recording every frame it receives. */
export function liveClient(httpUrl: string, options: LiveClientOptions = {}): LiveClient {
  const frames: string[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data) => frames.push(String(data)));
      this.on('close', (code, reason) => closes.push({ code, reason: String(reason) }));
    }
  }
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: RecordingWebSocket,
    connectionParams: options.authorization === undefined ? {} : { authorization: options.authorization },
    retryAttempts: options.retryAttempts ?? 0,
    shouldRetry: () => (options.retryAttempts ?? 0) > 0,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 100)),
    lazy: true,
  });
  return {
    client,
    frames,
    closes,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Sink<T> {
      const sink = { events: [] as T[], errors: [] as unknown[], completed: false };
      const waiters = new Set<() => void>();
      const poke = () => {
        for (const waiter of [...waiters]) waiter();
      };
      const stop = client.subscribe<T>(
        { query, ...(variables ? { variables } : {}) },
        {
          next: (value) => {
            sink.events.push(value as T);
            poke();
          },
          error: (error) => {
            sink.errors.push(error);
            sink.completed = true;
            poke();
          },
          complete: () => {
            sink.completed = true;
            poke();
          },
        },
      );
      const until = (ready: () => boolean, what: string, timeoutMs: number) =>
        new Promise<void>((resolve, reject) => {
          if (ready()) return resolve();
          const check = () => {
            if (!ready()) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(sink.events)} errors ${JSON.stringify(sink.errors)}`));
          }, timeoutMs);
          waiters.add(check);
        });
      return Object.assign(sink, {
        async nth(n: number, timeoutMs = 10_000) {
          await until(() => sink.events.length >= n || (sink.completed && sink.events.length < n), `event ${n}`, timeoutMs);
          if (sink.events.length < n) throw new Error(`the subscription ended after ${sink.events.length} events: ${JSON.stringify(sink.errors)}`);
          return sink.events[n - 1]!;
        },
        ended: (timeoutMs = 10_000) => until(() => sink.completed, 'the end', timeoutMs),
        stop,
      });
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

export const ALLOCATION_CHANGED = `
  subscription Changed($ids: [ID!], $connectionIds: [ID!], $clientExternalIds: [String!], $view: AllocationView, $enterpriseId: ID) {
    allocationChanged(ids: $ids, connectionIds: $connectionIds, clientExternalIds: $clientExternalIds, view: $view, enterpriseId: $enterpriseId) {
      source
      previousStatus
      allocation { id status reason connectionId clientExternalId updatedAt amount { currency quantity } }
    }
  }`;

export interface ChangeEvent {
  data?: {
    allocationChanged: {
      source: string;
      previousStatus: string | null;
      allocation: { id: string; status: string; reason: string | null; connectionId: string; clientExternalId: string; updatedAt: string; amount: { currency: string; quantity: string } };
    };
  };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Polls `ready` every few ms until it holds (or fails after `timeoutMs`). */
export async function eventually(ready: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Exactly `n` subscriptions open, none still being checked with BitGo: tests wait for that before acting. */
export async function waitForSubscriptions(gateway: Gateway, n: number, timeoutMs = 5_000): Promise<void> {
  await eventually(() => {
    const stats = gateway.workflows.live.stats();
    return stats.subscriptions === n && stats.opening === 0;
  }, `${n} open subscriptions (have ${JSON.stringify(gateway.workflows.live.stats())})`, timeoutMs);
}
