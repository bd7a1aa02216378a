import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangeRequestStatus } from '../../core/lifecycle.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems } from '../schemas.ts';
import { ChangeRequest, DecisionNote, NewChangeRequest } from './change-requests.schemas.ts';

const ChangeRequestQuery = PageQuery.extend({ status: ChangeRequestStatus.optional() });

const READ =
  'PMO and finance read every change request; a provider key reads only its own provider’s (others are 404).';
const SIDE =
  'Only the side that proposed it (client: pmo; provider: that provider’s keys) may submit or withdraw it; 409 names the current status and the allowed actions.';
const tags = ['change-requests'];

export const changeRequestRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const proposer = app.requireRole('pmo', 'provider');

  app.post(
    '/v1/engagements/:id/change-requests',
    {
      schema: {
        operationId: 'createChangeRequest',
        tags,
        summary: 'Propose a change to an active contract (a draft request; submit it next)',
        description:
          'The changes are checked against the current contract as approval would apply them: 422 when the result would be invalid, 409 affects_unlocked_milestones when they alter a milestone past locked without affectsUnlockedMilestones. A provider key proposes on its own provider’s engagements only.',
        params: IdParams,
        body: NewChangeRequest,
        response: { 201: ChangeRequest, ...problems(403, 404, 409, 422) },
      },
      preHandler: proposer,
    },
    async (req, reply) => {
      const created = await services.changeRequests.create(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/change-requests/${created.id}`, created);
    },
  );
  app.get(
    '/v1/engagements/:id/change-requests',
    {
      schema: {
        operationId: 'listChangeRequests',
        tags,
        summary: 'List the change requests of an engagement, oldest first',
        description: READ,
        params: IdParams,
        querystring: ChangeRequestQuery,
        response: { 200: page(ChangeRequest), ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => {
      const items = await services.changeRequests.list(
        actorOf(req),
        req.params.id,
        { status: req.query.status },
        pageRequest(req.query),
      );
      return toPage(items, req.query.limit);
    },
  );
  app.get(
    '/v1/change-requests/:id',
    {
      schema: {
        operationId: 'getChangeRequest',
        tags,
        summary: 'Read a change request',
        description: READ,
        params: IdParams,
        response: { 200: ChangeRequest, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => services.changeRequests.get(actorOf(req), req.params.id),
  );
  for (const action of ['submit', 'withdraw'] as const) {
    app.post(
      `/v1/change-requests/:id/${action}`,
      {
        schema: {
          operationId: `${action}ChangeRequest`,
          tags,
          summary:
            action === 'submit'
              ? 'Submit a draft change request for the client’s decision'
              : 'Withdraw a draft or submitted change request; it changes nothing',
          description: SIDE,
          params: IdParams,
          response: { 200: ChangeRequest, ...problems(403, 404, 409) },
        },
        preHandler: proposer,
      },
      async (req) => services.changeRequests[action](actorOf(req), req.params.id),
    );
  }
  app.post(
    '/v1/change-requests/:id/approve',
    {
      schema: {
        operationId: 'approveChangeRequest',
        tags,
        summary: 'Approve: every change applies at once and the contract version goes up by one',
        description:
          'All changes, the new contract version and its snapshot are written in one transaction; if the result would be invalid against the contract as it now stands, nothing changes (422). The previous version stays readable with GET /v1/engagements/{id}?version=N.',
        params: IdParams,
        body: DecisionNote.nullish().describe('Optional: a note recorded with the decision'),
        response: { 200: ChangeRequest, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.changeRequests.approve(actorOf(req), req.params.id, req.body?.note ?? null),
  );
  app.post(
    '/v1/change-requests/:id/reject',
    {
      schema: {
        operationId: 'rejectChangeRequest',
        tags,
        summary: 'Reject a submitted change request; the contract does not change',
        params: IdParams,
        body: DecisionNote.nullish().describe('Optional: a note recorded with the decision'),
        response: { 200: ChangeRequest, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => services.changeRequests.reject(actorOf(req), req.params.id, req.body?.note ?? null),
  );
};
