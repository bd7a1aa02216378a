import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AsanaHooks } from './asana-hooks.ts';
import type { AsanaWorld } from './asana-model.ts';
import { type Clock, HttpError, type PushLog, parse, TRACKERS, type Tracker } from './common.ts';
import { registerAsanaControl } from './control-asana.ts';
import { registerJiraControl } from './control-jira.ts';
import { registerTrelloControl } from './control-trello.ts';
import type { OAuthApp } from './jira.ts';
import type { JiraHooks } from './jira-hooks.ts';
import type { JiraWorld } from './jira-model.ts';
import type { Guards } from './limits.ts';
import type { TrelloWorld } from './trello-model.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * The control API: JSON on its own loopback port (4100 by default), never rate limited nor
 * faulted. Tests and the demo create data here, change it as a provider would, bend the network
 * (faults, delivery modes, the clock) and read what Jalon pushed back. Routes are listed in
 * sandbox/README.md; `client.ts` wraps them.
 */

export interface SandboxUrls {
  readonly control: string;
  /** The Jira site root (what a Jira connection's `baseUrl` is). */
  readonly jira: string;
  /** Trello's API root, `…/1`. */
  readonly trello: string;
  /** Asana's API root, `…/api/1.0`. */
  readonly asana: string;
}

export interface SandboxContext {
  readonly clock: Clock;
  readonly pushed: PushLog;
  readonly guards: Guards;
  readonly deliverer: Deliverer;
  readonly urls: () => SandboxUrls;
  readonly credentials: () => unknown;
  readonly jira: {
    readonly world: JiraWorld;
    readonly hooks: JiraHooks;
    readonly oauthApps: OAuthApp[];
    readonly site: () => string;
  };
  readonly trello: {
    readonly world: TrelloWorld;
    readonly hooks: () => unknown[];
    readonly appSecrets: Map<string, string>;
    readonly site: () => string;
  };
  readonly asana: { readonly world: AsanaWorld; readonly hooks: AsanaHooks; readonly site: () => string };
}

const TrackerName = z.enum(['jira', 'trello', 'asana']);
const FaultBody = z.object({
  tracker: TrackerName,
  kind: z.enum(['error', 'slow', 'rate_limit']),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  count: z.number().int().min(1).optional(),
  pathPrefix: z.string().optional(),
  method: z.string().optional(),
});
const ModeBody = z.object({
  tracker: TrackerName.optional(),
  dropNext: z.number().int().min(0).optional(),
  duplicateNext: z.number().int().min(0).optional(),
  reorderNext: z.number().int().min(0).optional(),
});
const trackerOf = (value: unknown): Tracker | undefined =>
  TRACKERS.includes(value as Tracker) ? (value as Tracker) : undefined;
const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

function registerGeneralRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  type Q = FastifyRequest<{ Querystring: Record<string, string | undefined> }>;
  app.get('/health', async () => ({ ok: true, urls: ctx.urls(), credentials: ctx.credentials() }));
  app.get('/counters', async () => ({
    requests: ctx.guards.counters(),
    deliveries: ctx.deliverer.counters(),
    asana: ctx.asana.hooks.counters(),
  }));
  app.post('/counters/reset', async () => {
    ctx.guards.resetCounters();
    ctx.deliverer.resetCounters();
    return { ok: true };
  });
  app.get('/faults', async () => ctx.guards.faults());
  app.post('/faults', async (req, reply) =>
    reply.code(201).send(ctx.guards.addFault(definedOnly(parse(FaultBody, req.body)))),
  );
  app.delete('/faults', async (req: Q) => ({
    cleared: ctx.guards.clearFaults(trackerOf(req.query.tracker)),
  }));
  app.get('/delivery', async () => ctx.deliverer.modes());
  app.post('/delivery', async (req) => {
    const { tracker, ...patch } = parse(ModeBody, req.body);
    return ctx.deliverer.setMode(tracker, definedOnly(patch));
  });
  app.get('/deliveries', async (req: Q) => {
    const tracker = trackerOf(req.query.tracker);
    const hookId = req.query.hookId;
    return ctx.deliverer.log({ ...(tracker ? { tracker } : {}), ...(hookId ? { hookId } : {}) });
  });
  app.post('/deliveries/settle', async (req) => {
    const { timeoutMs } = parse(
      z.object({ timeoutMs: z.number().int().min(0).max(600_000).default(10_000) }),
      req.body,
    );
    return { idle: await ctx.deliverer.settle(timeoutMs) };
  });
  app.get('/pushed', async (req: Q) => {
    const tracker = trackerOf(req.query.tracker);
    const itemId = req.query.itemId;
    return ctx.pushed.list({ ...(tracker ? { tracker } : {}), ...(itemId ? { itemId } : {}) });
  });
  app.get('/clock', async () => ({
    now: new Date(ctx.clock.now()).toISOString(),
    offsetMs: ctx.clock.offset(),
  }));
  app.post('/clock/advance', async (req) => {
    const { ms } = parse(z.object({ ms: z.number().int().min(0) }), req.body);
    ctx.clock.advance(ms);
    return { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offset() };
  });
  app.post('/clock/set', async (req) => {
    const { now } = parse(z.object({ now: z.iso.datetime({ offset: true }) }), req.body);
    ctx.clock.set(Date.parse(now));
    return { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offset() };
  });
  app.get('/webhooks', async () => ({
    jira: {
      admin: ctx.jira.hooks.admin().map(({ secret: _secret, query: _query, ...h }) => h),
      dynamic: ctx.jira.hooks.dynamic().map((h) => ({
        id: h.id,
        url: h.url,
        jqlFilter: h.jqlFilter,
        events: h.events,
        expirationDate: new Date(h.expiresAt).toISOString(),
      })),
    },
    trello: ctx.trello.hooks(),
    asana: ctx.asana.hooks.hooks(),
  }));
}

export function createControlServer(ctx: SandboxContext): FastifyInstance {
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) {
      const body = typeof err.body === 'string' ? { error: err.body } : err.body;
      return reply.code(err.status).send(body);
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: err instanceof Error ? err.message : String(err) });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `no control route ${req.method} ${req.url}` }),
  );
  registerGeneralRoutes(app, ctx);
  // Every change below is made as the provider's user and sends the webhooks the tracker would.
  registerJiraControl(app, ctx);
  registerTrelloControl(app, ctx);
  registerAsanaControl(app, ctx);
  return app;
}
