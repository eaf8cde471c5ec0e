import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Structured logs with secrets redacted at the source: request headers that can
 * carry a token, and any field named like a key, passphrase, payload or signature.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
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
  return destination ? pino(options, destination) : pino(options);
}
