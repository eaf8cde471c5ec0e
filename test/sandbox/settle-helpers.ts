import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { StartedSandbox } from '../../src/sandbox/index.js';
import { OpenApiContract } from '../helpers/openapi.js';
import { call, sign, type Answer } from './helpers.js';

export const contract = new OpenApiContract('network-openapi.yaml');

/** A call whose request and answer must both conform to network-openapi.yaml. */
export async function checked(
  sb: StartedSandbox,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { query?: Record<string, string>; body?: unknown; token?: string | null } = {},
): Promise<Answer> {
  const answer = await call(sb, method, path, options);
  const problems = contract.problems({ method, path, query: options.query ?? {}, requestBody: options.body, status: answer.status, responseBody: answer.body });
  assert.deepEqual(problems, [], `${method} ${path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer;
}

/** The sandbox's test-only controls (served with `control: true`). */
export async function control(sb: StartedSandbox, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Answer> {
  return call(sb, method, `/_sandbox/${path}`, { ...(body === undefined ? {} : { body }), token: null });
}

/** The tests' own statement of the settlement payload: the body's fields in the contract's order, then the enterprise. */
export function settlementPayloadOf(f: { externalId: string; notes?: string; settlementAmounts: Record<string, Record<string, string>>; nonce: string; cutoffAt?: string }, enterpriseId: string): string {
  return JSON.stringify({
    externalId: f.externalId,
    ...(f.notes === undefined ? {} : { notes: f.notes }),
    settlementAmounts: f.settlementAmounts,
    nonce: f.nonce,
    ...(f.cutoffAt === undefined ? {} : { cutoffAt: f.cutoffAt }),
    enterpriseId,
  });
}

export interface SettleInput {
  externalId?: string;
  notes?: string;
  settlementAmounts: Record<string, Record<string, string>>;
  nonce?: string;
  cutoffAt?: string;
}

/** A signed settlement body, as a partner makes it. */
export function settlementBody(sb: StartedSandbox, input: SettleInput, xprv = sb.partnerSigningXprv): Record<string, unknown> {
  const fields = { externalId: input.externalId ?? `day-${randomBytes(6).toString('hex')}`, ...(input.notes ? { notes: input.notes } : {}), settlementAmounts: input.settlementAmounts, nonce: input.nonce ?? randomBytes(32).toString('hex'), ...(input.cutoffAt ? { cutoffAt: input.cutoffAt } : {}) };
  const payload = settlementPayloadOf(fields, sb.partnerEnterpriseId);
  return { ...fields, payload, signature: sign(xprv, payload) };
}

/** The tests' own statements of the dispute payloads (settlement-payload.ts's order). */
export const disputePayloadOf = (f: { connectionId: string; reason?: string; expectedTransfers: Record<string, string>; nonce: string }, settlementId: string, enterpriseId: string): string =>
  JSON.stringify({ connectionId: f.connectionId, ...(f.reason === undefined ? {} : { reason: f.reason }), expectedTransfers: f.expectedTransfers, nonce: f.nonce, settlementId, enterpriseId });

export const disputeUpdatePayloadOf = (
  f: { connectionId: string; retracted: boolean; reason?: string; expectedTransfers?: Record<string, string>; nonce: string },
  disputeId: string,
  settlementId: string,
  enterpriseId: string,
): string =>
  JSON.stringify({
    connectionId: f.connectionId,
    retracted: f.retracted,
    ...(f.reason === undefined ? {} : { reason: f.reason }),
    ...(f.expectedTransfers === undefined ? {} : { expectedTransfers: f.expectedTransfers }),
    nonce: f.nonce,
    disputeId,
    settlementId,
    enterpriseId,
  });

export const disputeClosurePayloadOf = (f: { notes: string; nonce: string }, disputeId: string, enterpriseId: string): string => JSON.stringify({ enterpriseId, disputeId, notes: f.notes, nonce: f.nonce });

/** `fields` plus `payload` and its signature by `xprv`. */
export function signedWith<T extends object>(fields: T, payload: string, xprv: string): T & { payload: string; signature: string } {
  return { ...fields, payload, signature: sign(xprv, payload) };
}
