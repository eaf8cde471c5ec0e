import { pino, type Logger, type DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** `auto`: readable lines at a terminal outside production, JSON otherwise; `json` and `pretty` say it outright. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * Readable lines for a person at a terminal during development; JSON, one object a line, for everything that reads
 * logs by machine: production, and any output that is piped or redirected (a log shipper, a file, a test).
 */
export function readableLogs(format: LogFormat, where: { tty: boolean; production: boolean }): boolean {
  return format === 'pretty' || (format === 'auto' && where.tty && !where.production);
}

/**
 * Structured logs with secrets redacted at the source: request headers that can
 * carry a token, and any field named like a key, passphrase, payload or signature.
 * `readable`: each line as pino-pretty prints it (time, level, message, then the fields), redacted just the same.
 */
export function createLogger(level: string, destination?: DestinationStream, { readable = false }: { readable?: boolean } = {}): Logger {
  const options = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.authorization',
        '*.token',
        '*.accessToken',
        '*.xprv',
        '*.passphrase',
        '*.walletPassphrase',
        '*.payload',
        '*.signature',
      ],
      censor: '[redacted]',
    },
  };
  if (readable) {
    // In this process, not a worker thread: a line is written before the next one is logged, as with JSON.
    const stream = pinoPretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, ...(destination ? { destination, colorize: false } : { sync: true }) });
    return pino(options, stream);
  }
  return destination ? pino(options, destination) : pino(options);
}
