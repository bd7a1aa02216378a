import type { LinkScope, Task, TaskRef } from '../../src/core/task.ts';
import {
  type AdapterContext,
  TaskGone,
  type TrackerAdapter,
  type WebhookRegistration,
} from '../../src/core/tracker.ts';
import { type ClientOptions, createJiraClients, type JiraClients } from './jira.client.ts';
import { JiraPayloadInvalid, jiraCall } from './jira.errors.ts';
import { listChangedIssues, scopeJql } from './jira.listing.ts';
import { issueFields, JiraIssue, type MapperConfig, mapIssue, type SiteFacts } from './jira.mapper.ts';
import { pushJiraDecision } from './jira.push.ts';
import { refreshDynamicWebhooks, registerAdminWebhook, registerDynamicWebhook } from './jira.registration.ts';
import type { JiraCredentials, JiraSettings } from './jira.settings.ts';
import { createSiteResolver, processSiteCache, type SiteCache } from './jira.site.ts';
import { deliveryKeyOf, parseJiraWebhook, type VerifyKeys, verifyJiraWebhook } from './jira.webhook.ts';

/** The port, plus what only Jira needs: dynamic webhooks expire after 30 days. */
export interface JiraAdapter extends TrackerAdapter {
  /**
   * Extends the life of dynamic webhooks (OAuth connections) by 30 days; call it when
   * `dueForRefresh` says so. Admin webhooks (API-token connections) never expire and come back as is.
   */
  refreshWebhooks(ids: readonly string[]): Promise<readonly WebhookRegistration[]>;
}

export interface JiraAdapterDeps extends ClientOptions {
  /** Per-site discovered field ids; the process-wide cache unless a test brings its own. */
  readonly siteCache?: SiteCache;
  readonly now?: () => Date;
}

export type JiraContext = AdapterContext<JiraCredentials, JiraSettings>;

function verifyKeys(ctx: JiraContext): VerifyKeys {
  const creds = ctx.credentials;
  // An OAuth app's client secret signs its dynamic webhooks; the connection's webhook secrets stay
  // accepted as JWT keys too, so a client-secret rotation can keep the previous one for a while.
  const jwtSecrets = 'oauth' in creds ? [creds.oauth.clientSecret, ...ctx.webhookSecrets] : [];
  return { hmacSecrets: ctx.webhookSecrets, jwtSecrets };
}

const mapperConfig = (facts: SiteFacts, s: JiraSettings): MapperConfig => ({
  ...facts,
  blockedStatuses: s.blockedStatuses,
  blockedLabels: s.blockedLabels,
  cancelledResolutions: s.cancelledResolutions,
  statusCategories: s.statusCategories,
});

/** The integration user's zone (JQL dates are read in it), asked once; settings may pin it. */
function timeZoneOf(clients: JiraClients, settings: JiraSettings): () => Promise<string> {
  let zone: Promise<string> | null = settings.jqlTimeZone ? Promise.resolve(settings.jqlTimeZone) : null;
  return () => {
    zone ??= jiraCall('myself', () => clients.api.myself.getCurrentUser()).then(
      (me) => me.timeZone ?? 'UTC',
      (err: unknown) => {
        zone = null;
        throw err;
      },
    );
    return zone;
  };
}

async function fetchIssue(clients: JiraClients, mapper: MapperConfig, ref: TaskRef): Promise<Task | null> {
  try {
    const issue = await jiraCall(ref.externalId, () =>
      clients.api.issues.getIssue({ issueIdOrKey: ref.externalId, fields: issueFields(mapper) }),
    );
    return mapIssue(JiraIssue.parse(issue), mapper);
  } catch (err) {
    if (err instanceof TaskGone) return null;
    throw err;
  }
}

export function createJiraAdapter(ctx: JiraContext, deps: JiraAdapterDeps = {}): JiraAdapter {
  const { settings } = ctx;
  const clients = createJiraClients(ctx, deps);
  const site = createSiteResolver({
    api: clients.api,
    siteKey: clients.apiRoot,
    staticBrowseRoot: clients.browseRoot,
    settings,
    cache: deps.siteCache ?? processSiteCache,
  });
  const mapper = async () => mapperConfig(await site.resolve(), settings);
  const timeZone = timeZoneOf(clients, settings);
  const keys = verifyKeys(ctx);
  const now = deps.now ?? (() => new Date());
  const api = clients.api;

  return {
    tracker: 'jira',
    verifyWebhook: (req) => verifyJiraWebhook(req, keys),
    parseWebhook(req) {
      const facts = site.known();
      const config = facts ? mapperConfig(facts, settings) : null;
      return parseJiraWebhook(req, { integrationAccountId: ctx.integrationAccountId, mapper: config });
    },
    // The X-Atlassian-Webhook-Identifier header, else the body's SHA-256: no JSON parse.
    deliveryKey: deliveryKeyOf,
    fetchTask: async (ref) => fetchIssue(clients, await mapper(), ref),
    listChanged: (scope: LinkScope, since) =>
      listChangedIssues({ api, pageSize: settings.pageSize, mapper, timeZone, now }, scope, since),
    pushDecision: (ref, decision) => pushJiraDecision({ api, settings, mapper }, ref, decision),
    async registerWebhooks(scope, callbackUrl) {
      const jql = scopeJql(scope);
      if (clients.oauth) return registerDynamicWebhook(api, jql, callbackUrl);
      const admin = { client: clients.client, connectionId: ctx.connectionId, secret: ctx.webhookSecrets[0] };
      return registerAdminWebhook(admin, jql, callbackUrl);
    },
    async refreshWebhooks(ids) {
      if (clients.oauth) return refreshDynamicWebhooks(api, ids);
      return ids.map((externalId) => ({ externalId, expiresAt: null }));
    },
    async whoAmI() {
      const me = await jiraCall('myself', () => api.myself.getCurrentUser());
      if (!me.accountId) throw new JiraPayloadInvalid('myself has no accountId');
      return { accountId: me.accountId, name: me.displayName ?? me.emailAddress ?? me.accountId };
    },
  };
}
