import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StatusCategory, Tracker } from '../../core/task.ts';
import type { Services } from '../../services/services.ts';
import {
  CivilDate,
  decodeCursor,
  encodeCursor,
  Id,
  Link,
  PageQuery,
  problems,
  Timestamp,
} from '../schemas.ts';

const TaskSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    tracker: Tracker,
    externalId: z.string(),
    key: z.string().nullable(),
    url: Link,
    title: z.string(),
    statusCategory: StatusCategory,
    status: z.string(),
    cancelled: z.boolean(),
    blocked: z.boolean(),
    assignee: z.string().nullable(),
    dueDate: CivilDate.nullable(),
    labels: z.array(z.string()),
    parentExternalId: z.string().nullable(),
    estimate: z.number().nullable(),
    completedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    deleted: z.boolean(),
    deliverableId: z.string().nullable(),
  })
  .meta({
    id: 'Task',
    example: {
      id: 'tsk_019a0b1c2d3e4f5a6b7c8d9e0f',
      connectionId: 'con_019a0b1c2d3e4f5a6b7c8d9e0f',
      tracker: 'jira',
      externalId: '10042',
      key: 'PAY-42',
      url: 'https://acme.atlassian.net/browse/PAY-42',
      title: 'Handle 3-D Secure challenges',
      statusCategory: 'done',
      status: 'Done',
      cancelled: false,
      blocked: false,
      assignee: 'Ana Lima',
      dueDate: '2027-02-28',
      labels: ['payments'],
      parentExternalId: '10040',
      estimate: 5,
      completedAt: '2027-02-20T16:02:11.000Z',
      createdAt: '2027-01-05T09:00:00.000Z',
      updatedAt: '2027-02-20T16:02:11.000Z',
      deleted: false,
      deliverableId: 'dlv_019a0b1c2d3e4f5a6b7c8d9e0f',
    },
  });

const TaskQuery = PageQuery.extend({
  engagementId: Id.optional(),
  deliverableId: Id.optional(),
  connectionId: Id.optional(),
  externalId: z.string().max(100).optional(),
  statusCategory: StatusCategory.optional(),
});

export const taskRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/tasks',
    {
      schema: {
        operationId: 'listTasks',
        tags: ['tasks'],
        summary: 'Normalised tasks from every tracker',
        querystring: TaskQuery,
        response: {
          200: z.object({ items: z.array(TaskSchema), nextCursor: z.string().nullable() }),
          ...problems(403),
        },
      },
      preHandler: app.requireRole('pmo', 'finance'),
    },
    async (req) => {
      const { limit, cursor, ...filters } = req.query;
      const items = await services.tasks.list({
        ...filters,
        afterId: decodeCursor(cursor),
        limit: limit + 1,
      });
      const pageItems = items.slice(0, limit).map(({ facets: _f, scopeIds: _s, revision: _r, ...t }) => ({
        ...t,
        labels: [...t.labels],
      }));
      const last = pageItems.at(-1);
      return { items: pageItems, nextCursor: items.length > limit && last ? encodeCursor(last.id) : null };
    },
  );
};
