import type { FastifyInstance, FastifyRequest } from 'fastify';
import { compact, storyJson, tagJson, taskJson, withOptFields } from './asana-json.ts';
import type { AsanaWorld } from './asana-model.ts';
import type { AsanaActor, AsanaTask } from './asana-types.ts';
import { type Clock, HttpError, type PushLog, queryInt, queryString } from './common.ts';

/**
 * Asana's REST API as the Asana adapter (the official `asana` SDK v3) calls it, under
 * `/api/1.0`: https://developers.asana.com/reference
 */

export const ASANA_ROOT = '/api/1.0';

export interface AsanaDeps {
  readonly world: AsanaWorld;
  readonly clock: Clock;
  readonly pushed: PushLog;
  readonly site: () => string;
}

export const asanaError = (status: number, message: string) =>
  new HttpError(status, {
    errors: [
      {
        message,
        help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors',
      },
    ],
  });

/** Personal access tokens and OAuth tokens alike: `Authorization: Bearer`, acting as the integration user. */
export function asanaActor(req: FastifyRequest, deps: AsanaDeps): AsanaActor {
  if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) throw asanaError(401, 'Not Authorized');
  return { user: deps.world.integration, via: 'api' };
}

type Query = Record<string, unknown>;
type Req = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Query;
  Body: { data?: Record<string, unknown> };
}>;

/**
 * Pages of `limit` (1–100) records; `offset` is an opaque token. Without `limit` Asana answers
 * everything at once (https://developers.asana.com/docs/pagination).
 */
