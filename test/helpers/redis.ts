import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface TestRedis {
  url: string;
  /** Stops the redis-server this helper started (never one it was given). */
  stop(): Promise<void>;
}


/** Resolves once a redis-server answers PING at `url` (it may still be starting), or throws past the deadline. */
export async function ping(url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // a refused connection while redis-server starts: retried below
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}

/**
 * The Redis the rate-limit tests run against: TEST_REDIS_URL when set (CI: .ci/redis.sh), else a
 * redis-server of our own from PATH on a free loopback port with a temporary directory. Neither is a reason
 * to skip: without both, this throws and the suite fails, saying what to install.
 */
export async function testRedis(): Promise<TestRedis> {
  const given = process.env.TEST_REDIS_URL;
  if (given) {
    await ping(given, 5_000);
    return { url: given, stop: async () => undefined };
  }
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('The Redis rate-limit tests need TEST_REDIS_URL or redis-server on PATH (Debian: apt-get install redis-server)');
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  try {
    await ping(url, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Removes the rate limit's counters, so a shared Redis starts each suite empty. */
export async function clearRateLimitKeys(url: string): Promise<void> {
  const client = new Redis(url);
  try {
    const keys = await client.keys('gateway-rate-limit:*');
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/** A redis-server of the test's own, always (never TEST_REDIS_URL: a shared Redis is not ours to kill), that can be killed and started again on its port. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** kill -9, and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it saves nothing). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const run = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], { stdio: 'ignore' });
    await ping(url, 10_000);
  };
  const kill = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await run();
  return {
    url,
    port,
    kill,
    restart: run,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
