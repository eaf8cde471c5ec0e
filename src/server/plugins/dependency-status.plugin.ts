import type { ApolloServerPlugin } from '@apollo/server';
import { AppErrorCode } from '../../workflows/app-error.js';

export interface DependencyStatusOptions {
  /** Told once per response refused for a dependency's outage (the metrics' gateway_dependency_unavailable_total). */
  onRefused?: (dependency: string) => void;
}

/** The codes that say "a dependency of the gateway is down, nothing was done", and which dependency. */
const DEPENDENCY_OF_CODE: Readonly<Record<string, string>> = {
  [AppErrorCode.STORE_UNAVAILABLE]: 'store',
};

/**
 * A response refused because a dependency is down (no data, a STORE_UNAVAILABLE error) is HTTP 503 with
 * `Retry-After` (the error's `extensions.retryAfter`): load balancers, routers and clients know to try again later
 * (elsewhere) without reading the body. As for authentication (auth-status.plugin.ts), a response that carries data keeps 2xx.
 */
export function dependencyStatusPlugin({ onRefused }: DependencyStatusOptions = {}): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const refusal = errors?.find((e) => typeof e.extensions?.code === 'string' && DEPENDENCY_OF_CODE[e.extensions.code] !== undefined);
          if (!refusal || !nothingAnswered(data)) return;
          onRefused?.(DEPENDENCY_OF_CODE[refusal.extensions!.code as string]!);
          response.http.status = 503;
          const retryAfter = refusal.extensions?.retryAfter;
          if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}

/** No data, or only nulls at the top (a mutation whose one field failed). */
function nothingAnswered(data: Record<string, unknown> | null | undefined): boolean {
  return data == null || Object.values(data).every((value) => value === null);
}
