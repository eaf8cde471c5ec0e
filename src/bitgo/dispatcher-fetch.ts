import type { Dispatcher } from 'undici';

/** Statuses whose Response may not carry a body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Options ky hands to this fetch untouched (ky passes every option it does not know on to fetch). A write
 * gives its body here instead of to ky: ky then builds its Request, and its clone for each retry, without a
 * body stream, and every attempt sends these same bytes.
 */
export interface DispatcherFetchOptions {
  /** The request body, sent as is on every attempt. */
  rawBody?: string;
  /** Sees each answer's status and body before it is handed to ky (a write keeps its 5xx bodies this way, with no Response clone). */
  onAnswer?: (status: number, body: ArrayBuffer | null) => void;
}

/**
 * The fetch ky runs on: one request on undici's dispatcher API, its body read whole, answered as a standard
 * Response. Node's global fetch spends most of a call's client-side CPU on WHATWG stream plumbing around the
 * same dispatcher (a stream per body, a tee per clone); this skips it.
 *
 * Scope: bodiless requests (GET, HEAD) and requests whose body comes as `rawBody`. It follows no redirect: a 3xx
 * is answered as it came (ky reports it as an HTTP error), so a bearer token is never carried to another
 * location, except that a request made with `redirect: 'error'` fails as the standard fetch fails it (a
 * TypeError). It asks for no content encoding. Anything else goes to the standard fetch on the same dispatcher.
 */
export function dispatcherFetch(dispatcher: Dispatcher): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { rawBody, onAnswer } = (init ?? {}) as DispatcherFetchOptions;
    const bodiless = request.method === 'GET' || request.method === 'HEAD';
    if (request.body !== null || (!bodiless && rawBody === undefined)) {
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
      method: request.method as Dispatcher.HttpMethod,
      headers,
      ...(bodiless ? {} : { body: rawBody }),
      signal: request.signal,
    });
    const status = answer.statusCode;
    if (request.redirect === 'error' && status >= 300 && status < 400 && answer.headers.location !== undefined) {
      await answer.body.dump();
      throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
    }
    let body: ArrayBuffer | null;
    try {
      body = NULL_BODY.has(status) || request.method === 'HEAD' ? (await answer.body.dump(), null) : await answer.body.arrayBuffer();
    } catch (error) {
      // A read is simply retried. A write's answer arrived and its body broke off: as with the standard fetch, the
      // Response is handed back and reading its body fails, so the write is reported with its outcome unknown
      // rather than retried as a connection that failed.
      if (bodiless) throw error;
      onAnswer?.(status, null);
      return new Response(new ReadableStream({ start: (controller) => controller.error(error) }), { status, headers: responseHeaders(answer.headers) });
    }
    onAnswer?.(status, body);
    return new Response(body, { status, headers: responseHeaders(answer.headers) });
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
