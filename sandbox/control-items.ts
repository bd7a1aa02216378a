import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from './common.ts';
import { parse, type SandboxContext } from './control.ts';
import { ISSUE_TYPES, type IssueTypeName, statusNamed } from './jira-model.ts';
import { asanaView, jiraView, trelloView } from './views.ts';

/**
 * Control routes that play the provider's team: create projects, boards and items, and change
 * them (status, lists, sections, labels, flags, comments, deletions). Every change is made as the
 * provider's user and sends the webhooks the real tracker would.
 */

type Req = FastifyRequest<{ Params: Record<string, string> }>;

const Labels = z.array(z.string().min(1));
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function registerJira(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.jira;
  const by = { user: world.provider, via: 'control' as const };
  const view = (idOrKey: string) => jiraView(world, world.get(idOrKey), ctx.jira.site());
  const IssueType = z.enum(Object.keys(ISSUE_TYPES) as [IssueTypeName, ...IssueTypeName[]]);

  app.post('/jira/projects', async (req, reply) => {
    const b = parse(z.object({ key: z.string().min(2), name: z.string().optional() }), req.body);
    const p = world.createProject(b.key, b.name ?? b.key);
    return reply.code(201).send({ id: p.id, key: p.key, name: p.name });
  });
  app.post('/jira/issues', async (req, reply) => {
    const b = parse(
      z.object({
        projectKey: z.string(),
        summary: z.string().min(1),
        issuetype: IssueType.optional(),
        status: z.string().optional(),
        labels: Labels.optional(),
        duedate: DateOnly.nullable().optional(),
        storyPoints: z.number().nullable().optional(),
        assignee: z.string().nullable().optional(),
        parent: z.string().nullable().optional(),
        components: Labels.optional(),
        fixVersions: Labels.optional(),
        description: z.string().nullable().optional(),
      }),
      req.body,
    );
    return reply.code(201).send(view(world.createIssue(b, by).id));
  });
  app.get('/jira/issues/:id', async (req: Req) => view(req.params.id as string));
  app.patch('/jira/issues/:id', async (req: Req) => {
    const b = parse(
      z.object({
        summary: z.string().min(1).optional(),
        labels: Labels.optional(),
        addLabels: Labels.optional(),
        removeLabels: Labels.optional(),
        duedate: DateOnly.nullable().optional(),
        storyPoints: z.number().nullable().optional(),
        flagged: z.boolean().optional(),
        assignee: z.string().nullable().optional(),
      }),
      req.body,
    );
    world.editIssue(world.get(req.params.id as string), b, by);
    return view(req.params.id as string);
  });
  app.post('/jira/issues/:id/transition', async (req: Req) => {
    const b = parse(z.object({ status: z.string(), resolution: z.string().optional() }), req.body);
    const issue = world.get(req.params.id as string);
    const target = statusNamed(b.status);
    if (target.id !== issue.statusId) world.transition(issue, target, by, b.resolution);
    return view(issue.id);
  });
  app.post('/jira/issues/:id/comments', async (req: Req, reply) => {
    const b = parse(z.object({ body: z.string().min(1) }), req.body);
    world.addComment(world.get(req.params.id as string), b.body, by);
    return reply.code(201).send(view(req.params.id as string));
  });
  app.delete('/jira/issues/:id', async (req: Req) => {
    const issue = world.get(req.params.id as string);
    world.deleteIssue(issue, by);
    return { deleted: issue.id };
  });
  app.post('/jira/oauth-apps', async (req, reply) => {
    const b = parse(
      z.object({
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        accessToken: z.string().min(1),
        cloudId: z.string().default('sandbox-cloud'),
      }),
      req.body,
    );
    ctx.jira.oauthApps.push(b);
    return reply.code(201).send({ clientId: b.clientId, cloudId: b.cloudId });
  });
}

