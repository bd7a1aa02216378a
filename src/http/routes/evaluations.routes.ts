import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { IdParams, problems, Timestamp } from '../schemas.ts';
import { EXAMPLE_IDS } from './contract.schemas.ts';

const Score = z.number().int().min(1).max(5);
const note = z.string().trim().min(1).max(10_000).nullable().optional();

const SCORES = { quality: 4, timeliness: 3, communication: 5, autonomy: 4, budget: 4 };
const NOTES = {
  strengths: 'Clear weekly reporting; strong design work',
  improvements: 'Estimate integration work earlier',
  lessons: 'Agree the analytics scope before kickoff',
};

const EvaluationInput = z
  .object({
    quality: Score,
    timeliness: Score,
    communication: Score,
    autonomy: Score,
    budget: Score,
    strengths: note,
    improvements: note,
    lessons: note,
  })
  .strict()
  .meta({
    id: 'EvaluationBody',
    description: 'Scores from 1 (poor) to 5 (excellent)',
    example: { ...SCORES, ...NOTES },
  });

const Evaluation = z
  .object({
    engagementId: z.string(),
    providerId: z.string(),
    quality: z.number().int(),
    timeliness: z.number().int(),
    communication: z.number().int(),
    autonomy: z.number().int(),
    budget: z.number().int(),
    strengths: z.string().nullable(),
    improvements: z.string().nullable(),
    lessons: z.string().nullable(),
    evaluatedBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({
    id: 'Evaluation',
    example: {
      engagementId: EXAMPLE_IDS.engagement,
      providerId: EXAMPLE_IDS.provider,
      ...SCORES,
      ...NOTES,
      evaluatedBy: EXAMPLE_IDS.key,
      createdAt: '2027-07-05T10:00:00.000Z',
      updatedAt: '2027-07-05T10:00:00.000Z',
    },
  });

const tags = ['evaluations'];

export const evaluationRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.put(
    '/v1/engagements/:id/evaluation',
    {
      schema: {
        operationId: 'putEvaluation',
        tags,
        summary: 'Evaluate a closed engagement (201 the first time, 200 when it replaces the evaluation)',
        description: '409 engagement_not_closed before the engagement closes.',
        params: IdParams,
        body: EvaluationInput,
        response: { 200: Evaluation, 201: Evaluation, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const { evaluation, created } = await services.evaluations.put(actorOf(req), req.params.id, req.body);
      return created
        ? sendCreated(reply, `/v1/engagements/${req.params.id}/evaluation`, evaluation)
        : reply.code(200).send(evaluation);
    },
  );
  app.get(
    '/v1/engagements/:id/evaluation',
    {
      schema: {
        operationId: 'getEvaluation',
        tags,
        summary: 'Read the evaluation of an engagement',
        description: 'The client’s assessment of the provider: PMO and finance only.',
        params: IdParams,
        response: { 200: Evaluation, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance'),
    },
    async (req) => services.evaluations.get(actorOf(req), req.params.id),
  );
};
