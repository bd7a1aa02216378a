import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendJsonPage } from '../json-page.ts';
import { pageRequest } from '../paging.ts';
import { IdParams, PageQuery, page, problems } from '../schemas.ts';
import { EngagementDashboard, ProviderPortfolio } from './dashboard.schemas.ts';

const tags = ['dashboard'];
const STORED =
  'Progress, forecasts and schedule statuses are those the recompute job stored (after every tracker change and daily); reading computes nothing.';

export const dashboardRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = app.requireRole('pmo', 'finance');

  app.get(
    '/v1/dashboard/providers',
    {
      schema: {
        operationId: 'getProvidersDashboard',
        tags,
        summary:
          'The PMO portfolio: per provider, schedule, overdue and next-due deliverables, blockers, money',
        description: STORED,
        querystring: PageQuery,
        response: { 200: page(ProviderPortfolio), ...problems(403) },
      },
      preHandler: reader,
    },
    // The page is written once per shared query (dashboard-portfolio.repo.ts, from the rows the
    // database keeps per provider) and sent as is.
    async (req, reply) =>
      sendJsonPage(reply, await services.dashboard.providersPage(actorOf(req), pageRequest(req.query))),
  );

  app.get(
    '/v1/engagements/:id/dashboard',
    {
      schema: {
        operationId: 'getEngagementDashboard',
        tags,
        summary:
          'One engagement in depth: deliverables with progress and tasks, milestones, journal, changes',
        description: `${STORED} A provider key reads its own provider’s engagements only (others are 404).`,
        params: IdParams,
        response: { 200: EngagementDashboard, ...problems(403, 404) },
      },
      // The provider portal shows a provider its own engagement in depth (visibleEngagement: 404 for
      // another provider's); the cross-provider portfolio above stays pmo and finance.
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => services.dashboard.engagement(actorOf(req), req.params.id),
  );
};