function registerTrello(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.trello;
  const by = { user: world.provider, via: 'control' as const };
  const view = (id: string) => trelloView(world, world.card(id), ctx.trello.site());
  const listOf = (idBoard: string | undefined, nameOrId: string) => {
    const byId = world.lists.get(nameOrId);
    if (byId) return byId;
    const found = [...world.lists.values()].find(
      (l) =>
        (idBoard === undefined || l.idBoard === idBoard) && l.name.toLowerCase() === nameOrId.toLowerCase(),
    );
    if (!found) throw new HttpError(404, { error: `no list ${nameOrId}` });
    return found;
  };
  const boardView = (id: string) => {
    const b = world.board(id);
    const lists = [...world.lists.values()].filter((l) => l.idBoard === b.id);
    return {
      id: b.id,
      name: b.name,
      shortLink: b.shortLink,
      lists: lists.map((l) => ({ id: l.id, name: l.name })),
      labels: [...world.labels.values()]
        .filter((l) => l.idBoard === b.id)
        .map((l) => ({ id: l.id, name: l.name, color: l.color })),
      cards: [...world.cards.values()].filter((c) => c.idBoard === b.id).length,
      members: [...world.members.values()].map((m) => ({
        id: m.id,
        fullName: m.fullName,
        username: m.username,
      })),
    };
  };
  const memberIds = (names: readonly string[] | undefined) =>
    (names ?? []).map(
      (n) =>
        [...world.members.values()].find((m) => m.id === n || m.username === n || m.fullName === n)?.id ?? n,
    );

  app.post('/trello/boards', async (req, reply) => {
    const b = parse(
      z.object({
        name: z.string().min(1),
        lists: z.array(z.string().min(1)).default(['To Do', 'Doing', 'Done']),
      }),
      req.body,
    );
    return reply.code(201).send(boardView(world.createBoard(b.name, b.lists, by).id));
  });
  app.get('/trello/boards/:id', async (req: Req) => boardView(req.params.id as string));
  app.post('/trello/boards/:id/lists', async (req: Req, reply) => {
    const b = parse(z.object({ name: z.string().min(1) }), req.body);
    const l = world.createList(req.params.id as string, b.name, by);
    return reply.code(201).send({ id: l.id, name: l.name });
  });
  app.post('/trello/cards', async (req, reply) => {
    const b = parse(
      z.object({
        boardId: z.string().optional(),
        list: z.string(),
        name: z.string().min(1),
        desc: z.string().optional(),
        due: z.string().nullable().optional(),
        labels: Labels.optional(),
        members: z.array(z.string()).optional(),
      }),
      req.body,
    );
    const card = world.createCard(
      {
        idList: listOf(b.boardId, b.list).id,
        name: b.name,
        desc: b.desc,
        due: b.due,
        labels: b.labels,
        idMembers: memberIds(b.members),
      },
      by,
    );
    return reply.code(201).send(view(card.id));
  });
  app.post('/trello/boards/:id/cards/bulk', async (req: Req, reply) => {
    const b = parse(
      z.object({
        count: z.number().int().min(1).max(20_000),
        list: z.string().default('To Do'),
        namePrefix: z.string().default('Card'),
      }),
      req.body,
    );
    const idList = listOf(req.params.id, b.list).id;
    const ids = Array.from(
      { length: b.count },
      (_, i) => world.createCard({ idList, name: `${b.namePrefix} ${i + 1}` }, by).id,
    );
    return reply.code(201).send({ created: ids.length, ids });
  });
  app.get('/trello/cards/:id', async (req: Req) => view(req.params.id as string));
  app.post('/trello/cards/:id/move', async (req: Req) => {
    const b = parse(z.object({ list: z.string() }), req.body);
    const card = world.card(req.params.id as string);
    world.moveCard(card, listOf(card.idBoard, b.list).id, by);
    return view(card.id);
  });
  app.patch('/trello/cards/:id', async (req: Req) => {
    const b = parse(
      z.object({
        name: z.string().min(1).optional(),
        desc: z.string().optional(),
        due: z.string().nullable().optional(),
        dueComplete: z.boolean().optional(),
        closed: z.boolean().optional(),
      }),
      req.body,
    );
    world.updateCard(world.card(req.params.id as string), b, by);
    return view(req.params.id as string);
  });
  app.post('/trello/cards/:id/labels', async (req: Req) => {
    const b = parse(
      z.object({ name: z.string().min(1), color: z.string().nullable().default('red') }),
      req.body,
    );
    const card = world.card(req.params.id as string);
    world.addLabel(card, world.findOrCreateLabel(card.idBoard, b.name, b.color), by);
    return view(card.id);
  });
  app.delete('/trello/cards/:id/labels/:name', async (req: Req) => {
    const card = world.card(req.params.id as string);
    const name = (req.params.name as string).toLowerCase();
    for (const id of [...card.idLabels]) {
      const l = world.labels.get(id);
      if (l && (l.id === req.params.name || l.name.toLowerCase() === name)) world.removeLabel(card, l, by);
    }
    return view(card.id);
  });
  app.post('/trello/cards/:id/comments', async (req: Req, reply) => {
    const b = parse(z.object({ text: z.string().min(1) }), req.body);
    world.comment(world.card(req.params.id as string), b.text, by);
    return reply.code(201).send(view(req.params.id as string));
  });
  app.delete('/trello/cards/:id', async (req: Req) => {
    const card = world.card(req.params.id as string);
    world.deleteCard(card, by);
    return { deleted: card.id };
  });
  app.put('/trello/app-secrets', async (req) => {
    const b = parse(z.object({ apiKey: z.string().min(1), appSecret: z.string().min(1) }), req.body);
    ctx.trello.appSecrets.set(b.apiKey, b.appSecret);
    return { apiKey: b.apiKey };
  });
}

