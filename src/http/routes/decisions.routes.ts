import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems } from '../schemas.ts';
import { Deliverable } from './contract.schemas.ts';
import { Decision, NewDecision } from './decisions.schemas.ts';

const tags = ['decisions'];

export const decisionRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/v1/deliverables/:id/decision',
    {
      schema: {
        operationId: 'decideDeliverable',
        tags,
        summary: 'Accept or reject a deliverable (the client decision)',
        description: [
          'Only from ready_for_review; override: true accepts earlier (from planned or in_progress) and is recorded as an override. 409 when the status does not allow it (e.g. already accepted), naming the allowed actions; 409 engagement_not_active unless the engagement is active.',
          'Criteria must name the deliverable’s acceptance criteria, each at most once; accepting with an unmet criterion needs override: true; a rejection needs a note or an unmet criterion (422 otherwise).',
          'In one transaction: the decision with a snapshot of the deliverable’s tasks as evidence, the new status, audit, the deliverable.accepted or deliverable.rejected event, one push-back per task (or per epic / parent task they share) and the payment milestones this acceptance unlocks. The comments and markers reach the trackers through the push-back queue.',
        ].join('\n\n'),
        params: IdParams,
        body: NewDecision,
        response: { 201: Decision, ...problems(403, 404, 409, 422) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const decision = await services.decisions.decide(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/deliverables/${req.params.id}/decisions`, decision);
    },
  );

  app.post(
    '/v1/deliverables/:id/rework',
    {
      schema: {
        operationId: 'reworkDeliverable',
        tags,
        summary: 'Work on a rejected deliverable again (rejected → in_progress)',
        description: [
          'Only from rejected (409 invalid_transition otherwise, naming the allowed actions; 409 engagement_not_active unless the engagement is active). PMO, or a provider key of the engagement’s provider (another provider’s deliverable is 404).',
          'Jalon also does this by itself when a task of the rejected deliverable leaves done at the tracker. In one transaction: the status, audit, the deliverable.rework_started event and the recomputed figures; when every task is already done the deliverable goes straight back to ready_for_review (deliverable.ready_for_review) and the PMO can decide again. Answers the deliverable as it stands after that.',
        ].join('\n\n'),
        params: IdParams,
        response: { 200: Deliverable, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('pmo', 'provider'),
    },
    async (req) => services.rework.rework(actorOf(req), req.params.id),
  );

  app.get(
    '/v1/deliverables/:id/decisions',
    {
      schema: {
        operationId: 'listDecisions',
        tags,
        summary: 'List the decisions taken on a deliverable, oldest first, with their evidence',
        description:
          'PMO and finance read every deliverable’s; a provider key reads only its own provider’s (others are 404).',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(Decision), ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) =>
      toPage(
        await services.decisions.list(actorOf(req), req.params.id, pageRequest(req.query)),
        req.query.limit,
      ),
  );
};
