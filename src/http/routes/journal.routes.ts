import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOURNAL_KINDS } from '../../core/engagement.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, PageQuery, page, problems, Timestamp } from '../schemas.ts';
import { DateOnly, EXAMPLE_IDS, Instant } from './contract.schemas.ts';

const JournalKind = z.enum(JOURNAL_KINDS);
const WrittenKind = JournalKind.exclude(['status_report']).describe(
  'status_report entries are written by Jalon itself',
);
const line = (max: number) => z.string().trim().min(1).max(max);

const ActionItem = z
  .object({
    description: line(2000),
    owner: line(200).nullable().optional(),
    dueDate: DateOnly.nullable().optional(),
  })
  .strict()
  .meta({
    id: 'ActionItem',
    example: { description: 'Share the staging URL', owner: 'Paul Durand', dueDate: '2027-01-11' },
  });

const ENTRY_EXAMPLE = {
  kind: 'status_meeting',
  occurredAt: '2027-02-01T10:00:00.000Z',
  participants: ['Claire Martin', 'Paul Durand'],
  summary: 'Design system on track; analytics scope to be discussed',
  decisions: ['Weekly demo moves to Thursdays'],
  actionItems: [{ description: 'Share the staging URL', owner: 'Paul Durand', dueDate: '2027-02-04' }],
};

const NewJournalEntry = z
  .object({
    kind: WrittenKind,
    occurredAt: Instant.describe('When the exchange took place (ISO 8601 with a zone)'),
    participants: z.array(line(300)).min(1).max(100),
    summary: line(20_000),
    decisions: z.array(line(2000)).max(100).optional(),
    actionItems: z.array(ActionItem).max(100).optional(),
  })
  .strict()
  .meta({ id: 'NewJournalEntry', example: ENTRY_EXAMPLE });

const JournalEntry = z
  .object({
    id: z.string(),
    engagementId: z.string(),
    kind: JournalKind,
    occurredAt: Timestamp,
    participants: z.array(z.string()),
    summary: z.string(),
    decisions: z.array(z.string()),
    actionItems: z.array(ActionItem),
    author: z.object({ keyId: z.string(), role: z.string() }),
    createdAt: Timestamp,
  })
  .meta({
    id: 'JournalEntry',
    example: {
      id: 'jnl_019a0b1c2d3e4f5a6b7c8d9e0f',
      engagementId: EXAMPLE_IDS.engagement,
      ...ENTRY_EXAMPLE,
      author: { keyId: EXAMPLE_IDS.key, role: 'pmo' },
      createdAt: '2027-02-01T11:00:00.000Z',
    },
  });

const JournalQuery = PageQuery.extend({ kind: JournalKind.optional() });
const tags = ['journal'];

export const journalRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/v1/engagements/:id/journal',
    {
      schema: {
        operationId: 'createJournalEntry',
        tags,
        summary: 'Record an exchange (meeting, decision, debrief, note); entries are never edited',
        description: 'A provider key writes to its own provider’s engagements only (others are 404).',
        params: IdParams,
        body: NewJournalEntry,
        response: { 201: JournalEntry, ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'provider'),
    },
    async (req, reply) => {
      const entry = await services.journal.create(actorOf(req), req.params.id, req.body);
      return sendCreated(reply, `/v1/engagements/${req.params.id}/journal`, entry);
    },
  );
  app.get(
    '/v1/engagements/:id/journal',
    {
      schema: {
        operationId: 'listJournalEntries',
        tags,
        summary: 'The journal of an engagement, oldest first',
        description:
          'PMO and finance read every journal; a provider key reads only its own provider’s (others are 404).',
        params: IdParams,
        querystring: JournalQuery,
        response: { 200: page(JournalEntry), ...problems(403, 404) },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => {
      const items = await services.journal.list(
        actorOf(req),
        req.params.id,
        { kind: req.query.kind },
        pageRequest(req.query),
      );
      return toPage(items, req.query.limit);
    },
  );
};
