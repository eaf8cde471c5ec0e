import assert from 'node:assert/strict';
import type { StartedSandbox } from '../../src/sandbox/index.js';
import { OpenApiContract } from '../helpers/openapi.js';
import { call, type Answer } from './helpers.js';

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
