import type { Schemas } from '../../clients/typescript/src/index.ts';
import type { SandboxUrls } from '../../sandbox/control.ts';
import type { SandboxCredentials } from '../../sandbox/sandbox.ts';
import { type JalonClient, type Json, must } from './jalon-client.ts';

/**
 * Jalon connections to the tracker sandbox, made through Jalon's API as an admin would: the
 * sandbox accepts any credentials, its Trello webhooks are signed with its app secret, and a Jira
 * API-token connection needs a webhook secret for its admin webhooks.
 */

export interface SandboxInfo {
  readonly urls: SandboxUrls;
  readonly credentials: SandboxCredentials;
}

export type TrackerName = 'jira' | 'trello' | 'asana';

export const JIRA_WEBHOOK_SECRET = 'sandbox-jira-admin-webhook-secret';

function connectionBody(
  sb: SandboxInfo,
  tracker: TrackerName,
  oauth: boolean,
): Omit<Schemas['NewConnection'], 'tracker' | 'name'> {
  const c = sb.credentials;
  switch (tracker) {
    case 'jira':
      return oauth
        ? { baseUrl: sb.urls.jira, credentials: { oauth: { ...c.jira.oauth } } }
        : {
            baseUrl: sb.urls.jira,
            credentials: { email: c.jira.email, apiToken: c.jira.apiToken },
            webhookSecret: JIRA_WEBHOOK_SECRET,
          };
    case 'trello':
      return {
        baseUrl: sb.urls.trello,
        credentials: { apiKey: c.trello.apiKey, apiToken: c.trello.apiToken, appSecret: c.trello.appSecret },
      };
    case 'asana':
      return { baseUrl: sb.urls.asana, credentials: { accessToken: c.asana.accessToken } };
  }
}

/** Creates the connection; resolves to its id. */
export async function connectSandbox(
  api: JalonClient,
  sb: SandboxInfo,
  tracker: TrackerName,
  opts: { name?: string; oauth?: boolean; settings?: Json } = {},
): Promise<string> {
  const created = await must(
    api.api.POST('/v1/connections', {
      body: {
        tracker,
        name: opts.name ?? `Sandbox ${tracker}`,
        ...connectionBody(sb, tracker, opts.oauth ?? false),
        ...(opts.settings ? { settings: opts.settings } : {}),
      },
    }),
  );
  return created.id;
}

/** Links a tracker scope to an engagement (its first full sync starts at once); resolves to the link id. */
export async function linkScope(
  api: JalonClient,
  engagementId: string,
  connectionId: string,
  scope: Schemas['NewLink']['scope'],
): Promise<string> {
  const link = await must(
    api.api.POST('/v1/engagements/{id}/links', {
      params: { path: { id: engagementId } },
      body: { connectionId, scope },
    }),
  );
  return link.id;
}

export interface Registered {
  readonly links: readonly {
    linkId: string;
    webhooks: readonly { externalId: string; expiresAt: string | null }[];
  }[];
}

/** POST /v1/connections/{id}/webhooks: Jalon registers its callback at the tracker. */
export const registerWebhooks = (api: JalonClient, connectionId: string): Promise<Registered> =>
  must(api.api.POST('/v1/connections/{id}/webhooks', { params: { path: { id: connectionId } } }));
