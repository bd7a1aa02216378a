import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ASANA_ROOT, type AsanaDeps, asanaActor, asanaError, page } from './asana.ts';
import { asanaResourceExists, registerAsanaEvents } from './asana-events.ts';
import { compact, eventJson, withOptFields } from './asana-json.ts';
import type { AsanaEvent } from './asana-types.ts';
import { queryString } from './common.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * Asana's webhooks (the events API is asana-events.ts). While `POST /webhooks` is in flight the
 * target receives a POST with `X-Hook-Secret` and must answer 200/204 echoing it; only then is the
 * webhook created (https://developers.asana.com/reference/createwebhook). Deliveries batch compact
 * events as `{ events: [...] }`, signed in `X-Hook-Signature` (hex HMAC-SHA256 of the body, keyed
 * by that secret); heartbeats (`{"events":[]}`) follow the handshake and then every 8 hours
 * (scaled by the time factor). A webhook whose deliveries fail for 24 hours is deleted.
 */

interface Filter {
  readonly resource_type?: string;
  readonly resource_subtype?: string;
  readonly action?: string;
  readonly fields?: readonly string[];
}

interface AsanaHook {
  readonly gid: string;
  readonly resourceGid: string;
  readonly target: string;
  readonly filters: readonly Filter[];
  readonly secret: string;
  readonly created_at: number;
  active: boolean;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_failure_content: string;
  pending: AsanaEvent[];
}

export interface AsanaHooksOptions {
  readonly syncTokenTtlMs: number;
  readonly heartbeatMs: number;
  /** Events occurring within this window (real ms) share one delivery, as Asana batches them. */
  readonly batchMs: number;
}

export interface AsanaHooks {
  /** Every outstanding sync token becomes too old: the next `GET /events` answers 412. */
  expireSyncTokens(): number;
  heartbeat(): number;
  hooks(): unknown[];
  counters(): { events412: number; handshakes: number; handshakeFailures: number };
  close(): void;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function filterMatches(f: Filter, e: AsanaEvent): boolean {
  const field = typeof e.change?.field === 'string' ? e.change.field : null;
  return (
    (f.resource_type === undefined || f.resource_type === e.resource.resource_type) &&
    (f.resource_subtype === undefined || f.resource_subtype === e.resource.resource_subtype) &&
    (f.action === undefined || f.action === e.action) &&
    (f.fields === undefined || (field !== null && f.fields.includes(field)))
  );
}

async function handshake(target: string, secret: string): Promise<boolean> {
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'x-hook-secret': secret },
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return (res.status === 200 || res.status === 204) && res.headers.get('x-hook-secret') === secret;
  } catch {
    return false;
  }
}

/** The webhooks, how to describe them, and how to send them a batch of events. */
function createHookState(deps: AsanaDeps, deliverer: Deliverer) {
  const { world, clock } = deps;
  const hooks = new Map<string, AsanaHook>();
  const hookJson = (h: AsanaHook) => {
    const project = world.projects.get(h.resourceGid);
    const task = world.tasks.get(h.resourceGid);
    const resource = project
      ? compact(project.gid, 'project', project.name)
      : compact(h.resourceGid, 'task', task?.name ?? '');
    return {
      gid: h.gid,
      resource_type: 'webhook',
      active: h.active,
      resource,
      target: h.target,
      created_at: iso(h.created_at),
      last_failure_at: iso(h.last_failure_at),
      last_failure_content: h.last_failure_content,
      last_success_at: iso(h.last_success_at),
      delivery_retry_count: 0,
      next_attempt_after: null,
      failure_deletion_timestamp: null,
      filters: h.filters,
    };
  };
  const deliver = (h: AsanaHook, events: readonly AsanaEvent[], label: string) => {
    const body = Buffer.from(JSON.stringify({ events: events.map(eventJson) }));
    const signature = createHmac('sha256', h.secret).update(body).digest('hex');
    deliverer.enqueue({
      tracker: 'asana',
      hookId: h.gid,
      url: h.target,
      event: label,
      body,
      headers: () => ({ 'content-type': 'application/json', 'x-hook-signature': signature }),
      stillWanted: () => hooks.has(h.gid),
      onAttempt: (r) => {
        if (r.ok) h.last_success_at = clock.now();
        else {
          h.last_failure_at = clock.now();
          h.last_failure_content = r.status === null ? 'Connection failed or timed out' : `HTTP ${r.status}`;
          if (r.final) hooks.delete(h.gid);
        }
      },
    });
  };
  return { hooks, hookJson, deliver, counters: { handshakes: 0, handshakeFailures: 0 } };
}
type HookState = ReturnType<typeof createHookState>;

const HANDSHAKE_FAILED =
  'Could not complete activation handshake with target URL. Please ensure that the receiving server is accepting connections and supports SSL';

