import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services/services.ts';
import { problems } from '../schemas.ts';

const QueueName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a queue name');
const JobId = z.string().min(1).max(200);

const AdminJob = z
  .object({
    queue: z.string(),
    id: z.string(),
    name: z.string(),
    state: z.string(),
    attemptsMade: z.number().int(),
    failedReason: z.string().nullable(),
    data: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .describe('The payload: ids only, jobs never carry secrets or delivery bodies'),
    timestamp: z.string().describe('When the job was created'),
    finishedOn: z.string().nullable(),
  })
  .meta({
    id: 'AdminJob',
    example: {
      queue: 'ingest',
      id: 'ingest-4711',
      name: 'ingest',
      state: 'failed',
      attemptsMade: 1,
      failedReason: 'malformed_webhook: jira webhook body cannot be read: Unexpected token',
      data: { inboxId: 4711 },
      timestamp: '2027-01-10T08:00:00.000Z',
      finishedOn: '2027-01-10T08:00:00.250Z',
    },
  });

const JobsQuery = z.object({
  state: z.enum(['failed', 'completed', 'active', 'waiting', 'delayed', 'prioritized']).default('failed'),
  queue: QueueName.optional().describe('One queue (ingest, relay, sync, recompute, …); all when omitted'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const adminJobRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = app.requireRole('admin');

  app.get(
    '/v1/admin/jobs',
    {
      schema: {
        operationId: 'listJobs',
        tags: ['operations'],
        summary: 'Background jobs in a state (failed by default) across the queues, newest first',
        querystring: JobsQuery,
        response: {
          200: z.object({ items: z.array(AdminJob) }).meta({ id: 'AdminJobList' }),
          ...problems(403, 404, 503),
        },
      },
      preHandler: admin,
    },
    async (req) => ({ items: await services.jobs.list(req.query) }),
  );

  app.post(
    '/v1/admin/jobs/:queue/:id/retry',
    {
      schema: {
        operationId: 'retryJob',
        tags: ['operations'],
        summary: 'Run a failed job again (a failed ingest also sets its delivery back to pending)',
        params: z.object({ queue: QueueName, id: JobId }),
        response: { 202: AdminJob, ...problems(403, 404, 409, 503) },
      },
      preHandler: admin,
    },
    async (req, reply) => reply.code(202).send(await services.jobs.retry(req.params.queue, req.params.id)),
  );
};
