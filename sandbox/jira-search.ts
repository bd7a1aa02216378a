import { HttpError, queryInt, queryString } from './common.ts';
import type { JiraDeps } from './jira.ts';
import { JqlError, matches, parseJql, type Query } from './jira-jql.ts';
import type { JiraWorld } from './jira-model.ts';
import { jqlSubject } from './jira-subject.ts';
import type { JiraIssue } from './jira-types.ts';

/**
 * The enhanced JQL search, `/rest/api/3/search/jql`
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get):
 * pages of `maxResults` issues chained by an opaque `nextPageToken`, `isLast` on the last one.
 */

const PAGE_MAX = 5000;

interface PageToken {
  readonly offset: number;
  readonly jql: string;
}
const encodeToken = (t: PageToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(token: string | undefined, jql: string): number {
  if (!token) return 0;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    if (t.jql === jql && Number.isInteger(t.offset)) return t.offset;
  } catch {
    // falls through to the refusal below
  }
  throw new HttpError(400, {
    errorMessages: ['The provided next page token is invalid or expired.'],
    errors: {},
  });
}

function sortIssues(world: JiraWorld, issues: JiraIssue[], query: Query): JiraIssue[] {
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', dir: 'desc' as const }];
  const keyNumber = (i: JiraIssue) => Number(i.key.split('-')[1]);
  const sortValue = (i: JiraIssue, field: string): number | string => {
    if (field === 'key' || field === 'issuekey' || field === 'id') return keyNumber(i);
    const v = jqlSubject(world, i).field(field);
    if (v === undefined) throw new JqlError(`Not able to sort using field '${field}'.`);
    return v.kind === 'date' ? (v.value ?? 0) : (v.values[0] ?? '').toLowerCase();
  };
  return [...issues].sort((a, b) => {
    for (const { field, dir } of order) {
      const [x, y] = [sortValue(a, field), sortValue(b, field)];
      if (x !== y) return (x < y ? -1 : 1) * (dir === 'desc' ? -1 : 1);
    }
    return 0;
  });
}

/** Runs a JQL query as the given user would (dates in their zone). */
export function runJql(deps: JiraDeps, jql: string): JiraIssue[] {
  try {
    const query = parseJql(jql);
    const me = deps.world.integration;
    const ctx = { timeZone: me.timeZone, now: deps.clock.now(), currentUser: me.accountId };
    const found = [...deps.world.issues.values()].filter(
      (i) => !i.deleted && matches(query.where, jqlSubject(deps.world, i), ctx),
    );
    return sortIssues(deps.world, found, query);
  } catch (err) {
    if (err instanceof JqlError)
      throw new HttpError(400, { errorMessages: [err.message], errors: {}, warningMessages: [] });
    throw err;
  }
}

/** One page of a search; `nextPageToken` is null on the last page. */
export function searchPage(
  deps: JiraDeps,
  params: Record<string, unknown>,
): { issues: JiraIssue[]; nextPageToken: string | null } {
  const jql = queryString(params.jql) ?? '';
  const max = Math.min(Math.max(1, queryInt(params.maxResults, 50)), PAGE_MAX);
  const offset = decodeToken(queryString(params.nextPageToken), jql);
  const all = runJql(deps, jql);
  const isLast = offset + max >= all.length;
  return {
    issues: all.slice(offset, offset + max),
    nextPageToken: isLast ? null : encodeToken({ offset: offset + max, jql }),
  };
}
