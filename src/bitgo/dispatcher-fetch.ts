import type { Dispatcher } from 'undici';

/** Statuses whose Response may not carry a body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch ky's reads run on: one request on undici's dispatcher API, its body
 * read whole, answered as a standard Response. Node's global fetch spends most
 * of a read's client-side CPU on WHATWG stream plumbing around the same
 * dispatcher; this skips it, and a busy gateway makes one such read per query.
 *
 * Scope: bodiless reads (GET, HEAD). It follows no redirect (a 3xx is answered
 * as it came, and ky reports it as an HTTP error), so a bearer token is never
 * carried to another location, and it asks for no content encoding. Anything
 * else goes to the standard fetch on the same dispatcher.
 */
export function dispatcherFetch(dispatcher: Dispatcher): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.body !== null) {
      return fetch(request, { dispatcher } as RequestInit);
    }
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: request.method,
      headers,
      signal: request.signal,
    });
    const body = NULL_BODY.has(answer.statusCode) || request.method === 'HEAD' ? (await answer.body.dump(), null) : await answer.body.arrayBuffer();
    return new Response(body, { status: answer.statusCode, headers: responseHeaders(answer.headers) });
  };
}

function responseHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.append(name, value);
  }
  return headers;
}
