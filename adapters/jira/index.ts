import type { TrackerModule } from '../../src/core/tracker.ts';
import { createJiraAdapter } from './jira.adapter.ts';
import { JiraCredentials, JiraSettings } from './jira.settings.ts';

/** Jira Cloud as the composition root sees it. */
export const jiraTracker: TrackerModule<JiraCredentials, JiraSettings> = {
  tracker: 'jira',
  credentials: JiraCredentials,
  settings: JiraSettings,
  create: (ctx) => createJiraAdapter(ctx),
};

export { createJiraAdapter, type JiraAdapter, type JiraAdapterDeps } from './jira.adapter.ts';
export { dueForRefresh, WEBHOOK_REFRESH_MARGIN_MS } from './jira.registration.ts';
export { JiraCredentials, JiraSettings } from './jira.settings.ts';
