import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadPlaygroundAssets } from '../playground/assets.js';
import type { ExampleOperation } from '../playground/examples.js';
import { ASSET_PREFIX, CONTENT_SECURITY_POLICY, renderPage } from '../playground/page.js';

export interface PlaygroundRouteOptions {
  /** Off means no playground route at all (404). */
  enabled: boolean;
  kind: 'graphiql' | 'apollo-sandbox';
  /** Same-origin path of the GraphQL endpoint, e.g. "/graphql". */
  endpoint: string;
  /** The tabs, in order: the first is what the playground opens on. */
  examples: readonly ExampleOperation[];
  /** Pre-filled in the header editor and every tab: only ever the embedded sandbox's public demo token. */
  defaultHeaders?: Readonly<Record<string, string>> | undefined;
}

const PAGE_PATHS = ['/', '/playground'];
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves GraphiQL at `/`, `/playground` and to browsers navigating to the endpoint, with its assets from memory. */
export function registerPlaygroundRoute(app: FastifyInstance, options: PlaygroundRouteOptions): void {
  if (!options.enabled) return;
  if (options.kind === 'apollo-sandbox') {
    // Apollo serves its landing page on the endpoint itself.
    for (const url of PAGE_PATHS) app.get(url, { logLevel: 'warn' }, (_request, reply) => reply.redirect(options.endpoint));
    return;
  }

  const assets = loadPlaygroundAssets();
  const headers = JSON.stringify(options.defaultHeaders ?? {}, null, 2);
  const html = renderPage(assets, {
    endpoint: options.endpoint,
    defaultHeaders: headers,
    tabs: options.examples.map(({ query, variables }) => ({ query, ...(variables === undefined ? {} : { variables }), headers })),
  });
  const sendPage = (reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(html);

  for (const url of PAGE_PATHS) app.get(url, { logLevel: 'warn' }, (_request, reply) => sendPage(reply));

  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, { logLevel: 'warn' }, (request, reply) => {
    const asset = assets.byFile.get(request.params.file);
    if (!asset) return reply.callNotFound();
    return reply.header('content-type', asset.contentType).header('cache-control', IMMUTABLE).header('x-content-type-options', 'nosniff').send(asset.body);
  });

  // A browser opening the endpoint gets the page too, as with Apollo's landing page. Apollo answers every
  // other GET (queries, and clients that accept JSON), so the check must stay this narrow.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.method === 'GET' && request.routeOptions.url === options.endpoint && wantsHtml(request.headers.accept)) {
      void sendPage(reply.header('vary', 'accept'));
      return;
    }
    done();
  });
}

/** Browsers put text/html first when navigating; fetch() and GraphQL clients send JSON or *\/*. */
function wantsHtml(accept: string | undefined): boolean {
  const first = accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/html';
}