function registerAsana(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.asana;
  const by = { user: world.provider, via: 'control' as const };
  const view = (gid: string) => asanaView(world, world.task(gid), ctx.asana.site());
  const projectView = (gid: string) => {
    const p = world.project(gid);
    return {
      gid: p.gid,
      name: p.name,
      workspaceGid: p.workspaceGid,
      sections: p.sectionGids.map((g) => ({ gid: g, name: world.section(g).name })),
      customFields: p.customFieldGids.map((g) => {
        const f = world.customFields.get(g);
        return {
          gid: g,
          name: f?.name,
          options: f?.enum_options.map((o) => ({ gid: o.gid, name: o.name })) ?? [],
        };
      }),
      tasks: [...world.tasks.values()].filter(
        (t) => !t.deleted && t.memberships.some((m) => m.projectGid === p.gid),
      ).length,
    };
  };
  /** Custom field values by field name and option name, as a person picks them. */
  const fieldValues = (values: Record<string, string | number | null> | undefined) =>
    values === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(values).map(([name, value]) => {
            const f = [...world.customFields.values()].find(
              (x) => x.gid === name || x.name.toLowerCase() === name.toLowerCase(),
            );
            if (!f) throw new HttpError(400, { error: `no custom field ${name}` });
            const option = f.enum_options.find(
              (o) => o.gid === value || o.name.toLowerCase() === String(value).toLowerCase(),
            );
            return [
              f.gid,
              f.resource_subtype === 'enum' && value !== null ? (option?.gid ?? String(value)) : value,
            ];
          }),
        );

  app.post('/asana/projects', async (req, reply) => {
    const b = parse(
      z.object({
        name: z.string().min(1),
        sections: z.array(z.string().min(1)).default(['To Do', 'In Progress', 'Done']),
      }),
      req.body,
    );
    return reply.code(201).send(projectView(world.createProject(b.name, b.sections).gid));
  });
  app.get('/asana/projects/:gid', async (req: Req) => projectView(req.params.gid as string));
  app.post('/asana/tasks', async (req, reply) => {
    const b = parse(
      z.object({
        project: z.string(),
        name: z.string().min(1),
        section: z.string().optional(),
        notes: z.string().optional(),
        due_on: DateOnly.nullable().optional(),
        assignee: z.string().nullable().optional(),
        tags: Labels.optional(),
        approval: z.boolean().optional(),
        completed: z.boolean().optional(),
      }),
      req.body,
    );
    const { project, ...rest } = b;
    return reply.code(201).send(view(world.createTask({ projectGid: project, ...rest }, by).gid));
  });
  app.post('/asana/projects/:gid/tasks/bulk', async (req: Req, reply) => {
    const b = parse(
      z.object({
        count: z.number().int().min(1).max(20_000),
        section: z.string().optional(),
        namePrefix: z.string().default('Task'),
      }),
      req.body,
    );
    const gids = Array.from(
      { length: b.count },
      (_, i) =>
        world.createTask(
          { projectGid: req.params.gid as string, name: `${b.namePrefix} ${i + 1}`, section: b.section },
          by,
        ).gid,
    );
    return reply.code(201).send({ created: gids.length, gids });
  });
  app.get('/asana/tasks/:gid', async (req: Req) => view(req.params.gid as string));
  app.patch('/asana/tasks/:gid', async (req: Req) => {
    const b = parse(
      z.object({
        name: z.string().min(1).optional(),
        notes: z.string().optional(),
        due_on: DateOnly.nullable().optional(),
        completed: z.boolean().optional(),
        approval_status: z.enum(['pending', 'approved', 'rejected', 'changes_requested']).optional(),
        assignee: z.string().nullable().optional(),
        customFields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
      }),
      req.body,
    );
    const { customFields, ...rest } = b;
    world.updateTask(
      world.task(req.params.gid as string),
      { ...rest, customFields: fieldValues(customFields) },
      by,
    );
    return view(req.params.gid as string);
  });
  app.post('/asana/tasks/:gid/complete', async (req: Req) => {
    world.updateTask(world.task(req.params.gid as string), { completed: true }, by);
    return view(req.params.gid as string);
  });
  app.post('/asana/tasks/:gid/section', async (req: Req) => {
    const b = parse(z.object({ section: z.string() }), req.body);
    const t = world.task(req.params.gid as string);
    const projectGid = t.memberships[0]?.projectGid ?? '';
    world.moveToSection(t, world.sectionNamed(world.project(projectGid), b.section).gid, by);
    return view(t.gid);
  });
  app.post('/asana/tasks/:gid/tags', async (req: Req) => {
    const b = parse(z.object({ name: z.string().min(1) }), req.body);
    world.setTag(world.task(req.params.gid as string), world.tagNamed(b.name), true, by);
    return view(req.params.gid as string);
  });
  app.delete('/asana/tasks/:gid/tags/:name', async (req: Req) => {
    world.setTag(world.task(req.params.gid as string), world.tagNamed(req.params.name as string), false, by);
    return view(req.params.gid as string);
  });
  app.post('/asana/tasks/:gid/comments', async (req: Req, reply) => {
    const b = parse(z.object({ text: z.string().min(1) }), req.body);
    world.addComment(world.task(req.params.gid as string), b.text, by);
    return reply.code(201).send(view(req.params.gid as string));
  });
  app.delete('/asana/tasks/:gid', async (req: Req) => {
    const t = world.task(req.params.gid as string);
    world.deleteTask(t, by);
    return { deleted: t.gid };
  });
  app.post('/asana/sync-tokens/expire', async () => ({ expired: ctx.asana.hooks.expireSyncTokens() }));
  app.post('/asana/heartbeat', async () => ({ webhooks: ctx.asana.hooks.heartbeat() }));
}

export function registerItemRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  registerJira(app, ctx);
  registerTrello(app, ctx);
  registerAsana(app, ctx);
}
