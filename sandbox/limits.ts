import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sleep, TRACKERS, type Tracker } from './common.ts';
import {
  asanaLimiter,
  asanaRateLimited,
  jiraLimiter,
  jiraRateLimited,
  type Limiter,
  type LimitSettings,
  type Rejection,
  trelloLimiter,
  trelloRateLimited,
} from './rate-limits.ts';

/**
 * Fastify hooks on each tracker's server: request counters, the faults the control API injects
 * (errors, slow answers, 429 storms), then the tracker's rate limits (rate-limits.ts).
 */

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

/** The injected faults, each used up request by request when it has a `count`. */
function createFaultBook() {
  let faults: Fault[] = [];
  return {
    take(tracker: Tracker, req: FastifyRequest, path: string): Fault | null {
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
    },
    add(spec: FaultSpec): Fault {
      const fault: Fault = { ...spec, id: randomUUID(), remaining: spec.count ?? null };
      faults.push(fault);
      return fault;
    },
    clear(tracker?: Tracker): number {
      const before = faults.length;
      faults = faults.filter((f) => tracker !== undefined && f.tracker !== tracker);
      return before - faults.length;
    },
    list: () => faults.map((f) => ({ ...f })),
  };
}
type FaultBook = ReturnType<typeof createFaultBook>;

/**
 * On each API request: count it, then an injected error or 429 answers it, else the rate limiter
 * admits or refuses it, then an injected slowness delays it. In-flight counts drop on response.
 */
function installGuard(
  app: FastifyInstance,
  tracker: Tracker,
  apiPrefix: string,
  c: () => RequestCounters,
  limiter: Limiter,
  faults: FaultBook,
): void {
  const releases = new WeakMap<FastifyRequest, () => void>();
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
    const fault = faults.take(tracker, req, path.slice(apiPrefix.length));
    if (fault && fault.kind !== 'slow') {
      c().faulted += 1;
      return send(reply, faultRejection(tracker, fault));
    }
    const admission = limiter.admit(req, Date.now());
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
}

export function createGuards(settings: LimitSettings): Guards {
  const faults = createFaultBook();
  const counters: Record<Tracker, RequestCounters> = {
    jira: zeroCounters(),
    trello: zeroCounters(),
    asana: zeroCounters(),
  };
  const limiters: Record<Tracker, Limiter> = {
    jira: jiraLimiter(settings.jira),
    trello: trelloLimiter(settings.trello, () => {
      counters.trello.lockouts += 1;
    }),
    asana: asanaLimiter(settings.asana),
  };
  return {
    install: (app, tracker, apiPrefix) =>
      installGuard(app, tracker, apiPrefix, () => counters[tracker], limiters[tracker], faults),
    addFault: faults.add,
    clearFaults: faults.clear,
    faults: faults.list,
    counters: () => structuredClone(counters),
    resetCounters() {
      for (const t of TRACKERS)
        Object.assign(counters[t], { ...zeroCounters(), inFlight: counters[t].inFlight });
    },
  };
}
