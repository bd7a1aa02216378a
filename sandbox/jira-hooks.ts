import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, queryInt } from './common.ts';
import { type Caller, callerOf, type JiraDeps, type OAuthApp } from './jira.ts';
import { type AdminHook, type DynamicHook, dispatchJiraEvents, type HookStore } from './jira-delivery.ts';
import { JqlError, parseJql, type Query, unsupportedForWebhooks } from './jira-jql.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * Registering Jira's two kinds of webhook (deliveries: jira-delivery.ts):
 * - admin webhooks over REST (`/rest/webhooks/1.0/webhook`), signed with the registration's
 *   secret in `X-Hub-Signature: sha256=<hex>`, never expiring
 *   (https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api--for-admin-webhooks-);
 * - dynamic webhooks of OAuth 2.0 apps (`/rest/api/3/webhook`), which expire 30 days after their
 *   registration or last refresh and carry `Authorization: Bearer <JWT>` signed with the app's
 *   client secret (https://developer.atlassian.com/cloud/jira/platform/webhooks/#webhooks-authentication-for-oauth-2-0-apps).
 * Dynamic-webhook JQL is limited to a subset of clauses; anything else is refused the way Jira
 * refuses it, per webhook, in `webhookRegistrationResult[].errors`.
 */

export interface JiraHooks {
  admin(): readonly AdminHook[];
  dynamic(): readonly DynamicHook[];
}

const ADMIN = '/rest/webhooks/1.0/webhook';

function parseFilter(jql: string): Query {
  try {
    return parseJql(jql);
  } catch (err) {
    const message = err instanceof JqlError ? err.message : String(err);
    throw new HttpError(400, { errorMessages: [message], errors: {} });
  }
}

function adminJson(site: string, h: AdminHook, deps: JiraDeps) {
  return {
    name: h.name,
    url: h.url,
    excludeBody: h.excludeBody,
    filters: { 'issue-related-events-section': h.jql ?? '' },
    events: h.events,
    enabled: h.enabled,
    self: `${site}${ADMIN}/${h.id}`,
    lastUpdatedUser: deps.world.integration.accountId,
    lastUpdatedDisplayName: deps.world.integration.displayName,
    lastUpdated: h.lastUpdated,
  };
}

interface AdminBody {
  name?: string;
  url?: string;
  events?: string[];
  filters?: Record<string, string>;
  excludeBody?: boolean;
  secret?: string;
  enabled?: boolean;
}

function adminCaller(req: FastifyRequest, deps: JiraDeps): Caller {
  const caller = callerOf(req, deps);
  if (caller.app)
    throw new HttpError(403, {
      errorMessages: ['Only Jira administrators can manage admin webhooks.'],
      errors: {},
    });
  return caller;
}

/** Admin webhooks: listed, created, updated (a secret rotation) and deleted over REST. */
function registerAdminRoutes(app: FastifyInstance, deps: JiraDeps, store: HookStore): void {
  const { admin } = store;
  const now = () => deps.clock.now();
  let nextAdmin = 1;
  const applyAdmin = (hook: AdminHook, body: AdminBody) => {
    if (body.url !== undefined && !/^https?:\/\//.test(body.url))
      throw new HttpError(400, {
        errorMessages: [],
        errors: { url: 'The URL must be a valid http or https URL.' },
      });
    const jql = body.filters?.['issue-related-events-section'];
    if (jql !== undefined) {
      hook.jql = jql.trim() === '' ? null : jql;
      hook.query = hook.jql === null ? null : parseFilter(hook.jql);
    }
    if (body.name !== undefined) hook.name = body.name;
    if (body.url !== undefined) hook.url = body.url;
    if (body.events !== undefined) hook.events = body.events.map(String);
    if (body.excludeBody !== undefined) hook.excludeBody = body.excludeBody;
    if (body.secret !== undefined) hook.secret = body.secret || null;
    if (body.enabled !== undefined) hook.enabled = body.enabled;
    hook.lastUpdated = now();
  };
  const adminHook = (id: string) => {
    const hook = admin.get(id);
    if (!hook) throw new HttpError(404, { errorMessages: ['Webhook not found.'], errors: {} });
    return hook;
  };

  app.get(ADMIN, async (req) => {
    adminCaller(req, deps);
    return [...admin.values()].map((h) => adminJson(deps.site(), h, deps));
  });
  app.get<{ Params: { id: string } }>(`${ADMIN}/:id`, async (req) => {
    adminCaller(req, deps);
    return adminJson(deps.site(), adminHook(req.params.id), deps);
  });
  app.post<{ Body: AdminBody }>(ADMIN, async (req, reply) => {
    adminCaller(req, deps);
    if (!req.body?.url)
      throw new HttpError(400, { errorMessages: [], errors: { url: 'A URL is required.' } });
    const hook: AdminHook = {
      id: String(nextAdmin++),
      name: 'Webhook',
      url: '',
      events: [],
      jql: null,
      query: null,
      excludeBody: false,
      secret: null,
      enabled: true,
      lastUpdated: now(),
    };
    applyAdmin(hook, req.body);
    admin.set(hook.id, hook);
    return reply.code(201).send(adminJson(deps.site(), hook, deps));
  });
  app.put<{ Params: { id: string }; Body: AdminBody }>(`${ADMIN}/:id`, async (req) => {
    adminCaller(req, deps);
    const hook = adminHook(req.params.id);
    applyAdmin(hook, req.body ?? {});
    return adminJson(deps.site(), hook, deps);
  });
  app.delete<{ Params: { id: string } }>(`${ADMIN}/:id`, async (req, reply) => {
    adminCaller(req, deps);
    admin.delete(adminHook(req.params.id).id);
    return reply.code(204).send();
  });
}

/** Dynamic webhooks of OAuth apps: registered (JQL subset), listed, refreshed, deleted. */
function registerDynamicRoutes(app: FastifyInstance, deps: JiraDeps, store: HookStore, ttlMs: number): void {
  const { dynamic, purgeExpired } = store;
  const now = () => deps.clock.now();
  let nextDynamic = 10_000;
  const appOf = (req: FastifyRequest): OAuthApp => {
    const caller = callerOf(req, deps);
    if (!caller.app)
      throw new HttpError(403, {
        errorMessages: ['Only Connect and OAuth 2.0 apps can use dynamic webhooks.'],
        errors: {},
      });
    return caller.app;
  };
  const dynamicJson = (h: DynamicHook) => ({
    id: h.id,
    jqlFilter: h.jqlFilter,
    ...(h.fieldIdsFilter ? { fieldIdsFilter: h.fieldIdsFilter } : {}),
    events: h.events,
    expirationDate: h.expiresAt,
    url: h.url,
  });
  for (const base of ['/rest/api/2/webhook', '/rest/api/3/webhook']) {
    app.get<{ Querystring: Record<string, unknown> }>(base, async (req) => {
      const owner = appOf(req);
      purgeExpired();
      const mine = [...dynamic.values()].filter((h) => h.app === owner);
      const startAt = Math.max(0, queryInt(req.query.startAt, 0));
      const maxResults = Math.min(Math.max(1, queryInt(req.query.maxResults, 100)), 100);
      const values = mine.slice(startAt, startAt + maxResults).map(dynamicJson);
      return { maxResults, startAt, total: mine.length, isLast: startAt + maxResults >= mine.length, values };
    });
    app.post<{
      Body: {
        url?: string;
        webhooks?: { events?: string[]; jqlFilter?: string; fieldIdsFilter?: string[] }[];
      };
    }>(base, async (req) => {
      const owner = appOf(req);
      const url = req.body?.url;
      if (!url) throw new HttpError(400, { errorMessages: ['The url is required.'], errors: {} });
      const webhookRegistrationResult = (req.body?.webhooks ?? []).map((w) => {
        let query: Query;
        try {
          query = parseJql(w.jqlFilter ?? '');
        } catch (err) {
          return { errors: [err instanceof Error ? err.message : String(err)] };
        }
        const unsupported = unsupportedForWebhooks(query);
        if (unsupported) return { errors: [`The clause ${unsupported} is unsupported`] };
        const hook: DynamicHook = {
          id: nextDynamic++,
          app: owner,
          url,
          jqlFilter: w.jqlFilter ?? '',
          query,
          events: (w.events ?? []).map(String),
          fieldIdsFilter: w.fieldIdsFilter ?? null,
          expiresAt: now() + ttlMs,
        };
        dynamic.set(hook.id, hook);
        return { createdWebhookId: hook.id };
      });
      return { webhookRegistrationResult };
    });
    app.put<{ Body: { webhookIds?: number[] } }>(`${base}/refresh`, async (req) => {
      const owner = appOf(req);
      purgeExpired();
      const expirationDate = now() + ttlMs;
      for (const id of req.body?.webhookIds ?? []) {
        const hook = dynamic.get(Number(id));
        if (hook?.app === owner) hook.expiresAt = expirationDate;
      }
      return { expirationDate };
    });
    app.delete<{ Body: { webhookIds?: number[] } }>(base, async (req, reply) => {
      const owner = appOf(req);
      for (const id of req.body?.webhookIds ?? [])
        if (dynamic.get(Number(id))?.app === owner) dynamic.delete(Number(id));
      return reply.code(202).send();
    });
  }
}

export function registerJiraHooks(
  app: FastifyInstance,
  deps: JiraDeps,
  deliverer: Deliverer,
  ttlMs: number,
): JiraHooks {
  const admin = new Map<string, AdminHook>();
  const dynamic = new Map<number, DynamicHook>();
  // Jira stops sending to an expired dynamic webhook and forgets it.
  const purgeExpired = () => {
    for (const [id, h] of dynamic) if (h.expiresAt <= deps.clock.now()) dynamic.delete(id);
  };
  const store: HookStore = { admin, dynamic, purgeExpired };
  registerAdminRoutes(app, deps, store);
  registerDynamicRoutes(app, deps, store, ttlMs);
  dispatchJiraEvents(deps, deliverer, store);
  return {
    admin: () => [...admin.values()],
    dynamic: () => {
      purgeExpired();
      return [...dynamic.values()];
    },
  };
}
