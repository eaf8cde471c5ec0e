import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Logger } from '../../common/logger.js';
import { graphqlErrorBody, HttpErrorCode } from './http-errors.plugin.js';

export interface TrustedDocumentsOptions {
  /** SHA-256 (hex) → document, as codegen's persisted-documents.json holds them. */
  documents: ReadonlyMap<string, string>;
  logger: Pick<Logger, 'warn'>;
}

/** An id nobody registered. */
export const UNKNOWN_DOCUMENT = HttpErrorCode.PERSISTED_QUERY_NOT_FOUND;
/** A full document that is not in the list. */
export const UNTRUSTED_DOCUMENT = HttpErrorCode.QUERY_NOT_IN_SAFELIST;

interface Params {
  query?: unknown;
  operationName?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The id a request names: `documentId` (GraphQL-over-HTTP's proposal) or Apollo's `extensions.persistedQuery.sha256Hash`. */
function documentIdOf(params: Params): string | undefined {
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/, '');
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/** A GET's parameters, with `extensions` parsed as Apollo parses it. */
function getParams(request: FastifyRequest): { search: URLSearchParams; params: Params } {
  const search = new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
  let extensions: unknown;
  try {
    extensions = search.has('extensions') ? JSON.parse(search.get('extensions')!) : undefined;
  } catch {
    extensions = undefined; // Apollo refuses it with its own message
  }
  return { search, params: { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions } };
}

/**
 * Trusted documents (PERSISTED_DOCUMENTS): only the listed documents run. A request names one by id, or sends
 * its full text, which must hash to a listed id; anything else is refused with HTTP 400 before parsing, and
 * logged (hash and operation name, never the text or variables) without running. Off unless configured.
 */
export function trustedDocumentsGuard({ documents, logger }: TrustedDocumentsOptions): preHandlerAsyncHookHandler {
  const refuse = (reply: FastifyReply, code: string, message: string) => reply.code(400).type('application/json; charset=utf-8').send(graphqlErrorBody(message, code));
  return async function trustedDocuments(request, reply) {
    const get = request.method === 'GET' ? getParams(request) : undefined;
    const body = request.body;
    // Batches (refused by Apollo) and bodiless requests (refused by Apollo or the CSRF check) pass untouched.
    const params: Params | undefined = get?.params ?? (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Params) : undefined);
    if (!params) return;
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const id = documentIdOf(params);
    if (id !== undefined) {
      const document = documents.get(id);
      if (document === undefined) {
        logger.warn({ documentId: id.slice(0, 64), operationName }, 'unknown trusted document refused');
        return refuse(reply, UNKNOWN_DOCUMENT, 'No trusted document has this id');
      }
      if (get) {
        get.search.set('query', document);
        get.search.delete('documentId');
        get.search.delete('extensions');
        // Apollo reads a GET's parameters from the URL: the document goes there.
        request.raw.url = `${request.url.slice(0, request.url.indexOf('?'))}?${get.search.toString()}`;
      } else {
        const { documentId: _id, extensions, ...rest } = params;
        const { persistedQuery: _pq, ...otherExtensions } = (extensions ?? {}) as Record<string, unknown>;
        request.body = { ...rest, query: document, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
      }
      return;
    }
    if (typeof params.query !== 'string' || params.query === '') return;
    const hash = sha256(params.query);
    if (!documents.has(hash)) {
      logger.warn({ documentHash: hash, operationName, bytes: Buffer.byteLength(params.query) }, 'untrusted document refused');
      return refuse(reply, UNTRUSTED_DOCUMENT, 'This gateway runs trusted documents only; send the id of a registered document');
    }
  };
}
