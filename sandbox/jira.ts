import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Clock, HttpError, type PushLog, queryInt, queryList, queryString } from './common.ts';
import { commentJson, FIELDS, issueJson, type JsonContext, textFromAdf, userJson } from './jira-json.ts';
import type { JiraWorld } from './jira-model.ts';
import { searchPage } from './jira-search.ts';
import {
  FLAGGED_FIELD,
  type IssueEdit,
  type JiraActor,
  type JiraIssue,
  STATUSES,
  STORY_POINTS_FIELD,
  statusById,
} from './jira-types.ts';

/**
 * Jira Cloud's REST API as the Jira adapter (jira.js v6) calls it, served at the site root:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/
 */

/** An OAuth 2.0 (3LO) app: its access token authenticates; its client secret signs its webhooks. */
export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessToken: string;
  readonly cloudId: string;
}

export interface JiraDeps {
  readonly world: JiraWorld;
  readonly clock: Clock;
  readonly pushed: PushLog;
  readonly site: () => string;
  readonly oauthApps: OAuthApp[];
}

export interface Caller {
  readonly actor: JiraActor;
  readonly app: OAuthApp | null;
}

const unauthorized = () =>
  new HttpError(401, {
    errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
    errors: {},
  });

/** API tokens (Basic) are accepted as the integration user; Bearer tokens must belong to an OAuth app. */
export function callerOf(req: FastifyRequest, deps: JiraDeps): Caller {
  const header = req.headers.authorization ?? '';
  const actor: JiraActor = { user: deps.world.integration, via: 'api' };
  if (/^Basic\s+\S+/i.test(header)) return { actor, app: null };
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const app = token ? deps.oauthApps.find((a) => a.accessToken === token) : undefined;
  if (!app) throw unauthorized();
  return { actor, app };
}

type Op = { add?: string; remove?: string; set?: unknown };

/** PUT issue: `fields` set values; `update.labels` adds and removes without rewriting the rest. */
function editOf(body: { fields?: Record<string, unknown>; update?: Record<string, Op[]> }): IssueEdit {
  const f = body.fields ?? {};
  const labelOps = body.update?.labels ?? [];
  const custom = Object.fromEntries(
    Object.entries(f).filter(
      ([k]) => k.startsWith('customfield_') && k !== STORY_POINTS_FIELD && k !== FLAGGED_FIELD,
    ),
  );
  const assignee = f.assignee as { accountId?: string | null } | null | undefined;
  const setOp = labelOps.find((o) => Array.isArray(o.set))?.set;
  const labels = Array.isArray(setOp) ? setOp : Array.isArray(f.labels) ? f.labels : undefined;
  const flag = f[FLAGGED_FIELD];
  return {
    ...(typeof f.summary === 'string' ? { summary: f.summary } : {}),
    ...('duedate' in f ? { duedate: (f.duedate as string | null) ?? null } : {}),
    ...(labels ? { labels: labels.map(String) } : {}),
    ...(STORY_POINTS_FIELD in f ? { storyPoints: (f[STORY_POINTS_FIELD] as number | null) ?? null } : {}),
    ...(FLAGGED_FIELD in f ? { flagged: Array.isArray(flag) && flag.length > 0 } : {}),
    ...(assignee !== undefined ? { assignee: assignee?.accountId ?? null } : {}),
    addLabels: labelOps.flatMap((o) => (typeof o.add === 'string' ? [o.add] : [])),
    removeLabels: labelOps.flatMap((o) => (typeof o.remove === 'string' ? [o.remove] : [])),
    custom,
  };
}

