import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { SpanStatusCode } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { GatewayContext } from '../../schema/context.type.js';
import { ATTR_GRAPHQL_OPERATION_NAME, ATTR_GRAPHQL_OPERATION_TYPE, OperationTrace } from '../tracing/operation.trace.js';

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
      traced.span.updateName(operation.operation);
      traced.span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, operation.operation);
      if (operationName) traced.span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, operationName);
    },
    async willSendResponse({ contextValue, response }) {
      const traced = contextValue.caller.trace;
      if (!(traced instanceof OperationTrace)) return;
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      if (errors?.length) {
        const code = errors[0]!.extensions?.code;
        traced.span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : 'GRAPHQL_ERROR');
        traced.span.setStatus({ code: SpanStatusCode.ERROR });
      }
      traced.span.end();
    },
  };
  return {
    async requestDidStart({ contextValue }) {
      return contextValue.caller.trace instanceof OperationTrace ? listener : {};
    },
  };
}
