import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sleep, TRACKERS, type Tracker } from './common.ts';

/**
 * Each tracker's rate limits and the faults the control API injects, as Fastify hooks on the
 * tracker's server, plus the request counters the control API reports.
 *
 * - Trello (https://developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/): fixed
 *   10-second windows, 100 requests per token and 300 per key; 429 without Retry-After, the window
 *   state in `x-rate-limit-api-{token,key}-{interval-ms,max,remaining}` and the exhausted limit in
 *   the body. More than 200 rejections of a key within a window lock the key for a full interval.
 * - Asana (https://developers.asana.com/docs/rate-limits): a per-token budget per minute (150 on
 *   free domains) and at most 50 reads and 15 writes in flight; 429 with `Retry-After` seconds.
 * - Jira (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): a configurable
 *   per-credential budget per window; 429 with `Retry-After`, `X-RateLimit-*` and `RateLimit-Reason`.
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

export interface FaultSpec {
  readonly tracker: Tracker;
  /** `error`: answer `status` (500); `slow`: wait `delayMs` then serve; `rate_limit`: a 429 storm. */
  readonly kind: 'error' | 'slow' | 'rate_limit';
  readonly status?: number;
  readonly delayMs?: number;
  readonly retryAfterSeconds?: number;
  /** How many requests it affects; absent: every request until cleared. */
  readonly count?: number;
  /** Only requests whose path starts with this (after the API root), and of this method. */
  readonly pathPrefix?: string;
  readonly method?: string;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  remaining: number | null;
}

export interface RequestCounters {
  requests: number;
  rateLimited: number;
  faulted: number;
  lockouts: number;
  inFlight: number;
  maxConcurrency: number;
  byRoute: Record<string, number>;
}

interface Rejection {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Admission =
  | { readonly ok: true; readonly headers: Record<string, string>; readonly release?: () => void }
  | ({ readonly ok: false } & Rejection);

interface Limiter {
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

function jiraLimiter(s: LimitSettings['jira']): Limiter {
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

const jiraRateLimited = (seconds: number): Rejection => ({
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

function trelloLimiter(s: LimitSettings['trello'], counters: RequestCounters): Limiter {
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
          counters.lockouts += 1;
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

function asanaLimiter(s: LimitSettings['asana']): Limiter {
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

/** Each vendor's way of saying "something broke on our side". */
const SERVER_ERROR: Readonly<Record<Tracker, (status: number) => unknown>> = {
  jira: (status) => ({ errorMessages: [`Internal server error (${status})`], errors: {} }),
  trello: () => 'Internal Server Error',
  asana: () => ({ errors: [{ message: 'Server Error', phrase: '6 sad squid snuggle softly' }] }),
};

function faultRejection(tracker: Tracker, fault: Fault): Rejection {
  if (fault.kind === 'error') {
    const status = fault.status ?? 500;
    return { status, headers: {}, body: SERVER_ERROR[tracker](status) };
  }
  const seconds = fault.retryAfterSeconds ?? 1;
  if (tracker === 'jira') return jiraRateLimited(seconds);
  if (tracker === 'asana') return asanaRateLimited(seconds);
  const headers = { 'x-rate-limit-api-token-interval-ms': '10000', 'x-rate-limit-api-token-remaining': '0' };
  return trelloRateLimited('TOKEN', headers);
}

export interface Guards {
  install(app: FastifyInstance, tracker: Tracker, apiPrefix: string): void;
  addFault(spec: FaultSpec): Fault;
  clearFaults(tracker?: Tracker): number;
  faults(): Fault[];
  counters(): Record<Tracker, RequestCounters>;
  resetCounters(): void;
}

const zeroCounters = (): RequestCounters => ({
  requests: 0,
  rateLimited: 0,
  faulted: 0,
  lockouts: 0,
  inFlight: 0,
  maxConcurrency: 0,
  byRoute: {},
});

function send(reply: FastifyReply, rejection: Rejection): FastifyReply {
  return reply.code(rejection.status).headers(rejection.headers).send(rejection.body);
}

export function createGuards(settings: LimitSettings): Guards {
  let faults: Fault[] = [];
  const counters: Record<Tracker, RequestCounters> = {
    jira: zeroCounters(),
    trello: zeroCounters(),
    asana: zeroCounters(),
  };
  const limiters: Record<Tracker, Limiter> = {
    jira: jiraLimiter(settings.jira),
    trello: trelloLimiter(settings.trello, counters.trello),
    asana: asanaLimiter(settings.asana),
  };
  const releases = new WeakMap<FastifyRequest, () => void>();

  const takeFault = (tracker: Tracker, req: FastifyRequest, path: string): Fault | null => {
    const fault = faults.find(
      (f) =>
        f.tracker === tracker &&
        (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)) &&
        (f.method === undefined || f.method.toUpperCase() === req.method),
    );
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    }
    return fault;
  };

  return {
    install(app, tracker, apiPrefix) {
      const c = () => counters[tracker];
      app.addHook('onRequest', async (req, reply) => {
        const path = req.url.split('?')[0] ?? '';
        if (!path.startsWith(apiPrefix)) return;
        const route = `${req.method} ${req.routeOptions.url ?? path}`;
        c().requests += 1;
        c().byRoute[route] = (c().byRoute[route] ?? 0) + 1;
        c().inFlight += 1;
        c().maxConcurrency = Math.max(c().maxConcurrency, c().inFlight);
        releases.set(req, () => {
          c().inFlight -= 1;
        });
        const fault = takeFault(tracker, req, path.slice(apiPrefix.length));
        if (fault && fault.kind !== 'slow') {
          c().faulted += 1;
          return send(reply, faultRejection(tracker, fault));
        }
        const admission = limiters[tracker].admit(req, Date.now());
        if (!admission.ok) {
          c().rateLimited += 1;
          return send(reply, admission);
        }
        reply.headers(admission.headers);
        const release = admission.release;
        if (release) {
          releases.set(req, () => {
            c().inFlight -= 1;
            release();
          });
        }
        if (fault?.kind === 'slow') {
          c().faulted += 1;
          await sleep(fault.delayMs ?? 1000);
        }
      });
      const done = async (req: FastifyRequest) => {
        releases.get(req)?.();
        releases.delete(req);
      };
      app.addHook('onResponse', done);
      app.addHook('onRequestAbort', done);
    },
    addFault(spec) {
      const fault: Fault = { ...spec, id: randomUUID(), remaining: spec.count ?? null };
      faults.push(fault);
      return fault;
    },
    clearFaults(tracker) {
      const before = faults.length;
      faults = faults.filter((f) => tracker !== undefined && f.tracker !== tracker);
      return before - faults.length;
    },
    faults: () => faults.map((f) => ({ ...f })),
    counters: () => structuredClone(counters),
    resetCounters() {
      for (const t of TRACKERS)
        Object.assign(counters[t], { ...zeroCounters(), inFlight: counters[t].inFlight });
    },
  };
}
