import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DeliverableStatus } from '../../core/lifecycle.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems } from '../schemas.ts';
import { Deliverable, DeliverablePatch, IncludeRemoved, NewDeliverable } from './contract.schemas.ts';
import { Figures } from './dashboard.schemas.ts';

/** A deliverable as read: with the progress the recompute job last stored (null before its first). */
const DeliverableRead = Deliverable.extend({ figures: Figures.nullable() }).meta({
  id: 'DeliverableRead',
  description: 'A deliverable with its progress, forecast and schedule status as last recomputed',
});

const DeliverableQuery = PageQuery.extend({
  status: DeliverableStatus.optional(),
  includeRemoved: IncludeRemoved,
});

const READ =
  'PMO and finance read every deliverable; a provider key reads only its own provider’s (others are 404).';
const tags = ['deliverables'];

export const deliverableRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = app.requireRole('pmo', 'finance', 'provider');

  app.post(
    '/v1/engagements/:id/deliverables',
    {
      schema: {
        operationId: 'createDeliverable',
        tags,
        summary: 'Add a deliverable to a draft engagement (409 contract_locked once active)',
        params: IdParams,
        body: NewDeliverable,
        response: { 201: Deliverable, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const created = await services.deliverables.create(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/deliverables/${created.id}`, created);
    },
  );
  app.get(
    '/v1/engagements/:id/deliverables',
    {
      schema: {
        operationId: 'listDeliverables',
        tags,
        summary: 'List the deliverables of an engagement, oldest first',
        description: READ,
        params: IdParams,
        querystring: DeliverableQuery,
        response: { 200: page(DeliverableRead), ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => {
      const { status, includeRemoved } = req.query;
      const items = await services.deliverables.list(
        actorOf(req),
        req.params.id,
        { status, includeRemoved: includeRemoved === 'true' },
        pageRequest(req.query),
      );
      return toPage(items, req.query.limit);
    },
  );
  app.get(
    '/v1/deliverables/:id',
    {
      schema: {
        operationId: 'getDeliverable',
        tags,
        summary: 'Read a deliverable, with its progress',
        description: READ,
        params: IdParams,
        response: { 200: DeliverableRead, ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => services.deliverables.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/v1/deliverables/:id',
    {
      schema: {
        operationId: 'updateDeliverable',
        tags,
        summary: 'Edit a deliverable of a draft engagement (409 contract_locked once active)',
        params: IdParams,
        body: DeliverablePatch,
        response: { 200: Deliverable, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.deliverables.update(actorOf(req), req.params.id, req.body),
  );
};