export function page(items: readonly unknown[], query: Query, path: string, site: string) {
  const rawLimit = query.limit;
  if (rawLimit === undefined) return { data: items };
  const limit = queryInt(rawLimit, 0);
  if (limit < 1 || limit > 100)
    throw asanaError(400, `limit: Value ${String(rawLimit)} is not a valid limit; must be between 1 and 100`);
  const offsetToken = queryString(query.offset);
  let start = 0;
  if (offsetToken) {
    const decoded = Number(Buffer.from(offsetToken, 'base64url').toString('utf8').replace(/^o:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0)
      throw asanaError(400, 'offset: Your pagination token is invalid.');
    start = decoded;
  }
  const end = start + limit;
  const offset = Buffer.from(`o:${end}`).toString('base64url');
  const next_page =
    end < items.length
      ? {
          offset,
          path: `${path}?limit=${limit}&offset=${offset}`,
          uri: `${site}${ASANA_ROOT}${path}?limit=${limit}&offset=${offset}`,
        }
      : null;
  return { data: items.slice(start, end), next_page };
}

/** Users, the workspace, projects and their sections. */
function registerWorkspaceRoutes(app: FastifyInstance, deps: AsanaDeps): void {
  const { world } = deps;
  const site = () => deps.site();
  const opt = (req: Req) => queryString(req.query.opt_fields);
  const R = ASANA_ROOT;

  app.get(`${R}/users/:gid`, async (req: Req) => {
    asanaActor(req, deps);
    const u = world.user(req.params.gid as string);
    const full = {
      ...compact(u.gid, 'user', u.name),
      email: u.email,
      photo: null,
      workspaces: [compact(world.workspace.gid, 'workspace', world.workspace.name)],
    };
    return { data: withOptFields(full, opt(req), 'full') };
  });
  app.get(`${R}/workspaces`, async (req: Req) => {
    asanaActor(req, deps);
    return page(
      [compact(world.workspace.gid, 'workspace', world.workspace.name)],
      req.query,
      '/workspaces',
      site(),
    );
  });
  app.get(`${R}/projects/:gid`, async (req: Req) => {
    asanaActor(req, deps);
    const p = world.project(req.params.gid as string);
    const full = {
      ...compact(p.gid, 'project', p.name),
      archived: false,
      workspace: compact(p.workspaceGid, 'workspace', world.workspace.name),
      permalink_url: `${site()}/0/${p.gid}/list`,
    };
    return { data: withOptFields(full, opt(req), 'full') };
  });
  app.get(`${R}/projects/:gid/sections`, async (req: Req) => {
    asanaActor(req, deps);
    const p = world.project(req.params.gid as string);
    const all = p.sectionGids.map((g) => {
      const s = world.section(g);
      return { ...compact(s.gid, 'section', s.name), project: compact(p.gid, 'project', p.name) };
    });
    const listed = all.map((s) => withOptFields(s, opt(req), 'compact'));
    return page(listed, req.query, `/projects/${p.gid}/sections`, site());
  });
}

/** Task listings (by project or section) and single tasks. */
function registerTaskReads(app: FastifyInstance, deps: AsanaDeps): void {
  const { world } = deps;
  const site = () => deps.site();
  const opt = (req: Req) => queryString(req.query.opt_fields);
  const fullTask = (t: AsanaTask) => taskJson(world, t, site());
  const R = ASANA_ROOT;

  const listTasks = (req: Req, filter: { project?: string; section?: string }, path: string) => {
    asanaActor(req, deps);
    if (!filter.project && !filter.section)
      throw asanaError(
        400,
        'Must specify exactly one of project, tag, section, user task list, or assignee + workspace',
      );
    if (filter.project) world.project(filter.project);
    if (filter.section) world.section(filter.section);
    const tasks = [...world.tasks.values()].filter(
      (t) =>
        !t.deleted &&
        t.memberships.some((m) =>
          filter.project ? m.projectGid === filter.project : m.sectionGid === filter.section,
        ),
    );
    return page(
      tasks.map((t) => withOptFields(fullTask(t), opt(req), 'compact')),
      req.query,
      path,
      site(),
    );
  };
  app.get(`${R}/tasks`, async (req: Req) => {
    const project = queryString(req.query.project);
    const section = queryString(req.query.section);
    return listTasks(req, { ...(project ? { project } : {}), ...(section ? { section } : {}) }, '/tasks');
  });
  app.get(`${R}/projects/:gid/tasks`, async (req: Req) =>
    listTasks(req, { project: req.params.gid as string }, `/projects/${req.params.gid}/tasks`),
  );
  app.get(`${R}/sections/:gid/tasks`, async (req: Req) =>
    listTasks(req, { section: req.params.gid as string }, `/sections/${req.params.gid}/tasks`),
  );
  app.get(`${R}/tasks/:gid`, async (req: Req) => {
    asanaActor(req, deps);
    return { data: withOptFields(fullTask(world.task(req.params.gid as string)), opt(req), 'full') };
  });
}

/** Task edits, deletion, tags and section moves: the writes Jalon pushes back. */
function registerTaskWrites(app: FastifyInstance, deps: AsanaDeps): void {
  const { world, pushed } = deps;
  const site = () => deps.site();
  const opt = (req: Req) => queryString(req.query.opt_fields);
  const fullTask = (t: AsanaTask) => taskJson(world, t, site());
  const push = (t: AsanaTask, kind: Parameters<PushLog['add']>[0]['kind'], detail: Record<string, unknown>) =>
    pushed.add({ tracker: 'asana', itemId: t.gid, kind, detail: { name: t.name, ...detail } });
  const R = ASANA_ROOT;

  app.put(`${R}/tasks/:gid`, async (req: Req) => {
    const actor = asanaActor(req, deps);
    const t = world.task(req.params.gid as string);
    const d = req.body?.data ?? {};
    const assignee = d.assignee === undefined ? undefined : d.assignee === null ? null : String(d.assignee);
    const changes = {
      ...(typeof d.name === 'string' ? { name: d.name } : {}),
      ...(typeof d.notes === 'string' ? { notes: d.notes } : {}),
      ...(d.due_on !== undefined ? { due_on: d.due_on === null ? null : String(d.due_on) } : {}),
      ...(typeof d.completed === 'boolean' ? { completed: d.completed } : {}),
      ...(typeof d.approval_status === 'string' ? { approval_status: d.approval_status } : {}),
      ...(assignee !== undefined ? { assignee } : {}),
      ...(typeof d.custom_fields === 'object' && d.custom_fields !== null
        ? { customFields: d.custom_fields as Record<string, string | number | null> }
        : {}),
    };
    for (const field of world.updateTask(t, changes, actor)) {
      const value = field === 'custom_fields' ? changes.customFields : (d as Record<string, unknown>)[field];
      push(t, 'field', { field, value });
    }
    return { data: withOptFields(fullTask(t), opt(req), 'full') };
  });
  app.delete(`${R}/tasks/:gid`, async (req: Req) => {
    world.deleteTask(world.task(req.params.gid as string), asanaActor(req, deps));
    return { data: {} };
  });
  const tagRoute = (on: boolean) => async (req: Req) => {
    const actor = asanaActor(req, deps);
    const t = world.task(req.params.gid as string);
    const tag = world.tag(String(req.body?.data?.tag ?? ''));
    if (world.setTag(t, tag, on, actor)) push(t, on ? 'tag_added' : 'tag_removed', { tag: tag.name });
    return { data: {} };
  };
  app.post(`${R}/tasks/:gid/addTag`, tagRoute(true));
  app.post(`${R}/tasks/:gid/removeTag`, tagRoute(false));
  app.post(`${R}/sections/:gid/addTask`, async (req: Req) => {
    const actor = asanaActor(req, deps);
    const t = world.task(String(req.body?.data?.task ?? ''));
    const s = world.section(req.params.gid as string);
    world.moveToSection(t, s.gid, actor);
    push(t, 'move', { section: s.name });
    return { data: {} };
  });
}

/** Stories (comments) of a task and the workspace tags. */
function registerStoryAndTagRoutes(app: FastifyInstance, deps: AsanaDeps): void {
  const { world, pushed } = deps;
  const site = () => deps.site();
  const opt = (req: Req) => queryString(req.query.opt_fields);
  const push = (t: AsanaTask, kind: Parameters<PushLog['add']>[0]['kind'], detail: Record<string, unknown>) =>
    pushed.add({ tracker: 'asana', itemId: t.gid, kind, detail: { name: t.name, ...detail } });
  const R = ASANA_ROOT;

  app.get(`${R}/tasks/:gid/stories`, async (req: Req) => {
    asanaActor(req, deps);
    const t = world.task(req.params.gid as string);
    const stories = [...world.stories.values()].filter((s) => s.taskGid === t.gid);
    return page(
      stories.map((s) => withOptFields(storyJson(world, s), opt(req), 'compact')),
      req.query,
      `/tasks/${t.gid}/stories`,
      site(),
    );
  });
  app.post(`${R}/tasks/:gid/stories`, async (req: Req, reply) => {
    const actor = asanaActor(req, deps);
    const t = world.task(req.params.gid as string);
    const text = req.body?.data?.text;
    if (typeof text !== 'string' || text === '') throw asanaError(400, 'text: Missing input');
    const s = world.addComment(t, text, actor);
    push(t, 'comment', { storyGid: s.gid, text });
    return reply.code(201).send({ data: withOptFields(storyJson(world, s), opt(req), 'full') });
  });
  app.get(`${R}/workspaces/:gid/tags`, async (req: Req) => {
    asanaActor(req, deps);
    const gid = req.params.gid as string;
    if (gid !== world.workspace.gid) throw asanaError(404, `${gid}: Not a recognized ID.`);
    const tags = [...world.tags.values()].filter((t) => t.workspaceGid === gid);
    return page(
      tags.map((t) => withOptFields(tagJson(world, t), opt(req), 'compact')),
      req.query,
      `/workspaces/${gid}/tags`,
      site(),
    );
  });
  const createTag = async (req: Req, reply: { code(n: number): { send(b: unknown): unknown } }) => {
    asanaActor(req, deps);
    const d = req.body?.data ?? {};
    const workspace = String(req.params.gid ?? d.workspace ?? '');
    if (typeof d.name !== 'string' || d.name === '') throw asanaError(400, 'name: Missing input');
    return reply
      .code(201)
      .send({ data: withOptFields(tagJson(world, world.createTag(workspace, d.name)), opt(req), 'full') });
  };
  app.post(`${R}/tags`, createTag);
  app.post(`${R}/workspaces/:gid/tags`, createTag);
  app.get(`${R}/tags/:gid`, async (req: Req) => {
    asanaActor(req, deps);
    return { data: withOptFields(tagJson(world, world.tag(req.params.gid as string)), opt(req), 'full') };
  });
}

export function registerAsanaRoutes(app: FastifyInstance, deps: AsanaDeps): void {
  registerWorkspaceRoutes(app, deps);
  registerTaskReads(app, deps);
  registerTaskWrites(app, deps);
  registerStoryAndTagRoutes(app, deps);
}
