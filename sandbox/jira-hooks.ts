import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, queryInt } from './common.ts';
import { type Caller, callerOf, type JiraDeps, type OAuthApp } from './jira.ts';
import { JqlError, matches, parseJql, type Query, unsupportedForWebhooks } from './jira-jql.ts';
import { allFields, commentJson, issueJson, type JsonContext, userJson } from './jira-json.ts';
import type { JiraEvent } from './jira-model.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * Jira's two kinds of webhook and their deliveries:
 * - admin webhooks over REST (`/rest/webhooks/1.0/webhook`), signed with the registration's
 *   secret in `X-Hub-Signature: sha256=<hex>`, never expiring
 *   (https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api--for-admin-webhooks-);
 * - dynamic webhooks of OAuth 2.0 apps (`/rest/api/3/webhook`), which expire 30 days after their
 *   registration or last refresh and carry `Authorization: Bearer <JWT>` signed with the app's
 *   client secret (https://developer.atlassian.com/cloud/jira/platform/webhooks/#webhooks-authentication-for-oauth-2-0-apps).
 * Every delivery carries `X-Atlassian-Webhook-Identifier`, unchanged across retries.
 */

interface AdminHook {
  readonly id: string;
  name: string;
  url: string;
  events: string[];
  jql: string | null;
  query: Query | null;
  excludeBody: boolean;
  secret: string | null;
  enabled: boolean;
  lastUpdated: number;
}

interface DynamicHook {
  readonly id: number;
  readonly app: OAuthApp;
  readonly url: string;
  readonly jqlFilter: string;
  readonly query: Query;
  readonly events: string[];
  readonly fieldIdsFilter: string[] | null;
  expiresAt: number;
}

export interface JiraHooks {
  admin(): readonly AdminHook[];
  dynamic(): readonly DynamicHook[];
}

const ADMIN = '/rest/webhooks/1.0/webhook';
const JWT_LIFETIME_S = 180;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(app: OAuthApp, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const claims = b64({ iss: `jira:${app.cloudId}`, aud: app.clientId, iat, exp: iat + JWT_LIFETIME_S });
  const signature = createHmac('sha256', app.clientSecret).update(`${head}.${claims}`).digest('base64url');
  return `${head}.${claims}.${signature}`;
}

function parseFilter(jql: string): Query {
  try {
    return parseJql(jql);
  } catch (err) {
    const message = err instanceof JqlError ? err.message : String(err);
    throw new HttpError(400, { errorMessages: [message], errors: {} });
  }
}

/** The body Jira posts: the event envelope of the captures in ../shared/fixtures/jira (v2 JSON). */
export function jiraEnvelope(ctx: JsonContext, e: JiraEvent): Record<string, unknown> {
  const base = { timestamp: e.at, webhookEvent: e.webhookEvent };
  if (e.webhookEvent.startsWith('comment_') && e.comment) {
    const all = allFields(ctx, e.issue, 2);
    const slim = ['summary', 'issuetype', 'project', 'assignee', 'priority', 'status'];
    const issue = { id: e.issue.id, self: `${ctx.site}/rest/api/2/issue/${e.issue.id}`, key: e.issue.key };
    return {
      ...base,
      comment: commentJson(ctx, e.issue, e.comment, 2),
      issue: { ...issue, fields: Object.fromEntries(slim.map((f) => [f, all[f] ?? null])) },
    };
  }
  const { expand: _expand, ...issue } = issueJson(ctx, e.issue, 2, null);
  return {
    ...base,
    issue_event_type_name: e.typeName,
    user: userJson(ctx, e.actor, 2),
    issue,
    ...(e.changelog ? { changelog: { id: e.changelog.id, items: e.changelog.items } } : {}),
    ...(e.comment ? { comment: commentJson(ctx, e.issue, e.comment, 2) } : {}),
  };
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

export function registerJiraHooks(
  app: FastifyInstance,
  deps: JiraDeps,
  deliverer: Deliverer,
  ttlMs: number,
): JiraHooks {
  const admin = new Map<string, AdminHook>();
  const dynamic = new Map<number, DynamicHook>();
  let nextAdmin = 1;
  let nextDynamic = 10_000;
  const now = () => deps.clock.now();
  const purgeExpired = () => {
    for (const [id, h] of dynamic) if (h.expiresAt <= now()) dynamic.delete(id);
  };

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

  const matchesIssue = (query: Query | null, e: JiraEvent) => {
    const me = deps.world.integration;
    return matches(query?.where ?? null, deps.world.subject(e.issue), {
      timeZone: me.timeZone,
      now: now(),
      currentUser: me.accountId,
    });
  };
  const send = (
    hookId: string,
    url: string,
    e: JiraEvent,
    body: Buffer,
    sign: (headers: Record<string, string>) => void,
  ) => {
    const identifier = randomUUID();
    deliverer.enqueue({
      tracker: 'jira',
      hookId,
      url,
      event: e.webhookEvent,
      body,
      headers: (attempt) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Atlassian Webhook HTTP Client',
          'x-atlassian-webhook-identifier': identifier,
          'x-atlassian-webhook-flow': 'Primary',
          ...(attempt > 0 ? { 'x-atlassian-webhook-retry': String(attempt) } : {}),
        };
        sign(headers);
        return headers;
      },
      stillWanted: () =>
        hookId.startsWith('dynamic:')
          ? dynamic.has(Number(hookId.slice(8)))
          : admin.get(hookId.slice(6))?.enabled === true,
    });
  };

  deps.world.onEvent((e) => {
    const ctx: JsonContext = { site: deps.site(), world: deps.world };
    const envelope = jiraEnvelope(ctx, e);
    for (const h of admin.values()) {
      if (!h.enabled || !h.events.includes(e.webhookEvent) || !matchesIssue(h.query, e)) continue;
      const body = h.excludeBody ? Buffer.alloc(0) : Buffer.from(JSON.stringify(envelope));
      const secret = h.secret;
      send(`admin:${h.id}`, h.url, e, body, (headers) => {
        if (secret)
          headers['x-hub-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      });
    }
    purgeExpired();
    for (const h of dynamic.values()) {
      if (!h.events.includes(e.webhookEvent) || !matchesIssue(h.query, e)) continue;
      const fields = h.fieldIdsFilter;
      if (
        fields &&
        e.webhookEvent === 'jira:issue_updated' &&
        !e.changelog?.items.some((i) => fields.includes(i.fieldId))
      )
        continue;
      const body = Buffer.from(JSON.stringify({ ...envelope, matchedWebhookIds: [h.id] }));
      send(`dynamic:${h.id}`, h.url, e, body, (headers) => {
        headers.authorization = `Bearer ${jwt(h.app, now())}`;
      });
    }
  });

  return {
    admin: () => [...admin.values()],
    dynamic: () => {
      purgeExpired();
      return [...dynamic.values()];
    },
  };
}
