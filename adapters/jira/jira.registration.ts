import type { CloudClient } from 'jira.js';
import type { Client } from 'jira.js/core';
import { z } from 'zod';
import type { WebhookRegistration } from '../../src/core/tracker.ts';
import { JiraMisconfigured, JiraRequestRejected, jiraCall } from './jira.errors.ts';
import { jiraTimeToIso } from './jira.mapper.ts';

/**
 * Registering the webhooks that feed Jalon. API-token connections use admin webhooks (signed with a
 * secret, never expiring); OAuth 2.0 connections use dynamic webhooks, which expire after 30 days
 * unless refreshed: https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-via-the-jira-rest-api-for-connect-and-oauth-2-0-apps
 */

export const WEBHOOK_EVENTS = [
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
];

/** Dynamic webhooks live 30 days; refresh them once less than this is left. */
export const WEBHOOK_REFRESH_MARGIN_MS = 7 * 24 * 60 * 60 * 1000;

/** True when a registration expires within the margin (admin webhooks never do). */
export const dueForRefresh = (reg: WebhookRegistration, now: Date): boolean =>
  reg.expiresAt !== null && Date.parse(reg.expiresAt) - now.getTime() < WEBHOOK_REFRESH_MARGIN_MS;

const ADMIN_PATH = '/rest/webhooks/1.0/webhook';
const AdminWebhook = z.object({
  self: z.string(),
  url: z.string().optional(),
  filters: z.object({ 'issue-related-events-section': z.string().optional() }).optional(),
});
/** Cloud answers a bare array; older deployments wrap it in `{ values }`. */
const AdminWebhookList = z.union([z.array(AdminWebhook), z.object({ values: z.array(AdminWebhook) })]);

/** Admin webhooks are known by the last segment of their `self` URL. */
const adminId = (self: string): string => self.replace(/\/+$/, '').split('/').pop() ?? self;

export interface AdminDeps {
  readonly client: Client;
  readonly connectionId: string;
  /** The secret Jira signs deliveries with (the connection's current webhook secret). */
  readonly secret: string | undefined;
}

/**
 * `/rest/webhooks/1.0/webhook` is not wrapped by jira.js, so it goes through the SDK's own transport
 * (`client.sendRequest`): https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api--for-admin-webhooks-
 * An existing webhook for the same URL and filter is updated (secret rotation) rather than duplicated.
 */
export async function registerAdminWebhook(
  deps: AdminDeps,
  jql: string,
  url: string,
): Promise<WebhookRegistration[]> {
  const { client, secret } = deps;
  if (!secret) throw new JiraMisconfigured('admin webhooks need a webhook secret to be verifiable');
  const listed = await jiraCall('webhooks', () =>
    client.sendRequest<unknown>({ url: ADMIN_PATH, method: 'GET' }),
  );
  const parsed = AdminWebhookList.safeParse(listed);
  const hooks = parsed.success ? (Array.isArray(parsed.data) ? parsed.data : parsed.data.values) : [];
  const existing = hooks.find((h) => h.url === url && h.filters?.['issue-related-events-section'] === jql);
  const body = {
    name: `Jalon (${deps.connectionId})`,
    url,
    events: WEBHOOK_EVENTS,
    filters: { 'issue-related-events-section': jql },
    excludeBody: false,
    secret,
  };
  const path = existing ? `${ADMIN_PATH}/${adminId(existing.self)}` : ADMIN_PATH;
  const method = existing ? 'PUT' : 'POST';
  const saved = await jiraCall('webhooks', () => client.sendRequest<unknown>({ url: path, method, body }));
  const self = AdminWebhook.safeParse(saved).data?.self ?? existing?.self;
  if (!self) throw new JiraRequestRejected(null, 'the webhook was saved but Jira returned no id');
  return [{ externalId: adminId(self), expiresAt: null }];
}

const DynamicWebhook = z.object({ id: z.number(), jqlFilter: z.string(), url: z.string().optional() });
const DynamicPage = z.object({ values: z.array(DynamicWebhook).default([]), isLast: z.boolean().optional() });

async function listDynamic(api: CloudClient): Promise<z.infer<typeof DynamicWebhook>[]> {
  const all: z.infer<typeof DynamicWebhook>[] = [];
  for (let startAt = 0; ; ) {
    const raw = await jiraCall('webhooks', () =>
      api.webhooks.getDynamicWebhooksForApp({ startAt, maxResults: 100 }),
    );
    const page = DynamicPage.parse(raw);
    all.push(...page.values);
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0) return all;
  }
}

/**
 * The refresh answer's `expirationDate` is epoch milliseconds per jira.js's schema and a Jira
 * timestamp string in Atlassian's example; both are read.
 */
function expiryOf(value: unknown): string | null {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  return jiraTimeToIso(value);
}

export async function refreshDynamicWebhooks(
  api: CloudClient,
  ids: readonly string[],
): Promise<WebhookRegistration[]> {
  if (ids.length === 0) return [];
  const webhookIds = ids.map(Number);
  const answer = await jiraCall('webhooks', () => api.webhooks.refreshWebhooks({ webhookIds }));
  const expiresAt = expiryOf((answer as { expirationDate?: unknown }).expirationDate);
  return ids.map((externalId) => ({ externalId, expiresAt }));
}

/**
 * An app may register a single callback URL per site, so an existing webhook with the same JQL is
 * refreshed instead of registered again. Dynamic-webhook JQL supports only a subset of JQL
 * (project, issuetype, status, assignee, reporter, issueKey; =, !=, IN, NOT IN); Jira's reasons for
 * refusing a filter come back as a JiraRequestRejected.
 */
export async function registerDynamicWebhook(api: CloudClient, jql: string, url: string) {
  const existing = (await listDynamic(api)).filter((w) => w.jqlFilter === jql && (w.url ?? url) === url);
  if (existing.length > 0)
    return refreshDynamicWebhooks(
      api,
      existing.map((w) => String(w.id)),
    );
  const result = await jiraCall('webhooks', () =>
    api.webhooks.registerDynamicWebhooks({ url, webhooks: [{ events: WEBHOOK_EVENTS, jqlFilter: jql }] }),
  );
  const outcomes = result.webhookRegistrationResult ?? [];
  const errors = outcomes.flatMap((o) => o.errors ?? []);
  // Jira's reasons are its own text (a hostile site could echo the request into them): not repeated.
  if (errors.length > 0) throw new JiraRequestRejected(null, 'Jira refused the webhook JQL filter');
  const ids = outcomes.flatMap((o) => (o.createdWebhookId === undefined ? [] : [String(o.createdWebhookId)]));
  return refreshDynamicWebhooks(api, ids);
}
