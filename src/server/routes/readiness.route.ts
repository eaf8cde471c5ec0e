import type { FastifyInstance } from 'fastify';

/** One condition for serving traffic, e.g. "the store answers", "the signer is loaded". Throws or answers false when not met. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean | void>;
}

export interface ReadinessRouteOptions {
  checks: readonly ReadinessCheck[];
  /** True once shutdown has begun: the probe fails at once, whatever the checks say. */
  draining(): boolean;
  path?: string;
  /** A check that has not answered by then counts as failed; default 2 s. */
  timeoutMs?: number;
}

/**
 * Readiness: 200 when every check passes, 503 otherwise and from the moment SIGTERM arrives. The body names
 * each check and whether it passed; never why (a store's error may quote its connection string).
 */
export function registerReadinessRoute(app: FastifyInstance, { checks, draining, path = '/readyz', timeoutMs = 2_000 }: ReadinessRouteOptions): void {
  app.get(path, { logLevel: 'warn' }, async (request, reply) => {
    if (draining()) return reply.code(503).send({ ready: false, draining: true });
    const results = await Promise.all(checks.map(async ({ name, check }) => [name, await passes(check, timeoutMs)] as const));
    const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
    if (failed.length > 0) request.log.warn({ failed }, 'not ready');
    const body = { ready: failed.length === 0, checks: Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'failing'])) };
    return reply.code(failed.length === 0 ? 200 : 503).send(body);
  });
}

async function passes(check: () => Promise<boolean | void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return (await Promise.race([check().then((answer) => answer !== false), late])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