function transitionsJson(ctx: JsonContext, issue: JiraIssue) {
  return STATUSES.filter((s) => s.id !== issue.statusId).map((s) => ({
    id: s.transitionId,
    name: s.name,
    to: {
      self: `${ctx.site}/rest/api/3/status/${s.id}`,
      description: '',
      iconUrl: `${ctx.site}/`,
      name: s.name,
      id: s.id,
      statusCategory: { key: s.category, name: s.name },
    },
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}

/** The integration user, the site and its fields. */
function registerSiteRoutes(app: FastifyInstance, deps: JiraDeps, v: 2 | 3): void {
  const { world } = deps;
  const ctx = (): JsonContext => ({ site: deps.site(), world });

  const base = `/rest/api/${v}`;
  app.get(`${base}/myself`, async (req) => userJson(ctx(), callerOf(req, deps).actor.user, v));
  // Jira answers serverInfo anonymously.
  app.get(`${base}/serverInfo`, async () => ({
    baseUrl: deps.site(),
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100_300,
    buildDate: '2026-01-01T00:00:00.000+0000',
    serverTime: new Date(deps.clock.now()).toISOString().replace('Z', '+0000'),
    scmInfo: 'sandbox',
    serverTitle: 'Jalon sandbox',
  }));
  app.get(`${base}/field`, async (req) => {
    callerOf(req, deps);
    return FIELDS;
  });
}

/** Issues: read, edit (labels, fields), delete, and the JQL search. */
function registerIssueRoutes(app: FastifyInstance, deps: JiraDeps, v: 2 | 3): void {
  const { world, pushed } = deps;
  const ctx = (): JsonContext => ({ site: deps.site(), world });
  const fieldsParam = (value: unknown): string[] | null => (value === undefined ? null : queryList(value));
  const push = (
    issue: JiraIssue,
    kind: Parameters<PushLog['add']>[0]['kind'],
    detail: Record<string, unknown>,
  ) => pushed.add({ tracker: 'jira', itemId: issue.id, kind, detail: { key: issue.key, ...detail } });

  const base = `/rest/api/${v}`;
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    `${base}/issue/:id`,
    async (req) => {
      callerOf(req, deps);
      return issueJson(ctx(), world.get(req.params.id), v, fieldsParam(req.query.fields));
    },
  );
  app.put<{ Params: { id: string }; Body: Parameters<typeof editOf>[0] }>(
    `${base}/issue/:id`,
    async (req, reply) => {
      const { actor } = callerOf(req, deps);
      const issue = world.get(req.params.id);
      const before = new Set(issue.labels);
      const items = world.editIssue(issue, editOf(req.body ?? {}), actor);
      for (const l of issue.labels.filter((x) => !before.has(x))) push(issue, 'label_added', { label: l });
      for (const l of [...before].filter((x) => !issue.labels.includes(x)))
        push(issue, 'label_removed', { label: l });
      for (const item of items.filter((i) => i.field !== 'labels'))
        push(issue, 'field', { field: item.field, value: item.toString });
      return reply.code(204).send();
    },
  );
  app.delete<{ Params: { id: string } }>(`${base}/issue/:id`, async (req, reply) => {
    const { actor } = callerOf(req, deps);
    world.deleteIssue(world.get(req.params.id), actor);
    return reply.code(204).send();
  });
  const search = async (req: FastifyRequest, params: Record<string, unknown>) => {
    callerOf(req, deps);
    const found = searchPage(deps, params);
    const fields = params.fields === undefined ? [] : queryList(params.fields);
    return {
      issues: found.issues.map((i) => issueJson(ctx(), i, v, fields)),
      ...(found.nextPageToken ? { nextPageToken: found.nextPageToken } : {}),
      isLast: found.nextPageToken === null,
    };
  };
  app.get<{ Querystring: Record<string, unknown> }>(`${base}/search/jql`, (req) => search(req, req.query));
  app.post<{ Body: Record<string, unknown> }>(`${base}/search/jql`, (req) => search(req, req.body ?? {}));
}

/** Comments and workflow transitions of an issue. */
function registerCommentAndTransitionRoutes(app: FastifyInstance, deps: JiraDeps, v: 2 | 3): void {
  const { world, pushed } = deps;
  const ctx = (): JsonContext => ({ site: deps.site(), world });
  const push = (
    issue: JiraIssue,
    kind: Parameters<PushLog['add']>[0]['kind'],
    detail: Record<string, unknown>,
  ) => pushed.add({ tracker: 'jira', itemId: issue.id, kind, detail: { key: issue.key, ...detail } });

  const base = `/rest/api/${v}`;
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    `${base}/issue/:id/comment`,
    async (req) => {
      callerOf(req, deps);
      const issue = world.get(req.params.id);
      const startAt = Math.max(0, queryInt(req.query.startAt, 0));
      const maxResults = Math.min(Math.max(1, queryInt(req.query.maxResults, 5000)), 5000);
      const ordered = queryString(req.query.orderBy)?.startsWith('-')
        ? [...issue.comments].reverse()
        : issue.comments;
      return {
        startAt,
        maxResults,
        total: issue.comments.length,
        comments: ordered.slice(startAt, startAt + maxResults).map((c) => commentJson(ctx(), issue, c, v)),
      };
    },
  );
  app.get<{ Params: { id: string; cid: string } }>(`${base}/issue/:id/comment/:cid`, async (req) => {
    callerOf(req, deps);
    const issue = world.get(req.params.id);
    const comment = issue.comments.find((c) => c.id === req.params.cid);
    if (!comment)
      throw new HttpError(404, { errorMessages: ['Can not find a comment for the id.'], errors: {} });
    return commentJson(ctx(), issue, comment, v);
  });
  app.post<{ Params: { id: string }; Body: { body?: unknown } }>(
    `${base}/issue/:id/comment`,
    async (req, reply) => {
      const { actor } = callerOf(req, deps);
      const issue = world.get(req.params.id);
      const body = req.body?.body;
      if (body === undefined || body === null || body === '')
        throw new HttpError(400, {
          errorMessages: [],
          errors: { comment: 'Comment body can not be empty!' },
        });
      const comment = world.addComment(issue, body, actor);
      push(issue, 'comment', { commentId: comment.id, text: textFromAdf(body) });
      return reply.code(201).send(commentJson(ctx(), issue, comment, v));
    },
  );
  app.get<{ Params: { id: string } }>(`${base}/issue/:id/transitions`, async (req) => {
    callerOf(req, deps);
    return { expand: 'transitions', transitions: transitionsJson(ctx(), world.get(req.params.id)) };
  });
  app.post<{
    Params: { id: string };
    Body: { transition?: { id?: string }; fields?: { resolution?: { name?: string } } };
  }>(`${base}/issue/:id/transitions`, async (req, reply) => {
    const { actor } = callerOf(req, deps);
    const issue = world.get(req.params.id);
    const target = STATUSES.find((s) => s.transitionId === String(req.body?.transition?.id ?? ''));
    if (!target || target.id === issue.statusId)
      throw new HttpError(400, {
        errorMessages: [`Transition id '${req.body?.transition?.id}' is not valid for this issue.`],
        errors: {},
      });
    const from = statusById(issue.statusId).name;
    world.transition(issue, target, actor, req.body?.fields?.resolution?.name);
    push(issue, 'transition', { from, to: target.name, transitionId: target.transitionId });
    return reply.code(204).send();
  });
}

function registerJiraVersion(app: FastifyInstance, deps: JiraDeps, v: 2 | 3): void {
  registerSiteRoutes(app, deps, v);
  registerIssueRoutes(app, deps, v);
  registerCommentAndTransitionRoutes(app, deps, v);
}

/** Jira serves REST v2 and v3 side by side; Jalon speaks v3, jira.js falls back to v2 for text comments. */
export function registerJiraRoutes(app: FastifyInstance, deps: JiraDeps): void {
  for (const v of [2, 3] as const) registerJiraVersion(app, deps, v);
}
