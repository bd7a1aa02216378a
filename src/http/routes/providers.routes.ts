import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems, Timestamp } from '../schemas.ts';
import { EXAMPLE_IDS } from './contract.schemas.ts';

const ProviderReference = z
  .object({
    client: z.string().trim().min(1).max(300),
    contact: z.string().trim().min(1).max(300),
    outcome: z.string().trim().min(1).max(2000),
  })
  .strict()
  .meta({
    id: 'ProviderReference',
    description: 'A reference checked before selecting the provider',
    example: {
      client: 'Banque Exemple',
      contact: 'J. Leroy, CIO',
      outcome: 'Delivered on time, would hire again',
    },
  });

const REFERENCES = [
  { client: 'Banque Exemple', contact: 'J. Leroy, CIO', outcome: 'Delivered on time, would hire again' },
];

const ProviderInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    references: z.array(ProviderReference).max(50).optional(),
  })
  .strict()
  .meta({ id: 'NewProvider', example: { name: 'Atelier Numérique', references: REFERENCES } });

const ProviderPatch = z
  .object({
    name: z.string().trim().min(1).max(300).optional(),
    references: z.array(ProviderReference).max(50).optional(),
  })
  .strict()
  .meta({ id: 'ProviderPatch', example: { name: 'Atelier Numérique SAS' } });

const Provider = z
  .object({
    id: z.string(),
    name: z.string(),
    references: z.array(ProviderReference),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({
    id: 'Provider',
    example: {
      id: EXAMPLE_IDS.provider,
      name: 'Atelier Numérique',
      references: REFERENCES,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
    },
  });

const average = z.number().nullable();
const money = z.array(z.object({ currency: z.string(), amountMinor: z.number().int() }));

const Scorecard = z
  .object({
    providerId: z.string(),
    engagements: z.object({
      total: z.number().int(),
      draft: z.number().int(),
      active: z.number().int(),
      closed: z.number().int(),
    }),
    evaluations: z.object({
      count: z.number().int(),
      averages: z
        .object({
          quality: average,
          timeliness: average,
          communication: average,
          autonomy: average,
          budget: average,
          overall: average,
        })
        .describe('Scores 1–5 averaged over the evaluated engagements; null before the first evaluation'),
    }),
    delivery: z
      .object({
        decidedDeliverables: z.number().int().describe('Deliverables with at least one decision'),
        acceptedDeliverables: z.number().int(),
        onTimeRate: z
          .number()
          .nullable()
          .describe('Accepted by the due date (in the engagement time zone) / accepted'),
        firstPassAcceptanceRate: z
          .number()
          .nullable()
          .describe('Deliverables accepted with no earlier rejection / deliverables decided'),
        averageDaysLate: z.number().nullable().describe('Mean calendar days late over the late acceptances'),
        rejections: z.number().int().describe('Rejecting decisions'),
        rejectionRate: z.number().nullable().describe('Rejecting decisions / decisions'),
        settledMilestones: z.number().int().describe('Milestones unlocked, invoiced or paid'),
        penalties: money.describe('Late penalties of the settled milestones, by currency'),
        bonuses: money.describe('Early bonuses of the settled milestones, by currency'),
      })
      .describe('Measured facts; null where nothing has been measured yet'),
  })
  .meta({
    id: 'Scorecard',
    example: {
      providerId: EXAMPLE_IDS.provider,
      engagements: { total: 3, draft: 0, active: 1, closed: 2 },
      evaluations: {
        count: 2,
        averages: { quality: 4.5, timeliness: 3, communication: 4, autonomy: 4, budget: 3.5, overall: 3.8 },
      },
      delivery: {
        decidedDeliverables: 6,
        acceptedDeliverables: 5,
        onTimeRate: 0.8,
        firstPassAcceptanceRate: 0.67,
        averageDaysLate: 3,
        rejections: 2,
        rejectionRate: 0.25,
        settledMilestones: 3,
        penalties: [{ currency: 'EUR', amountMinor: 36_000 }],
        bonuses: [],
      },
    },
  });

const ProviderQuery = PageQuery.extend({
  name: z.string().trim().min(1).max(300).optional().describe('Part of the name, case-insensitive'),
});

const READ = 'PMO and finance see every provider; a provider key sees only its own (others are 404).';

export const providerRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const providers = () => services.providers;
  const tags = ['providers'];

  app.post(
    '/v1/providers',
    {
      schema: {
        operationId: 'createProvider',
        tags,
        summary: 'Register a provider',
        body: ProviderInput,
        response: { 201: Provider, ...problems(403) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const created = await providers().create(actorOf(req), req.body);
      return sendCreated(reply, `/v1/providers/${created.id}`, created);
    },
  );
  app.get(
    '/v1/providers',
    {
      schema: {
        operationId: 'listProviders',
        tags,
        summary: 'List providers, oldest first',
        description: READ,
        querystring: ProviderQuery,
        response: { 200: page(Provider), ...problems(403) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => {
      const items = await providers().list(actorOf(req), { name: req.query.name }, pageRequest(req.query));
      return toPage(items, req.query.limit);
    },
  );
  app.get(
    '/v1/providers/:id',
    {
      schema: {
        operationId: 'getProvider',
        tags,
        summary: 'Read a provider',
        description: READ,
        params: IdParams,
        response: { 200: Provider, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => providers().get(actorOf(req), req.params.id),
  );
  app.patch(
    '/v1/providers/:id',
    {
      schema: {
        operationId: 'updateProvider',
        tags,
        summary: 'Change a provider’s name or references',
        params: IdParams,
        body: ProviderPatch,
        response: { 200: Provider, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => providers().update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/v1/providers/:id/scorecard',
    {
      schema: {
        operationId: 'getProviderScorecard',
        tags,
        summary: 'Evaluation averages and measured delivery facts of a provider',
        params: IdParams,
        response: { 200: Scorecard, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance'),
    },
    async (req) => providers().scorecard(actorOf(req), req.params.id),
  );
};
