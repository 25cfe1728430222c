import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Paths that may carry secrets anywhere in a log line: auth headers, tokens, passwords and API
 * keys are replaced before the line is written.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.apikey',
  'headers.authorization',
  'headers.cookie',
  'headers.apikey',
  '*.password',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.token',
  'password',
  'token',
  'apiKey',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'waypoint',
    level: options.level ?? 'info',
    redact: { paths: redactedPaths, censor: '[redacted]' },
  });
}
