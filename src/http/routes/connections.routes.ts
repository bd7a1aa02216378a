import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Tracker } from '../../core/task.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { decodeCursor, encodeCursor, IdParams, Link, PageQuery, problems, Timestamp } from '../schemas.ts';

const Credentials = z
  .record(z.string(), z.unknown())
  .describe(
    'Write-only. Jira `{ email, apiToken }` or `{ oauth: { clientId, clientSecret, accessToken, refreshToken?, cloudId } }`; Trello `{ apiKey, apiToken, appSecret }`; Asana `{ accessToken }`',
  );
const Settings = z
  .record(z.string(), z.unknown())
  .describe('Per-connection overrides (see adapters/README.md)');

const ConnectionInput = z
  .object({
    tracker: Tracker,
    name: z.string().trim().min(1).max(200),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    credentials: Credentials,
    webhookSecret: z.string().min(16).max(512).optional().describe('Jira admin webhook secret (write-only)'),
    settings: Settings.optional(),
  })
  .strict()
  .meta({
    id: 'NewConnection',
    example: {
      tracker: 'jira',
      name: 'Acme Jira',
      baseUrl: 'https://acme.atlassian.net',
      credentials: { email: 'jalon@acme.example', apiToken: '••••' },
      webhookSecret: '••••••••••••••••',
    },
  });

const ConnectionPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    credentials: Credentials.optional(),
    webhookSecret: z
      .string()
      .min(16)
      .max(512)
      .optional()
      .describe('Rotates the secret; the previous one stays accepted for 72 h'),
    settings: Settings.optional(),
  })
  .strict()
  .meta({ id: 'ConnectionPatch', example: { webhookSecret: '••••••••••••••••' } });

const Connection = z
  .object({
    id: z.string(),
    tracker: Tracker,
    name: z.string(),
    baseUrl: Link.nullable(),
    settings: z.record(z.string(), z.unknown()),
    webhookUrl: Link.describe('The callback URL registered at the tracker'),
    hasWebhookSecret: z.boolean(),
    health: z.object({
      status: z.enum(['unknown', 'healthy', 'unhealthy']),
      lastDeliveryAt: Timestamp.nullable(),
      lastSyncAt: Timestamp.nullable(),
      lastError: z.string().nullable(),
      lastErrorAt: Timestamp.nullable(),
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({
    id: 'Connection',
    example: {
      id: 'con_019a0b1c2d3e4f5a6b7c8d9e0f',
      tracker: 'jira',
      name: 'Acme Jira',
      baseUrl: 'https://acme.atlassian.net',
      settings: {},
      webhookUrl: 'https://jalon.example.com/webhooks/jira/con_019a0b1c2d3e4f5a6b7c8d9e0f',
      hasWebhookSecret: true,
      health: {
        status: 'healthy',
        lastDeliveryAt: '2027-01-10T08:00:00.000Z',
        lastSyncAt: null,
        lastError: null,
        lastErrorAt: null,
      },
      createdAt: '2027-01-01T08:00:00.000Z',
      updatedAt: '2027-01-01T08:00:00.000Z',
    },
  });

export const connectionRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const admin = app.requireRole('admin');

  app.post(
    '/v1/connections',
    {
      schema: {
        operationId: 'createConnection',
        tags: ['connections'],
        summary: 'Connect a tracker account (credentials are write-only, stored encrypted)',
        body: ConnectionInput,
        response: { 201: Connection, ...problems(403, 422) },
      },
      preHandler: admin,
    },
    async (req, reply) => {
      const created = await services.connections.create(actorOf(req), req.body);
      return sendCreated(reply, `/v1/connections/${created.id}`, created);
    },
  );

  app.get(
    '/v1/connections',
    {
      schema: {
        operationId: 'listConnections',
        tags: ['connections'],
        summary: 'Tracker connections with their health',
        querystring: PageQuery.extend({ tracker: Tracker.optional() }),
        response: {
          200: z.object({ items: z.array(Connection), nextCursor: z.string().nullable() }),
          ...problems(403),
        },
      },
      preHandler: admin,
    },
    async (req) => {
      const { limit, cursor, tracker } = req.query;
      const items = await services.connections.list({
        afterId: decodeCursor(cursor),
        limit: limit + 1,
        tracker,
      });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/v1/connections/:id',
    {
      schema: {
        operationId: 'getConnection',
        tags: ['connections'],
        summary: 'One connection and its health (last delivery, last sync, last error)',
        params: IdParams,
        response: { 200: Connection, ...problems(403, 404) },
      },
      preHandler: admin,
    },
    async (req) => services.connections.get(req.params.id),
  );

  app.patch(
    '/v1/connections/:id',
    {
      schema: {
        operationId: 'updateConnection',
        tags: ['connections'],
        summary: 'Rename, re-point, replace credentials, rotate the webhook secret or change settings',
        params: IdParams,
        body: ConnectionPatch,
        response: { 200: Connection, ...problems(403, 404, 422) },
      },
      preHandler: admin,
    },
    async (req) => services.connections.update(actorOf(req), req.params.id, req.body),
  );
};
