import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every environment variable Jalon reads, with its default. The README lists the same. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JALON_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL URL; unset → embedded PGlite in JALON_DATA_DIR'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  JALON_DATA_DIR: z.string().min(1).default('./.jalon'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  JALON_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/)
    .default('jalon'),
  JALON_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  JALON_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  JALON_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  JALON_BOOTSTRAP_ADMIN_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  JALON_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,512}$/, 'must be 16 to 512 printable characters without spaces')
    .optional(),
  JALON_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  JALON_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  JALON_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  JALON_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(8000),
  JALON_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  JALON_SYNC_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(500)
    .default(15 * 60_000),
  JALON_EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(30),
  JALON_EVENT_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  JALON_EVENT_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).default(3_600_000),
  JALON_EVENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  JALON_EVENT_ALLOW_INTERNAL_TARGETS: z.enum(['true', 'false']).optional(),
  JALON_SCHEDULER_CHECK_MS: z.coerce.number().int().min(100).default(30_000),
  JALON_REPORT_EVERY_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  JALON_INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3660).default(30),
  LOG_LEVEL: LogLevel.default('info'),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  /** Where a `JALON_ROLE=worker` process serves /health, /ready and /metrics (9464, Prometheus' exporter port). */
  readonly metricsPort: number;
  readonly host: string;
  readonly databaseUrl: string | null;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly role: 'all' | 'api' | 'worker';
  readonly publicUrl: string;
  /** 32 bytes: the AES-256-GCM key for tracker credentials at rest. */
  readonly secretKey: Buffer;
  readonly bootstrapAdminKey: string | null;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
  readonly bodyLimit: number;
  /** How long a client has to send a whole request (headers and body): slower ones get 408. */
  readonly requestTimeoutMs: number;
  readonly workerConcurrency: number;
  readonly shutdownTimeoutMs: number;
  /** Event-loop delay above which requests get 503 (0 turns the check off). */
  readonly maxEventLoopDelayMs: number;
  /** How often worker processes check that Redis still holds the job schedulers (re-registered if not). */
  readonly schedulerCheckMs: number;
  /** Incremental sync period of a link whose connection sets no `settings.syncIntervalMinutes`. */
  readonly syncIntervalMs: number;
  /** Outgoing events: attempts, exponential backoff (base, cap) and the timeout of one POST. */
  readonly eventDelivery: {
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxDelayMs: number;
    readonly timeoutMs: number;
    /**
     * May subscriptions point at loopback, private or link-local addresses? Off in production
     * (SSRF), on elsewhere so a local receiver works; JALON_EVENT_ALLOW_INTERNAL_TARGETS decides.
     */
    readonly allowInternalTargets: boolean;
  };
  /** Days each scheduled status report covers (a new one once that many days have passed). */
  readonly reportEveryDays: number;
  /** Days a processed webhook delivery is kept in the inbox before the prune job deletes it. */
  readonly inboxRetentionDays: number;
  readonly logLevel: z.infer<typeof LogLevel>;
  /** Human-readable notes about defaults taken (e.g. a generated secret key), logged at start. */
  readonly warnings: readonly string[];
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. Has no side effects. */
export function parseEnv(env: NodeJS.ProcessEnv): z.infer<typeof EnvSchema> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

/**
 * Builds the frozen Config. Outside production a missing JALON_SECRET_KEY is generated once into
 * the data dir (and reused after), so credentials stay readable across restarts; in production it
 * is required, because a key that lives next to the data it protects protects little.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  const warnings: string[] = [];
  const dataDir = resolve(e.JALON_DATA_DIR);
  const missing = e.NODE_ENV === 'production' ? missingInProduction(e) : [];
  if (missing.length > 0) throw new ConfigError(missing);
  let secretKey: Buffer;
  if (e.JALON_SECRET_KEY) {
    secretKey = Buffer.from(e.JALON_SECRET_KEY, 'base64');
  } else {
    secretKey = devSecretKey(dataDir);
    warnings.push(`JALON_SECRET_KEY is unset: using the development key in ${join(dataDir, 'secret.key')}`);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    metricsPort: e.JALON_METRICS_PORT,
    schedulerCheckMs: e.JALON_SCHEDULER_CHECK_MS,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.JALON_QUEUE_PREFIX,
    role: e.JALON_ROLE,
    publicUrl: (e.JALON_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    secretKey,
    bootstrapAdminKey: e.JALON_BOOTSTRAP_ADMIN_KEY ?? null,
    metricsToken: e.JALON_METRICS_TOKEN ?? null,
    bodyLimit: e.JALON_BODY_LIMIT,
    requestTimeoutMs: e.JALON_REQUEST_TIMEOUT_MS,
    workerConcurrency: e.JALON_WORKER_CONCURRENCY,
    shutdownTimeoutMs: e.JALON_SHUTDOWN_TIMEOUT_MS,
    maxEventLoopDelayMs: e.JALON_MAX_EVENT_LOOP_DELAY_MS,
    syncIntervalMs: e.JALON_SYNC_INTERVAL_MS,
    eventDelivery: Object.freeze({
      maxAttempts: e.JALON_EVENT_MAX_ATTEMPTS,
      retryBaseMs: e.JALON_EVENT_RETRY_BASE_MS,
      retryMaxDelayMs: e.JALON_EVENT_RETRY_MAX_DELAY_MS,
      timeoutMs: e.JALON_EVENT_TIMEOUT_MS,
      allowInternalTargets:
        (e.JALON_EVENT_ALLOW_INTERNAL_TARGETS ?? String(e.NODE_ENV !== 'production')) === 'true',
    }),
    reportEveryDays: e.JALON_REPORT_EVERY_DAYS,
    inboxRetentionDays: e.JALON_INBOX_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    warnings,
  });
}

/**
 * What production may not run without: the key that encrypts tracker credentials (one kept beside
 * the data it protects protects little), and the token of /metrics, which API processes serve on
 * the public PORT (queue depths, routes and tracker errors are nobody else's business).
 */
function missingInProduction(e: z.infer<typeof EnvSchema>): string[] {
  return [
    ...(e.JALON_SECRET_KEY ? [] : ['JALON_SECRET_KEY: required in production (openssl rand -base64 32)']),
    ...(e.JALON_METRICS_TOKEN
      ? []
      : ['JALON_METRICS_TOKEN: required in production, /metrics is served on PORT (openssl rand -hex 24)']),
  ];
}

function devSecretKey(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}
