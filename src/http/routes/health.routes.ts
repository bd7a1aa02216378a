import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReadinessReport } from '../../services/services.ts';
import { problems } from '../schemas.ts';

/** Probes send no query: anything else is a mistake worth telling (400). */
const NoQuery = z.object({}).strict();

const Readiness = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.enum(['ok', 'down'])) })
  .meta({ id: 'Readiness', example: { status: 'ready', checks: { database: 'ok', redis: 'ok' } } });

export const healthRoutes: FastifyPluginAsync<{ readiness: () => Promise<ReadinessReport> }> = async (
  root,
  opts,
) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        querystring: NoQuery,
        response: { 200: z.object({ status: z.literal('ok') }), 400: problems()[400] },
      },
      logLevel: 'warn',
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness: the database and Redis are reachable',
        querystring: NoQuery,
        response: { 200: Readiness, 400: problems()[400], 503: Readiness },
      },
      logLevel: 'warn',
    },
    async (_req, reply) => {
      const report = await opts.readiness();
      return reply.code(report.ready ? 200 : 503).send({
        status: report.ready ? 'ready' : 'not_ready',
        checks: { ...report.checks },
      });
    },
  );
};
