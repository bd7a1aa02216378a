import {
  type Bindings,
  type ChildLoggerOptions,
  type Level,
  type Logger,
  type LoggerOptions,
  pino,
} from 'pino';

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

/**
 * A request's logger, made on its first call at an enabled level (Fastify's childLoggerFactory).
 * pino's child() runs each binding through every redaction path, parsing the paths again each
 * time (@pinojs/redact): 14 % of a webhook request's JavaScript allocations in bench/, for a
 * logger most requests never write to at the production level. `opts.level` (a route's logLevel)
 * is honoured. One object per request: the methods live on the prototype.
 */
class LazyChild {
  #child: Logger | undefined;
  readonly #parent: Logger;
  readonly #bindings: Bindings;
  readonly #opts: ChildLoggerOptions;
  constructor(parent: Logger, bindings: Bindings, opts: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#opts = opts;
  }
  #real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings, this.#opts);
    return this.#child;
  }
  #write(level: Level, args: unknown[]): void {
    if (this.isLevelEnabled(level)) (this.#real()[level] as (...a: unknown[]) => void)(...args);
  }
  get level(): string {
    return this.#child?.level ?? this.#opts.level ?? this.#parent.level;
  }
  set level(level: string) {
    this.#real().level = level;
  }
  isLevelEnabled(level: string): boolean {
    if (this.#child) return this.#child.isLevelEnabled(level);
    return (pino.levels.values[level] ?? 0) >= (pino.levels.values[this.level] ?? 0);
  }
  child(bindings: Bindings, opts?: ChildLoggerOptions): Logger {
    return this.#real().child(bindings, opts);
  }
  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}
}

export const lazyChild = (parent: Logger, bindings: Bindings, opts: ChildLoggerOptions = {}): Logger =>
  new LazyChild(parent, bindings, opts) as unknown as Logger;

export type { Logger };
