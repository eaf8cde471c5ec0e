import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '../../schema/context.type.js';
import { OperationTrace } from '../tracing/operation.trace.js';

/**
 * Names, annotates and ends each operation's span (started with its context, see OperationTrace): named by
 * operation type as the semantic conventions say, with the operation's name and, on failure, the first
 * error's code. Never the document, variable values, messages or headers.
 */
export function tracingPlugin(): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    async didResolveOperation({ contextValue, operation, operationName }) {
      const traced = contextValue.caller.trace;
      if (!(traced instanceof OperationTrace) || !operation) return;
      traced.resolved(operation.operation, operationName);
    },
    async willSendResponse({ contextValue, response }) {
      const traced = contextValue.caller.trace;
      if (!(traced instanceof OperationTrace)) return;
      traced.end(response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
    },
  };
  return {
    async requestDidStart({ contextValue }) {
      return contextValue.caller.trace instanceof OperationTrace ? listener : {};
    },
  };
}
