import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Tracker } from '../../core/task.ts';
import { ScopeInput } from '../../services/links.service.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { Id, IdParams, problems, Timestamp } from '../schemas.ts';

const NewLink = z
  .object({ connectionId: Id, scope: ScopeInput })
  .strict()
  .meta({
    id: 'NewLink',
    example: { connectionId: 'con_019a0b1c2d3e4f5a6b7c8d9e0f', scope: { projectKey: 'PAY' } },
  });

const Link = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    connectionId: z.string(),
    tracker: Tracker,
    scope: ScopeInput,
    lastSyncAt: Timestamp.nullable(),
    lastFullSyncAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({
    id: 'Link',
    example: {
      id: 'lnk_019a0b1c2d3e4f5a6b7c8d9e0f',
      engagementId: 'eng_019a0b1c2d3e4f5a6b7c8d9e0f',
      connectionId: 'con_019a0b1c2d3e4f5a6b7c8d9e0f',
      tracker: 'jira',
      scope: { projectKey: 'PAY' },
      lastSyncAt: '2027-01-10T08:00:00.000Z',
      lastFullSyncAt: '2027-01-10T08:00:00.000Z',
      createdAt: '2027-01-01T08:00:00.000Z',
    },
  });

export const linkRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('pmo');

  app.post(
    '/v1/engagements/:id/links',
    {
      schema: {
        operationId: 'createLink',
        tags: ['links'],
        summary:
          'Feed the engagement from a Jira project or JQL, a Trello board or an Asana project (starts a first sync)',
        params: IdParams,
        body: NewLink,
        response: { 201: Link, ...problems(403, 404, 409, 422) },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      const link = await services.links.create(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/engagements/${req.params.id}/links`, link);
    },
  );

  app.get(
    '/v1/engagements/:id/links',
    {
      schema: {
        operationId: 'listLinks',
        tags: ['links'],
        summary: 'The tracker scopes that feed the engagement',
        params: IdParams,
        response: {
          200: z.object({ items: z.array(Link), nextCursor: z.string().nullable() }),
          ...problems(403, 404),
        },
      },
      preHandler: guard,
    },
    async (req) => ({ items: await services.links.list(actorOf(req), req.params.id), nextCursor: null }),
  );

  app.delete(
    '/v1/engagements/:id/links/:linkId',
    {
      schema: {
        operationId: 'deleteLink',
        tags: ['links'],
        summary: 'Stop feeding the engagement from a tracker scope',
        description:
          'Audited. Its syncs stop and the engagement is recomputed: the tasks only this link brought leave its deliverables and the progress follows. The scope may then be linked to another engagement. 404 link_not_found for a link of another engagement.',
        params: z.object({ id: Id, linkId: Id }),
        response: { 204: z.null().describe('Removed'), ...problems(403, 404) },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      await services.links.remove(actorOf(req), req.params.id, req.params.linkId);
      return reply.code(204).send(null);
    },
  );
};
