/**
 * The standalone sandbox's variables (`npm run sandbox`), as docs/reference/configuration.md lists them. Read here,
 * not by the gateway's config/: the sandbox imports nothing of the gateway, so this is a deliberate twin of the
 * gateway's integer parser (config/variables.ts), with the sandbox's own exit.
 */
export interface SandboxSetting {
  readonly name: string;
  readonly description: string;
  readonly secret: false;
  readonly defaultText: string | undefined;
}

const setting = (name: string, defaultText: string | undefined, description: string): SandboxSetting => ({ name, description, secret: false, defaultText });

export const SANDBOX_SETTINGS = {
  port: setting('SANDBOX_PORT', '`4010`', 'Where the standalone sandbox listens.'),
  host: setting('SANDBOX_HOST', '`127.0.0.1`', 'The address it listens on.'),
  latencyMs: setting('SANDBOX_LATENCY_MS', '`0`', 'Delays every answer this long, as `faults.setLatency` does in-process (the benchmark injects upstream latency this way).'),
  control: setting('SANDBOX_CONTROL', undefined, '`1` also serves the test-only `/_sandbox/` routes (faults, latency, the request log, the settlement clock) and keeps the whole request log. They have no authentication: never outside tests.'),
  disputeWindowMs: setting('SANDBOX_DISPUTE_WINDOW_MS', '`3600000`', 'How long after the later of its `cutoffAt` and its creation a v2 settlement can be disputed before it is processed.'),
  partnerWebhookUrl: setting('SANDBOX_PARTNER_WEBHOOK_URL', undefined, 'The asynchronous partner\'s base URL, which the sandbox then calls as BitGo does (and prints the public key to configure in the partner).'),
} as const;

type Env = Readonly<Record<string, string | undefined>>;

export interface SandboxSettings {
  port: number;
  host: string | undefined;
  latencyMs: number;
  disputeWindowMs: number;
  control: boolean;
  partnerWebhookUrl: string | undefined;
}

/** The settings, or the first problem (the standalone sandbox exits on it). */
export function readSandboxSettings(env: Env): SandboxSettings | { problem: string } {
  const int = (name: string, fallback: number, max: number): number | string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    return /^\d+$/.test(raw) && Number(raw) <= max ? Number(raw) : `${name} must be an integer from 0 to ${max} (got "${raw}")`;
  };
  const port = int(SANDBOX_SETTINGS.port.name, 4010, 65535);
  const latencyMs = int(SANDBOX_SETTINGS.latencyMs.name, 0, 600_000);
  if (typeof port === 'string') return { problem: port };
  if (typeof latencyMs === 'string') return { problem: latencyMs };
  const disputeWindowMs = int(SANDBOX_SETTINGS.disputeWindowMs.name, 3_600_000, 30 * 86_400_000);
  if (typeof disputeWindowMs === 'string') return { problem: disputeWindowMs };
  return {
    port,
    latencyMs,
    disputeWindowMs,
    host: env[SANDBOX_SETTINGS.host.name] || undefined,
    control: env[SANDBOX_SETTINGS.control.name] === '1',
    partnerWebhookUrl: env[SANDBOX_SETTINGS.partnerWebhookUrl.name] || undefined,
  };
}
