import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services/services.ts';
import { Id, IdParams, Link, LinkRef, problems, Timestamp } from '../schemas.ts';

const SyncStarted = z
  .object({
    jobs: z.array(z.object({ linkId: z.string(), jobId: z.string(), statusUrl: LinkRef })),
  })
  .meta({
    id: 'SyncStarted',
    example: {
      jobs: [
        {
          linkId: 'lnk_019a0b1c2d3e4f5a6b7c8d9e0f',
          jobId: 'sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000',
          statusUrl:
            '/v1/connections/con_019a0b1c2d3e4f5a6b7c8d9e0f/sync/sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000',
        },
      ],
    },
  });

const SyncStatus = z
  .object({
    jobId: z.string(),
    linkId: z.string(),
    state: z.string(),
    progress: z.unknown(),
    result: z.unknown(),
    failedReason: z.string().nullable(),
  })
  .meta({
    id: 'SyncStatus',
    example: {
      jobId: 'sync-lnk_019a0b1c2d3e4f5a6b7c8d9e0f-full-1767600000000',
      linkId: 'lnk_019a0b1c2d3e4f5a6b7c8d9e0f',
      state: 'active',
      progress: {
        pages: 3,
        tasks: 300,
        changed: 299,
        deleted: 0,
        rejected: 1,
        rejectedExternalIds: ['10042'],
      },
      result: null,
      failedReason: null,
    },
  });

const Registered = z
  .object({
    connectionId: z.string(),
    callbackUrl: Link,
    links: z.array(
      z.object({
        linkId: z.string(),
        webhooks: z.array(z.object({ externalId: z.string(), expiresAt: Timestamp.nullable() })),
      }),
    ),
  })
  .meta({
    id: 'RegisteredWebhooks',
    example: {
      connectionId: 'con_019a0b1c2d3e4f5a6b7c8d9e0f',
      callbackUrl: 'https://jalon.example.com/webhooks/jira/con_019a0b1c2d3e4f5a6b7c8d9e0f',
      links: [
        { linkId: 'lnk_019a0b1c2d3e4f5a6b7c8d9e0f', webhooks: [{ externalId: '42', expiresAt: null }] },
      ],
    },
  });

export const syncRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = app.requireRole('admin');

  app.post(
    '/v1/connections/:id/sync',
    {
      schema: {
        operationId: 'syncConnection',
        tags: ['connections'],
        summary: 'Start a full reconcile of every link of the connection',
        params: IdParams,
        response: { 202: SyncStarted, ...problems(403, 404, 503) },
      },
      preHandler: admin,
    },
    async (req, reply) => {
      const jobs = await services.syncs.start(req.params.id, true);
      return reply.code(202).send({
        jobs: jobs.map((j) => ({ ...j, statusUrl: `/v1/connections/${req.params.id}/sync/${j.jobId}` })),
      });
    },
  );

  app.get(
    '/v1/connections/:id/sync/:jobId',
    {
      schema: {
        operationId: 'getSyncStatus',
        tags: ['connections'],
        summary: 'Progress of a sync (pages, tasks, changed, deleted, rejected)',
        description:
          'A task the database refuses to store is left out of its page (the others are stored): `rejected` counts them and `rejectedExternalIds` lists the first 50; each is logged.',
        params: z.object({ id: Id, jobId: z.string().min(1).max(200) }),
        response: { 200: SyncStatus, ...problems(403, 404) },
      },
      preHandler: admin,
    },
    async (req) => services.syncs.status(req.params.id, req.params.jobId),
  );

  app.post(
    '/v1/connections/:id/webhooks',
    {
      schema: {
        operationId: 'registerWebhooks',
        tags: ['connections'],
        summary: 'Register (or refresh) the tracker webhooks of every link of the connection',
        params: IdParams,
        response: { 200: Registered, ...problems(403, 404, 503) },
      },
      preHandler: admin,
    },
    async (req) => {
      const r = await services.webhookRegistration.register(req.params.id);
      return {
        ...r,
        links: r.links.map((l) => ({ linkId: l.linkId, webhooks: l.webhooks.map((w) => ({ ...w })) })),
      };
    },
  );
};
