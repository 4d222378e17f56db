import pino, { type Logger } from 'pino';

/**
 * Structured logs. Request bodies are never logged (they carry minors' personal data);
 * cookies and authorization headers are redacted.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'jasmin-api' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
        ],
        censor: '[masqué]',
      },
    },
    destination,
  );
}

export type { Logger };
