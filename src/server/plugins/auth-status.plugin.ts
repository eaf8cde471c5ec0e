import type { ApolloServerPlugin } from '@apollo/server';
import { AppErrorCode } from '../../workflows/app-error.js';
import { unauthenticatedHttp } from '../context.factory.js';

/**
 * One rule for every authentication failure, from the GraphQL-over-HTTP specification ("a server MAY forbid
 * individual requests … to require authentication; when doing so it SHOULD use the relevant 4xx status
 * code"): HTTP 401 with `WWW-Authenticate: Bearer` and `extensions.code` UNAUTHENTICATED, whether the gateway
 * refused the header (`Basic abc`, thrown while building the context) or BitGo refused the token
 * (`Bearer wrong-token`, found while executing). A response that carries data keeps 2xx, as the specification
 * requires of any response with a non-null `data`.
 */
export function authStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data != null || !errors?.some((e) => e.extensions?.code === AppErrorCode.UNAUTHENTICATED)) return;
          const http = unauthenticatedHttp();
          response.http.status = http.status;
          for (const [name, value] of http.headers) response.http.headers.set(name, value);
        },
      };
    },
  };
}
