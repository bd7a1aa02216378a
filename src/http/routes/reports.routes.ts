import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportMarkdown } from '../../core/report-markdown.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { IdParams, problems } from '../schemas.ts';
import { DateOnly } from './contract.schemas.ts';
import { StatusReport } from './reports.schemas.ts';

const ReportQuery = z.object({
  from: DateOnly.optional().describe(
    'First day of the period (inclusive, engagement time zone); default: `to` minus the report period plus one day',
  ),
  to: DateOnly.optional().describe(
    'Last day of the period (inclusive); default today in the engagement time zone',
  ),
});

/** Markdown when the first acceptable type the client names is text/markdown, JSON otherwise. */
export function wantsMarkdown(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((t) => t === 'text/markdown' || t === 'application/json');
  return types[0] === 'text/markdown';
}

export const reportRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/engagements/:id/report',
    {
      schema: {
        operationId: 'getEngagementReport',
        tags: ['engagements'],
        summary: 'The status report of an engagement for a period, as JSON or Markdown',
        description:
          'Progress (overall and per deliverable, as last computed), schedule status with reasons, blocked tasks, deliverables awaiting a decision, milestones unlocked and decisions made in the period. The same content Jalon writes weekly as a `status_report` journal entry. `Accept: text/markdown` returns it as Markdown. A provider key sees only its own engagements (others are 404).',
        params: IdParams,
        querystring: ReportQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: StatusReport },
              'text/markdown': { schema: z.string() },
            },
          },
          ...problems(403, 404, 422),
        },
      },
      preHandler: app.requireRole('pmo', 'provider', 'finance'),
    },
    async (req, reply) => {
      const report = await services.reports.report(actorOf(req), req.params.id, req.query);
      if (!wantsMarkdown(req.headers.accept)) return report;
      return reply.type('text/markdown; charset=utf-8').send(reportMarkdown(report));
    },
  );
};
