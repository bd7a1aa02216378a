import type { CloudClient } from 'jira.js';
import type { LinkScope, Task } from '../../src/core/task.ts';
import type { Cursor, TaskPage } from '../../src/core/tracker.ts';
import { JiraMisconfigured, jiraCall } from './jira.errors.ts';
import { issueFields, JiraIssue, type MapperConfig, mapIssue } from './jira.mapper.ts';

/**
 * Incremental listing through the enhanced search, `GET /rest/api/3/search/jql`
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get),
 * which pages with `nextPageToken` and returns only the `fields` asked for.
 */

export interface ListingDeps {
  readonly api: CloudClient;
  readonly pageSize: number;
  readonly mapper: () => Promise<MapperConfig>;
  /** The zone JQL date literals are read in. */
  readonly timeZone: () => Promise<string>;
  readonly now: () => Date;
}

/** JQL `updated` has minute precision, so a listing starts one whole minute before its cursor. */
export const CURSOR_OVERLAP_MS = 60_000;

/** JQL string literal: https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/ */
const jqlString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A link's own JQL keeps its filter; its ORDER BY would fight ours. */
const withoutOrderBy = (jql: string): string => jql.replace(/\s+order\s+by\s+[\s\S]*$/i, '').trim();

/**
 * The filter of a link scope (no ordering), also used as the webhook JQL filter. A link's own JQL is
 * passed as written: dynamic webhooks accept only a JQL subset and compare filters verbatim.
 */
export function scopeJql(scope: LinkScope): string {
  if (scope.tracker !== 'jira')
    throw new JiraMisconfigured(`a ${scope.tracker} link cannot use a Jira connection`);
  const project = scope.projectKey ? `project = ${jqlString(scope.projectKey)}` : '';
  const own = scope.jql ? withoutOrderBy(scope.jql) : '';
  if (project && own) return `${project} AND (${own})`;
  if (project || own) return project || own;
  throw new JiraMisconfigured('a Jira link needs a projectKey or a jql');
}

/**
 * JQL date literals (`"yyyy-MM-dd HH:mm"`) are read in the searching user's profile time zone, not
 * UTC: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Updated
 */
export function jqlDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function listingJql(scope: LinkScope, since: Cursor | null, timeZone: string): string {
  // A link's JQL may hold an OR: it is bracketed before anything is ANDed to it.
  const filter = scope.tracker === 'jira' && scope.jql ? `(${scopeJql(scope)})` : scopeJql(scope);
  if (since === null) return `${filter} ORDER BY updated ASC`;
  const from = new Date(Date.parse(since) - CURSOR_OVERLAP_MS);
  return `${filter} AND updated >= ${jqlString(jqlDate(from, timeZone))} ORDER BY updated ASC`;
}

function parseCursor(since: Cursor | null): number | null {
  if (since === null) return null;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new JiraMisconfigured(`cursor ${since} is not an ISO timestamp`);
  return ms;
}

/**
 * Yields every task of the scope changed since the cursor. The overlap re-reads a minute already
 * listed: tasks last updated before the cursor were yielded by the previous listing and are dropped;
 * a task is yielded once per listing even when it moves between pages. The cursor is the latest
 * `updated` seen.
 */
export async function* listChangedIssues(
  deps: ListingDeps,
  scope: LinkScope,
  since: Cursor | null,
): AsyncGenerator<TaskPage> {
  const sinceMs = parseCursor(since);
  const startedMs = deps.now().getTime();
  const mapper = await deps.mapper();
  const jql = listingJql(scope, since, sinceMs === null ? 'UTC' : await deps.timeZone());
  const seen = new Set<string>();
  let cursorMs = sinceMs;
  let nextPageToken: string | undefined;
  do {
    const token = nextPageToken;
    const page = await jiraCall('search', () =>
      deps.api.issueSearch.searchAndReconsileIssuesUsingJql({
        jql,
        fields: issueFields(mapper),
        maxResults: deps.pageSize,
        ...(token ? { nextPageToken: token } : {}),
      }),
    );
    const tasks: Task[] = [];
    for (const issue of page.issues ?? []) {
      const task = mapIssue(JiraIssue.parse(issue), mapper);
      if (seen.has(task.externalId) || (sinceMs !== null && Date.parse(task.updatedAt) < sinceMs)) continue;
      seen.add(task.externalId);
      tasks.push(task);
      cursorMs = Math.max(cursorMs ?? 0, Date.parse(task.updatedAt));
    }
    yield { tasks, cursor: new Date(cursorMs ?? startedMs).toISOString() };
    nextPageToken = page.isLast === true ? undefined : (page.nextPageToken ?? undefined);
  } while (nextPageToken);
}
