import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Each tracker's rate limits, as admission decisions on each request (installed by limits.ts).
 *
 * - Trello (https://developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/): fixed
 *   10-second windows, 100 requests per token and 300 per key; 429 without Retry-After, the window
 *   state in `x-rate-limit-api-{token,key}-{interval-ms,max,remaining}` and the exhausted limit in
 *   the body. More than 200 rejections of a key within a window lock the key for a full interval.
 * - Asana (https://developers.asana.com/docs/rate-limits): a per-token budget per minute (150 on
 *   free domains) and at most 50 reads and 15 writes in flight; 429 with `Retry-After` seconds.
 * - Jira (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): a configurable
 *   per-credential budget per window; 429 with `Retry-After`, `X-RateLimit-*` and `RateLimit-Reason`.
 * Windows open with a caller's first request, so a burst is judged as one window, never split.
 */

export interface LimitSettings {
  readonly jira: { readonly budget: number; readonly windowMs: number };
  readonly trello: {
    readonly tokenMax: number;
    readonly keyMax: number;
    readonly intervalMs: number;
    readonly lockoutRejections: number;
  };
  readonly asana: {
    readonly perMinute: number;
    readonly windowMs: number;
    readonly maxReads: number;
    readonly maxWrites: number;
  };
}

export const DEFAULT_LIMITS: LimitSettings = {
  jira: { budget: 1000, windowMs: 60_000 },
  trello: { tokenMax: 100, keyMax: 300, intervalMs: 10_000, lockoutRejections: 200 },
  asana: { perMinute: 150, windowMs: 60_000, maxReads: 50, maxWrites: 15 },
};

export interface Rejection {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Admission =
  | { readonly ok: true; readonly headers: Record<string, string>; readonly release?: () => void }
  | ({ readonly ok: false } & Rejection);

export interface Limiter {
  admit(req: FastifyRequest, now: number): Admission;
}

const fingerprint = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 16);
const bearerOrBasic = (req: FastifyRequest): string => fingerprint(req.headers.authorization ?? 'anonymous');
const retrySeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

interface Window {
  start: number;
  count: number;
  rejections: number;
}

/** A fixed window that opens with the first request after the previous one closed. */
function windowOf(map: Map<string, Window>, key: string, now: number, length: number): Window {
  const current = map.get(key);
  if (current && now < current.start + length) return current;
  const fresh = { start: now, count: 0, rejections: 0 };
  map.set(key, fresh);
  return fresh;
}

export function jiraLimiter(s: LimitSettings['jira']): Limiter {
  const windows = new Map<string, Window>();
  return {
    admit(req, now) {
      const w = windowOf(windows, bearerOrBasic(req), now, s.windowMs);
      const reset = new Date(w.start + s.windowMs).toISOString();
      const headers = { 'x-ratelimit-limit': String(s.budget), 'x-ratelimit-reset': reset };
      if (w.count >= s.budget) {
        const rejection = jiraRateLimited(retrySeconds(w.start + s.windowMs - now));
        return { ok: false, ...rejection, headers: { ...headers, ...rejection.headers } };
      }
      w.count += 1;
      return { ok: true, headers: { ...headers, 'x-ratelimit-remaining': String(s.budget - w.count) } };
    },
  };
}

export const jiraRateLimited = (seconds: number): Rejection => ({
  status: 429,
  headers: {
    'retry-after': String(seconds),
    'x-ratelimit-remaining': '0',
    'ratelimit-reason': 'jira-quota-based',
  },
  body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
});

/** Trello identifies callers by `key` and `token` query parameters (or an OAuth header). */
function trelloCaller(req: FastifyRequest): { key: string; token: string } {
  const q = req.query as Record<string, unknown>;
  const oauth = req.headers.authorization ?? '';
  const fromHeader = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(oauth)?.[1];
  return {
    key: String(q.key ?? fromHeader('oauth_consumer_key') ?? 'anonymous'),
    token: String(q.token ?? fromHeader('oauth_token') ?? 'anonymous'),
  };
}

function trelloHeaders(s: LimitSettings['trello'], token: Window, key: Window): Record<string, string> {
  return {
    'x-rate-limit-api-token-interval-ms': String(s.intervalMs),
    'x-rate-limit-api-token-max': String(s.tokenMax),
    'x-rate-limit-api-token-remaining': String(Math.max(0, s.tokenMax - token.count)),
    'x-rate-limit-api-key-interval-ms': String(s.intervalMs),
    'x-rate-limit-api-key-max': String(s.keyMax),
    'x-rate-limit-api-key-remaining': String(Math.max(0, s.keyMax - key.count)),
  };
}

export const trelloRateLimited = (scope: 'TOKEN' | 'KEY', headers: Record<string, string>): Rejection => ({
  status: 429,
  headers,
  body: { error: `API_${scope}_LIMIT_EXCEEDED`, message: 'Rate limit exceeded' },
});

export function trelloLimiter(s: LimitSettings['trello'], onLockout: () => void): Limiter {
  const tokens = new Map<string, Window>();
  const keys = new Map<string, Window>();
  const lockedUntil = new Map<string, number>();
  return {
    admit(req, now) {
      const caller = trelloCaller(req);
      const t = windowOf(tokens, caller.token, now, s.intervalMs);
      const k = windowOf(keys, caller.key, now, s.intervalMs);
      const headers = trelloHeaders(s, t, k);
      if ((lockedUntil.get(caller.key) ?? 0) > now)
        return { ok: false, ...trelloRateLimited('KEY', headers) };
      const scope = t.count >= s.tokenMax ? 'TOKEN' : k.count >= s.keyMax ? 'KEY' : null;
      if (scope !== null) {
        k.rejections += 1;
        if (k.rejections > s.lockoutRejections && (lockedUntil.get(caller.key) ?? 0) <= now) {
          lockedUntil.set(caller.key, now + s.intervalMs);
          onLockout();
        }
        return { ok: false, ...trelloRateLimited(scope, headers) };
      }
      t.count += 1;
      k.count += 1;
      return { ok: true, headers: trelloHeaders(s, t, k) };
    },
  };
}

export const asanaRateLimited = (seconds: number): Rejection => ({
  status: 429,
  headers: { 'retry-after': String(seconds) },
  body: {
    errors: [
      {
        message: `You have made too many requests recently. Please, be patient and wait ${seconds} seconds.`,
        help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors',
      },
    ],
  },
});

export function asanaLimiter(s: LimitSettings['asana']): Limiter {
  const windows = new Map<string, Window>();
  const reads = new Map<string, number>();
  const writes = new Map<string, number>();
  return {
    admit(req, now) {
      const caller = bearerOrBasic(req);
      const isRead = req.method === 'GET' || req.method === 'HEAD';
      const inFlight = isRead ? reads : writes;
      const max = isRead ? s.maxReads : s.maxWrites;
      const w = windowOf(windows, caller, now, s.windowMs);
      if (w.count >= s.perMinute)
        return { ok: false, ...asanaRateLimited(retrySeconds(w.start + s.windowMs - now)) };
      const running = inFlight.get(caller) ?? 0;
      if (running >= max) return { ok: false, ...asanaRateLimited(1) };
      w.count += 1;
      inFlight.set(caller, running + 1);
      const release = () => inFlight.set(caller, Math.max(0, (inFlight.get(caller) ?? 1) - 1));
      return { ok: true, headers: {}, release };
    },
  };
}
