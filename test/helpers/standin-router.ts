import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One callback request as the router received it. */
export interface CallbackMessage {
  path: string;
  protocolHeader: string | undefined;
  kind: string;
  action: 'check' | 'next' | 'complete';
  id: string;
  verifier: string;
  payload?: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** The body exactly as sent (the secrets test reads it). */
  raw: string;
}

export interface StandInRouter {
  origin: string;
  messages: CallbackMessage[];
  /** What the router answers to an action on one subscription id (default 204 for check, 200 otherwise). */
  answer: (message: CallbackMessage) => number;
  /** A callback URL of its own for each subscription: Apollo's plugin keys its state by URL. */
  callbackUrl(subscriptionId: string): string;
  close(): Promise<void>;
}

/**
 * What the Apollo Router does on its callback listener, reduced to recording: it accepts each check, next and
 * complete and answers as the protocol says (204 + `subscription-protocol: callback/1.0` for a check).
 */
export async function startStandInRouter(): Promise<StandInRouter> {
  const router: Omit<StandInRouter, 'origin'> & { origin: string } = {
    origin: '',
    messages: [],
    answer: (message) => (message.action === 'check' ? 204 : 200),
    callbackUrl: (id) => `${router.origin}/callback/${encodeURIComponent(id)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Omit<CallbackMessage, 'path' | 'protocolHeader' | 'raw'>;
      const protocol = req.headers['subscription-protocol'];
      const message: CallbackMessage = { ...body, path: req.url ?? '', protocolHeader: typeof protocol === 'string' ? protocol : undefined, raw };
      router.messages.push(message);
      res.writeHead(router.answer(message), { 'subscription-protocol': 'callback/1.0' }).end();
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  router.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = router.close;
  router.close = async () => {
    server.closeAllConnections();
    await close();
  };
  return router;
}
