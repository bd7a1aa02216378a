import { type CloudClient, createCloudClient, type OnTokenRefresh } from 'jira.js';
import { type Auth, type Client, createClient, createOAuth2Manager } from 'jira.js/core';
import type { AdapterContext } from '../../src/core/tracker.ts';
import { JiraMisconfigured } from './jira.errors.ts';
import { isOAuth, type JiraCredentials, type JiraOAuth, type JiraSettings } from './jira.settings.ts';

/** 3LO tokens are accepted only through this gateway, never on the site's own domain. */
const OAUTH_GATEWAY = 'https://api.atlassian.com/ex/jira';

export interface JiraClients {
  /** jira.js's transport: also its raw request facility, for endpoints it does not wrap. */
  readonly client: Client;
  readonly api: CloudClient;
  /** The REST root requests go to (the site, the OAuth gateway, or a test/sandbox override). */
  readonly apiRoot: string;
  /** Where `/browse/KEY` links point, when known without asking Jira. */
  readonly browseRoot: string | null;
  readonly oauth: boolean;
}

export interface ClientOptions {
  /** Atlassian rotates the refresh token on every refresh: persist the new one here. */
  readonly onTokenRefresh?: OnTokenRefresh;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * jira.js's OAuth manager refreshes the token and collapses concurrent refreshes; it is driven here
 * through a bearer provider so the REST root stays ours to choose (`baseUrl` for tests and the
 * sandbox; the gateway otherwise). https://github.com/MrRefactoring/jira.js#oauth-20
 */
function oauthAuth(o: JiraOAuth, opts: ClientOptions) {
  const manager = createOAuth2Manager({
    accessToken: o.accessToken,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    cloudId: o.cloudId,
    ...(o.refreshToken ? { refreshToken: o.refreshToken } : {}),
    ...(opts.onTokenRefresh ? { onTokenRefresh: opts.onTokenRefresh } : {}),
  });
  const token = async (): Promise<string> =>
    (await manager.getAuthorizationHeader()).replace(/^Bearer\s+/i, '');
  const auth: Auth = { type: 'bearer', getToken: token };
  const reauth = async (): Promise<Auth> => {
    await manager.forceRefresh();
    return { type: 'bearer', token: await token() };
  };
  return { auth, ...(manager.canRefresh() ? { getAuthOn401: reauth } : {}) };
}

/**
 * Responses are read through the mapper's own schemas, so jira.js's schema-drift warnings (printed
 * on stderr, outside the logger) are silenced. Retries are left to the job queue.
 */
export function createJiraClients(
  ctx: AdapterContext<JiraCredentials, JiraSettings>,
  opts: ClientOptions = {},
): JiraClients {
  const creds = ctx.credentials;
  if (isOAuth(creds)) {
    const apiRoot = trimSlash(ctx.baseUrl ?? `${OAUTH_GATEWAY}/${creds.oauth.cloudId}`);
    const client = createClient({
      host: apiRoot,
      onSchemaMismatch: 'silent',
      ...oauthAuth(creds.oauth, opts),
    });
    const browseRoot = ctx.settings.siteUrl ?? (ctx.baseUrl ? apiRoot : null);
    return { client, api: createCloudClient(client), apiRoot, browseRoot, oauth: true };
  }
  const site = ctx.baseUrl ?? ctx.settings.siteUrl;
  if (!site)
    throw new JiraMisconfigured('an API-token connection needs its site URL (https://<site>.atlassian.net)');
  const apiRoot = trimSlash(site);
  const client = createClient({
    host: apiRoot,
    auth: { type: 'basic', email: creds.email, apiToken: creds.apiToken },
    onSchemaMismatch: 'silent',
  });
  const browseRoot = trimSlash(ctx.settings.siteUrl ?? apiRoot);
  return { client, api: createCloudClient(client), apiRoot, browseRoot, oauth: false };
}
