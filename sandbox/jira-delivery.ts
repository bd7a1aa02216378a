import { createHmac, randomUUID } from 'node:crypto';
import type { JiraDeps, OAuthApp } from './jira.ts';
import { matches, type Query } from './jira-jql.ts';
import { allFields, commentJson, issueJson, type JsonContext, userJson } from './jira-json.ts';
import { jqlSubject } from './jira-subject.ts';
import type { JiraEvent } from './jira-types.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * Jira's webhook deliveries: the event envelope, `X-Atlassian-Webhook-Identifier` (the same on
 * every retry of a delivery, with `X-Atlassian-Webhook-Retry` counting them), and the signature —
 * `X-Hub-Signature: sha256=<hex HMAC of the body>` for admin webhooks with a secret
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks), an HS256
 * JWT keyed by the client secret for an OAuth app's dynamic webhooks
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#webhooks-authentication-for-oauth-2-0-apps).
 */

export interface AdminHook {
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

export interface DynamicHook {
  readonly id: number;
  readonly app: OAuthApp;
  readonly url: string;
  readonly jqlFilter: string;
  readonly query: Query;
  readonly events: string[];
  readonly fieldIdsFilter: string[] | null;
  expiresAt: number;
}

export interface HookStore {
  readonly admin: Map<string, AdminHook>;
  readonly dynamic: Map<number, DynamicHook>;
  purgeExpired(): void;
}

const _b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const JWT_LIFETIME_S = 180;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(app: OAuthApp, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const claims = b64({ iss: `jira:${app.cloudId}`, aud: app.clientId, iat, exp: iat + JWT_LIFETIME_S });
  const signature = createHmac('sha256', app.clientSecret).update(`${head}.${claims}`).digest('base64url');
  return `${head}.${claims}.${signature}`;
}

/** The body Jira posts: the event envelope of the captures in test/fixtures/jira (v2 JSON). */
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

/** Turns every change of the world into deliveries to the webhooks whose events and JQL match. */
export function dispatchJiraEvents(deps: JiraDeps, deliverer: Deliverer, store: HookStore): void {
  const { admin, dynamic, purgeExpired } = store;
  const now = () => deps.clock.now();
  const matchesIssue = (query: Query | null, e: JiraEvent) => {
    const me = deps.world.integration;
    return matches(query?.where ?? null, jqlSubject(deps.world, e.issue), {
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
        // The JWT guards the transport, checked against the receiver's wall clock: it is dated by
        // the wall clock too, not by the simulated one (which the control API may move).
        headers.authorization = `Bearer ${jwt(h.app, Date.now())}`;
      });
    }
  });
}
