import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../../schema/context.type.js';
import type { GatewayMetrics } from '../metrics/gateway.metrics.js';

export interface GraphQLMetricsOptions {
  metrics: GatewayMetrics;
}

/** A code as our formatter leaves it; anything else (it should not happen) is counted as OTHER, so the label stays bounded. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * GraphQL operations by type and outcome, and errors by code. Read from the response as it leaves, after
 * formatting, so the codes are the ones the client sees.
 */
export function graphqlMetricsPlugin({ metrics }: GraphQLMetricsOptions): ApolloServerPlugin<GatewayContext> {
  // Stateless: one listener serves every request.
  const listener: GraphQLRequestListener<GatewayContext> = {
    async willSendResponse({ operation, operationName, response }) {
      if (response.body.kind !== 'single') return;
      const { data, errors } = response.body.singleResult;
      const outcome = !errors?.length ? 'success' : data === undefined ? 'rejected' : 'error';
      const labels: Record<string, string> = { type: operation?.operation ?? 'unknown', outcome };
      if (metrics.operationNames) labels.name = operationName ?? '';
      metrics.operations.inc(labels);
      if (errors) {
        for (const error of errors) {
          const code = error.extensions?.code;
          metrics.graphqlErrors.inc({ code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER' });
        }
      }
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
