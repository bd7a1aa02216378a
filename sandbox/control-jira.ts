import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parse } from './common.ts';
import type { SandboxContext } from './control.ts';
import { ISSUE_TYPES, type IssueTypeName, statusNamed } from './jira-types.ts';
import { jiraView } from './views.ts';

/** Control routes playing the provider's Jira users: projects, issues, transitions, labels, flags, comments. */

type Req = FastifyRequest<{ Params: Record<string, string> }>;

const Labels = z.array(z.string().min(1));
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export function registerJiraControl(app: FastifyInstance, ctx: SandboxContext): void {
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
