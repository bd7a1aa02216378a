import { type Logger, type LoggerOptions, pino } from 'pino';

/**
 * Paths pino replaces with [redacted]. Secrets must never reach a log line: API keys and
 * tracker tokens in headers, credentials and webhook secrets in bodies and job data.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature"]',
  'req.headers["x-trello-webhook"]',
  'req.headers["x-hook-secret"]',
  'req.headers["x-hook-signature"]',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  '*.authorization',
  '*.password',
  '*.apiToken',
  '*.apiKey',
  '*.appSecret',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.secret',
  '*.webhookSecret',
  '*.credentials',
  '*.key',
  'credentials',
  'secret',
  'key',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'jalon' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

export type { Logger };