/** `POST /webhooks` with its handshake, and listing, reading and deleting webhooks. */
function registerWebhookRoutes(app: FastifyInstance, deps: AsanaDeps, state: HookState): void {
  const { world, clock } = deps;
  const { hooks, hookJson, deliver, counters } = state;
  let nextGid = 1_209_900_000_000_001;
  type Body = { data?: Record<string, unknown> } & Record<string, unknown>;
  app.post(`${ASANA_ROOT}/webhooks`, async (req: FastifyRequest<{ Body: Body }>, reply) => {
    asanaActor(req, deps);
    const d = (req.body?.data ?? req.body ?? {}) as Record<string, unknown>;
    const resource = String(d.resource ?? '');
    const target = String(d.target ?? '');
    if (!asanaResourceExists(deps, resource))
      throw asanaError(400, `resource: Not a recognized ID: ${resource}`);
    if (!/^https?:\/\/\S+$/.test(target)) throw asanaError(400, 'target: Invalid URL');
    if ([...hooks.values()].some((h) => h.resourceGid === resource && h.target === target))
      throw asanaError(403, 'Duplicate webhook.');
    const secret = randomBytes(32).toString('hex');
    counters.handshakes += 1;
    if (!(await handshake(target, secret))) {
      counters.handshakeFailures += 1;
      throw asanaError(400, HANDSHAKE_FAILED);
    }
    const filters = Array.isArray(d.filters) ? (d.filters as Filter[]) : [];
    const h: AsanaHook = {
      gid: String(nextGid++),
      resourceGid: resource,
      target,
      filters,
      secret,
      created_at: clock.now(),
      active: true,
      last_success_at: null,
      last_failure_at: null,
      last_failure_content: '',
      pending: [],
    };
    hooks.set(h.gid, h);
    deliver(h, [], 'heartbeat');
    return reply.code(201).send({ data: hookJson(h), 'X-Hook-Secret': secret });
  });
  app.get(`${ASANA_ROOT}/webhooks`, async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>) => {
    asanaActor(req, deps);
    if (queryString(req.query.workspace) !== world.workspace.gid)
      throw asanaError(400, 'workspace: Missing input or not a recognized ID');
    const resource = queryString(req.query.resource);
    const listed = [...hooks.values()].filter((h) => resource === undefined || h.resourceGid === resource);
    const opt = queryString(req.query.opt_fields);
    return page(
      listed.map((h) => withOptFields(hookJson(h), opt, 'full')),
      req.query,
      '/webhooks',
      deps.site(),
    );
  });
  app.get(`${ASANA_ROOT}/webhooks/:gid`, async (req: FastifyRequest<{ Params: { gid: string } }>) => {
    asanaActor(req, deps);
    const h = hooks.get(req.params.gid);
    if (!h) throw asanaError(404, `${req.params.gid}: Not a recognized ID.`);
    return { data: hookJson(h) };
  });
  app.delete(`${ASANA_ROOT}/webhooks/:gid`, async (req: FastifyRequest<{ Params: { gid: string } }>) => {
    asanaActor(req, deps);
    if (!hooks.delete(req.params.gid)) throw asanaError(404, `${req.params.gid}: Not a recognized ID.`);
    return { data: {} };
  });
}

/**
 * Events matching a webhook's filters are collected for `batchMs` and sent as one delivery, as
 * Asana batches them; a pending batch counts as a pending delivery for `settle`.
 */
function batchEvents(
  deps: AsanaDeps,
  deliverer: Deliverer,
  state: HookState,
  batchMs: number,
  timers: Set<NodeJS.Timeout>,
) {
  const flush = (h: AsanaHook, done: () => void) => {
    const events = h.pending.splice(0);
    if (events.length > 0 && state.hooks.has(h.gid)) {
      state.deliver(h, events, events.map((e) => `${e.resource.resource_type}:${e.action}`).join(','));
    }
    done();
  };
  deps.world.onEvent((e) => {
    for (const h of state.hooks.values()) {
      if (!h.active || !e.scope.includes(h.resourceGid)) continue;
      if (h.filters.length > 0 && !h.filters.some((f) => filterMatches(f, e))) continue;
      if (h.pending.length === 0) {
        const done = deliverer.reserve();
        const timer = setTimeout(() => {
          timers.delete(timer);
          flush(h, done);
        }, batchMs);
        timers.add(timer);
      }
      h.pending.push(e);
    }
  });
}

export function registerAsanaHooks(
  app: FastifyInstance,
  deps: AsanaDeps,
  deliverer: Deliverer,
  opts: AsanaHooksOptions,
): AsanaHooks {
  const events = registerAsanaEvents(app, deps, opts.syncTokenTtlMs);
  const state = createHookState(deps, deliverer);
  const timers = new Set<NodeJS.Timeout>();
  registerWebhookRoutes(app, deps, state);
  batchEvents(deps, deliverer, state, opts.batchMs, timers);
  const heartbeat = () => {
    for (const h of state.hooks.values()) if (h.active) state.deliver(h, [], 'heartbeat');
    return state.hooks.size;
  };
  const beat = setInterval(heartbeat, Math.max(1000, opts.heartbeatMs));
  beat.unref();
  return {
    expireSyncTokens: events.expireSyncTokens,
    heartbeat,
    hooks: () => [...state.hooks.values()].map(state.hookJson),
    counters: () => ({ events412: events.expired(), ...state.counters }),
    close() {
      clearInterval(beat);
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
