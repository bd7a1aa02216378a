import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EngagementStatus } from '../../core/lifecycle.ts';
import { AmountMinor } from '../../core/money.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { pageRequest, toPage } from '../paging.ts';
import { Id, IdParams, PageQuery, page, problems } from '../schemas.ts';
import {
  Contact,
  DateOnly,
  Deliverable,
  ENGAGEMENT_EXAMPLE,
  Engagement,
  EXAMPLE_IDS,
  Milestone,
} from './contract.schemas.ts';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
  .describe('ISO 4217');

const termFields = {
  title: z.string().trim().min(1).max(300),
  objective: optionalText(5000),
  specificationUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  currency: Currency,
  contractValueMinor: AmountMinor.describe('Integer minor units'),
  paymentTermsDays: z.number().int().min(0).max(365).nullable().optional(),
  confidentiality: optionalText(5000),
  ipOwnership: optionalText(5000),
  clientContact: Contact.nullable().optional().describe('The client project manager; required to activate'),
  providerContact: Contact.nullable()
    .optional()
    .describe('The provider account manager; required to activate'),
  startDate: DateOnly,
  endDate: DateOnly,
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('IANA name; the civil dates of lateness are taken in it. Default UTC'),
};

const { id: _id, ...NEW_EXAMPLE } = ENGAGEMENT_EXAMPLE;
const NewEngagement = z
  .object({ providerId: Id, ...termFields })
  .strict()
  .meta({ id: 'NewEngagement', example: NEW_EXAMPLE });

const EngagementPatch = z
  .object({
    ...termFields,
    title: termFields.title.optional(),
    currency: Currency.optional(),
    contractValueMinor: termFields.contractValueMinor.optional(),
    startDate: DateOnly.optional(),
    endDate: DateOnly.optional(),
  })
  .strict()
  .meta({ id: 'EngagementPatch', example: { endDate: '2027-07-31', contractValueMinor: 13_000_000 } });

const EngagementAtVersion = Engagement.omit({ allowedActions: true, warnings: true });

const ContractVersion = z
  .object({
    engagementId: z.string(),
    version: z.number().int(),
    changeRequestId: z
      .string()
      .nullable()
      .describe('The approved change request that made it; null for version 1'),
    recordedAt: z.string(),
    recordedBy: z.string().describe('The API key that activated or approved'),
    engagement: EngagementAtVersion,
    deliverables: z.array(Deliverable),
    milestones: z.array(Milestone),
  })
  .meta({
    id: 'ContractVersion',
    description: 'The engagement, its deliverables and its milestones as they stood in one version',
    example: {
      engagementId: EXAMPLE_IDS.engagement,
      version: 1,
      changeRequestId: null,
      recordedAt: '2027-01-04T09:00:00.000Z',
      recordedBy: EXAMPLE_IDS.key,
      engagement: {
        ...ENGAGEMENT_EXAMPLE,
        status: 'active',
        contractVersion: 1,
        activatedAt: '2027-01-04T09:00:00.000Z',
        closedAt: null,
        createdAt: '2026-12-15T10:00:00.000Z',
        updatedAt: '2027-01-04T09:00:00.000Z',
      },
      deliverables: [],
      milestones: [],
    },
  });

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
    async (req, reply) => reply.code(201).send(await services.engagements.create(actorOf(req), req.body)),
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
