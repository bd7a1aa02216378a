import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MilestoneStatus } from '../../core/lifecycle.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems } from '../schemas.ts';
import { IncludeRemoved, Milestone, MilestonePatch, NewMilestone } from './contract.schemas.ts';

const MilestoneQuery = PageQuery.extend({
  status: MilestoneStatus.optional(),
  includeRemoved: IncludeRemoved,
});

const READ =
  'PMO and finance read every milestone; a provider key reads only its own provider’s (others are 404).';
const tags = ['milestones'];

export const milestoneRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = app.requireRole('pmo', 'finance', 'provider');

  app.post(
    '/v1/engagements/:id/milestones',
    {
      schema: {
        operationId: 'createMilestone',
        tags,
        summary:
          'Add a payment milestone (PMO-defined terms) to a draft engagement (409 contract_locked once active)',
        params: IdParams,
        body: NewMilestone,
        response: { 201: Milestone, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const created = await services.milestones.create(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/milestones/${created.id}`, created);
    },
  );
  app.get(
    '/v1/engagements/:id/milestones',
    {
      schema: {
        operationId: 'listMilestones',
        tags,
        summary: 'List the payment milestones of an engagement, oldest first',
        description: READ,
        params: IdParams,
        querystring: MilestoneQuery,
        response: { 200: page(Milestone), ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => {
      const { status, includeRemoved } = req.query;
      const items = await services.milestones.list(
        actorOf(req),
        req.params.id,
        { status, includeRemoved: includeRemoved === 'true' },
        pageRequest(req.query),
      );
      return toPage(items, req.query.limit);
    },
  );
  app.get(
    '/v1/milestones/:id',
    {
      schema: {
        operationId: 'getMilestone',
        tags,
        summary: 'Read a payment milestone',
        description: READ,
        params: IdParams,
        response: { 200: Milestone, ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => services.milestones.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/v1/milestones/:id',
    {
      schema: {
        operationId: 'updateMilestone',
        tags,
        summary: 'Edit a payment milestone of a draft engagement (409 contract_locked once active)',
        params: IdParams,
        body: MilestonePatch,
        response: { 200: Milestone, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.milestones.update(actorOf(req), req.params.id, req.body),
  );
};
