import { GraphQLError } from 'graphql';
import { BitGoError } from '../bitgo/errors.js';
import { CursorError } from '../pagination/cursor.js';
import { RelayArgumentError } from '../pagination/relay.js';
import { SigningError } from '../signing/signer.js';
import { StoreUnavailableError } from '../store/store-unavailable.error.js';
import { AppError, AppErrorCode, badInput, storeUnavailable } from '../workflows/app-error.js';
import { upstreamError } from '../workflows/upstream-refusal.js';

/*
 * The one mapping from what the layers below throw to the GraphQL errors a client sees: Apollo's error formatter
 * (server/plugins/error-format.plugin.ts) and the live subscriptions, whose errors reach a router's callback
 * unformatted, both use it.
 */

/** An application error as the GraphQL error a client sees: its stable code, the field at fault, safe details. */
export function fromAppError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      ...(error.field ? { field: [...error.field] } : {}),
      ...error.details,
    },
  });
}

/** Errors thrown below the resolvers, turned into what a client may see; undefined for anything unexpected. */
export function toGraphQLError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AppError) return fromAppError(error);
  if (error instanceof BitGoError) return fromAppError(upstreamError(error));
  // SigningError messages are written to be safe to show: no key, payload or signature.
  if (error instanceof SigningError) return fromAppError(new AppError(AppErrorCode.SIGNER_UNAVAILABLE, `Signing failed: ${error.message}`));
  // A read of the journal or the partner ledger (the audit trail, say) while the store is down.
  if (error instanceof StoreUnavailableError) return fromAppError(storeUnavailable('The gateway\'s store is unavailable; try again in a few seconds'));
  if (error instanceof CursorError || error instanceof RelayArgumentError) return fromAppError(badInput(error.message, error.argument));
  return undefined;
}
