import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EngagementStatus } from '../../core/lifecycle.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { Id, IdParams, PageQuery, page, problems } from '../schemas.ts';
import {
  ContractVersion,
  Currency,
  Engagement,
  EngagementPatch,
  NewEngagement,
} from './engagement.schemas.ts';

const EngagementQuery = PageQuery.extend({
  providerId: Id.optional(),
  status: EngagementStatus.optional(),
  currency: Currency.optional(),
});
const VersionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('Read the contract as it stood in this version, with its deliverables and milestones'),
});

const READ =
  'PMO and finance read every engagement; a provider key reads only its own provider’s (others are 404).';
const tags = ['engagements'];

export const engagementRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = app.requireRole('pmo', 'finance', 'provider');

  app.post(
    '/v1/engagements',
    {
      schema: {
        operationId: 'createEngagement',
        tags,
        summary: 'Create a draft engagement (the contract with one provider)',
        body: NewEngagement,
        response: { 201: Engagement, ...problems(403, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const created = await services.engagements.create(actorOf(req), req.body);
      return sendCreated(reply, `/v1/engagements/${created.id}`, created);
    },
  );
  app.get(
    '/v1/engagements',
    {
      schema: {
        operationId: 'listEngagements',
        tags,
        summary: 'List engagements, oldest first',
        description: READ,
        querystring: EngagementQuery,
        response: { 200: page(Engagement), ...problems(403) },
      },
      preHandler: reader,
    },
    async (req) => {
      const { providerId, status, currency } = req.query;
      const items = await services.engagements.list(
        actorOf(req),
        { providerId, status, currency },
        pageRequest(req.query),
      );
      return toPage(items, req.query.limit);
    },
  );
  app.get(
    '/v1/engagements/:id',
    {
      schema: {
        operationId: 'getEngagement',
        tags,
        summary: 'Read an engagement, or with ?version=N its whole contract as it stood in version N',
        description: READ,
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: z.union([ContractVersion, Engagement]), ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.version === undefined) return services.engagements.get(actor, req.params.id);
      const { snapshot, ...version } = await services.engagements.getVersion(
        actor,
        req.params.id,
        req.query.version,
      );
      return { ...version, ...snapshot };
    },
  );
  app.patch(
    '/v1/engagements/:id',
    {
      schema: {
        operationId: 'updateEngagement',
        tags,
        summary: 'Edit a draft engagement’s terms (409 contract_locked once active)',
        params: IdParams,
        body: EngagementPatch,
        response: { 200: Engagement, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.engagements.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/v1/engagements/:id/activate',
    {
      schema: {
        operationId: 'activateEngagement',
        tags,
        summary: 'Activate: the contract is locked as version 1 and a kickoff journal entry is recorded',
        description:
          'Needs both contacts, at least one deliverable and one payment milestone, and valid terms (422 lists what is missing).',
        params: IdParams,
        response: { 200: Engagement, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.engagements.activate(actorOf(req), req.params.id),
  );
  app.post(
    '/v1/engagements/:id/close',
    {
      schema: {
        operationId: 'closeEngagement',
        tags,
        summary: 'Close an active engagement; it can then be evaluated',
        params: IdParams,
        response: { 200: Engagement, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.engagements.close(actorOf(req), req.params.id),
  );
};
