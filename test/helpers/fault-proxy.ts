import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * What the proxy does to the bytes between a caller and the server behind it. Switched at run time; a new mode
 * applies to connections already open as well as to new ones, because a fault in production does not wait for the
 * pool to open a fresh connection.
 * - `pass`: a plain TCP relay.
 * - `reset`: every connection is reset (RST), open ones at once, new ones as they arrive.
 * - `blackhole`: connections are accepted and then every byte either way is dropped (a peer that never answers:
 *   connect succeeds at the kernel, the first reply never comes). Open connections go silent too.
 * - `stall`: the caller's bytes still reach the server, but after `afterBytes` more bytes of the server's answer
 *   nothing more reaches the caller (a response that stalls mid-body).
 * - `resetAfterRequest`: the caller's bytes reach the server; the moment the server starts answering, the caller's
 *   connection is reset (the request was delivered, its answer lost).
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'reset' }
  | { kind: 'blackhole' }
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'resetAfterRequest' };

export interface FaultProxy {
  host: string;
  port: number;
  /** `http://host:port`, for HTTP upstreams. */
  url: string;
  mode(): FaultMode;
  set(mode: FaultMode): void;
  /** Connections open through the proxy now. */
  open(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
  /** Bytes of the server's answer the caller may still get under `stall`; reset when the mode changes. */
  allowance: number;
}

/** A TCP proxy of the test's own in front of `target` (`host:port` or a URL), on a free loopback port. */
export async function startFaultProxy(target: string, initial: FaultMode = { kind: 'pass' }): Promise<FaultProxy> {
  const { hostname, port } = target.includes('://') ? new URL(target) : new URL(`tcp://${target}`);
  let current: FaultMode = initial;
  const pairs = new Set<Pair>();

  const reset = (socket: Socket): void => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const apply = (pair: Pair): void => {
    switch (current.kind) {
      case 'reset':
        reset(pair.client);
        pair.server.destroy();
        break;
      case 'stall':
        pair.allowance = current.afterBytes;
        break;
      default:
    }
  };

  const server = createServer((client) => {
    client.on('error', () => {});
    if (current.kind === 'reset') {
      reset(client);
      return;
    }
    const upstream = connect({ host: hostname, port: Number(port) });
    upstream.on('error', () => reset(client));
    const pair: Pair = { client, server: upstream, allowance: current.kind === 'stall' ? current.afterBytes : Infinity };
    pairs.add(pair);
    const forget = (): void => {
      pairs.delete(pair);
      upstream.destroy();
      if (!client.destroyed) client.destroy();
    };
    client.on('close', forget);
    upstream.on('close', () => {
      pairs.delete(pair);
      if (!client.destroyed) client.end();
    });

    client.on('data', (chunk: Buffer) => {
      if (current.kind === 'blackhole') return;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      switch (current.kind) {
        case 'blackhole':
          return;
        case 'resetAfterRequest':
          reset(client);
          upstream.destroy();
          return;
        case 'stall': {
          if (pair.allowance <= 0) return;
          const part = chunk.subarray(0, pair.allowance);
          pair.allowance -= part.length;
          client.write(part);
          return;
        }
        default:
          client.write(chunk);
      }
    });
    apply(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    mode: () => current,
    set(mode) {
      current = mode;
      for (const pair of [...pairs]) apply(pair);
    },
    open: () => pairs.size,
    async close() {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
