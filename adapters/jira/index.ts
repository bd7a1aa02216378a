import type { TrackerModule } from '../../src/core/tracker.ts';
import { createJiraAdapter } from './jira.adapter.ts';
import { isOAuth, JiraCredentials, JiraSettings } from './jira.settings.ts';

/** Jira Cloud as the composition root sees it. */
export const jiraTracker: TrackerModule<JiraCredentials, JiraSettings> = {
  tracker: 'jira',
  credentials: JiraCredentials,
  settings: JiraSettings,
  create: (ctx) => {
    const { credentials, onCredentialsRefreshed: persist } = ctx;
    if (!persist || !isOAuth(credentials)) return createJiraAdapter(ctx);
    // Atlassian rotates the refresh token on every refresh: keep the new pair, or the next
    // process start would present a dead refresh token.
    return createJiraAdapter(ctx, {
      onTokenRefresh: (e) =>
        persist({
          oauth: {
            ...credentials.oauth,
            accessToken: e.accessToken,
            ...(e.refreshToken ? { refreshToken: e.refreshToken } : {}),
          },
        }),
    });
  },
};

export { createJiraAdapter, type JiraAdapter, type JiraAdapterDeps } from './jira.adapter.ts';
export { dueForRefresh, WEBHOOK_REFRESH_MARGIN_MS } from './jira.registration.ts';
export { JiraCredentials, JiraSettings } from './jira.settings.ts';
