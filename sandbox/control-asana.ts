import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError, parse } from './common.ts';
import type { SandboxContext } from './control.ts';
import { asanaView } from './views.ts';

/** Control routes playing the provider's Asana users: projects, sections, tasks, tags, comments, sync tokens. */

type Req = FastifyRequest<{ Params: Record<string, string> }>;

const Labels = z.array(z.string().min(1));
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Projects and tasks, one by one or in bulk. */
function registerProjectControl(app: FastifyInstance, ctx: SandboxContext): void {
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
}

/** What a provider does to a task: edit, complete, move, tag, comment, delete. */
function registerTaskChanges(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.asana;
  const by = { user: world.provider, via: 'control' as const };
  const view = (gid: string) => asanaView(world, world.task(gid), ctx.asana.site());
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
}

/** The events API and webhooks: expire sync tokens, send heartbeats. */
function registerEventControl(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/asana/sync-tokens/expire', async () => ({ expired: ctx.asana.hooks.expireSyncTokens() }));
  app.post('/asana/heartbeat', async () => ({ webhooks: ctx.asana.hooks.heartbeat() }));
}

export function registerAsanaControl(app: FastifyInstance, ctx: SandboxContext): void {
  registerProjectControl(app, ctx);
  registerTaskChanges(app, ctx);
  registerEventControl(app, ctx);
}
