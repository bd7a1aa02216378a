import { z } from 'zod';
import { EngagementAction, EngagementStatus } from '../../core/lifecycle.ts';
import { AmountMinor } from '../../core/money.ts';
import { CivilDate, Id, Link, Timestamp } from '../schemas.ts';
import { AT, Contact, DateOnly, Deliverable, EXAMPLE_IDS, Milestone, Warnings } from './contract.schemas.ts';

/** The engagement's body and read shapes, and a contract version as GET ?version=N returns it. */

const ENGAGEMENT_EXAMPLE = {
  id: EXAMPLE_IDS.engagement,
  providerId: EXAMPLE_IDS.provider,
  title: 'Customer portal redesign',
  objective: 'A self-service portal customers use without calling support',
  specificationUrl: 'https://docs.client.example/portal/spec-v3.pdf',
  currency: 'EUR',
  contractValueMinor: 12_000_000,
  paymentTermsDays: 30,
  confidentiality: 'Mutual NDA of 2026-11-02',
  ipOwnership: 'Client owns all deliverables on payment',
  clientContact: { name: 'Claire Martin', email: 'claire.martin@client.example' },
  providerContact: { name: 'Paul Durand', email: 'paul.durand@atelier.example' },
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  timeZone: 'Europe/Paris',
  weightByEstimate: false,
};

export const Engagement = z
  .object({
    id: z.string(),
    providerId: z.string(),
    title: z.string(),
    objective: z.string().nullable(),
    specificationUrl: Link.nullable(),
    currency: z.string(),
    contractValueMinor: z.number().int(),
    paymentTermsDays: z.number().int().nullable(),
    confidentiality: z.string().nullable(),
    ipOwnership: z.string().nullable(),
    clientContact: Contact.nullable(),
    providerContact: Contact.nullable(),
    startDate: CivilDate,
    endDate: CivilDate,
    timeZone: z.string(),
    weightByEstimate: z.boolean().describe('Tasks weigh their estimate in progress, else 1 each'),
    status: EngagementStatus,
    allowedActions: z.array(EngagementAction).describe('Lifecycle actions its status allows now'),
    contractVersion: z.number().int().describe('1 until the first approved change request'),
    activatedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    warnings: Warnings.optional(),
  })
  .meta({
    id: 'Engagement',
    example: {
      ...ENGAGEMENT_EXAMPLE,
      status: 'active',
      allowedActions: ['close'],
      contractVersion: 2,
      activatedAt: AT,
      closedAt: null,
      createdAt: '2026-12-15T10:00:00.000Z',
      updatedAt: '2027-02-10T14:30:00.000Z',
      warnings: [],
    },
  });

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();
export const Currency = z
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
  weightByEstimate: z
    .boolean()
    .optional()
    .describe('Progress weighs each task by its estimate (story points, hours); default false: 1 each'),
};

const { id: _id, ...NEW_EXAMPLE } = ENGAGEMENT_EXAMPLE;
export const NewEngagement = z
  .object({ providerId: Id, ...termFields })
  .strict()
  .meta({ id: 'NewEngagement', example: NEW_EXAMPLE });

export const EngagementPatch = z
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

export const ContractVersion = z
  .object({
    engagementId: z.string(),
    version: z.number().int(),
    changeRequestId: z
      .string()
      .nullable()
      .describe('The approved change request that made it; null for version 1'),
    recordedAt: Timestamp,
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
