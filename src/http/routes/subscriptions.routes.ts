import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JalonError } from '../../core/errors.ts';
import { EventType } from '../../core/events.ts';
import { decodeWhsec, SECRET_PREFIX } from '../../services/event-signature.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import {
  decodeCursor,
  encodeCursor,
  Id,
  IdParams,
  Link,
  PageQuery,
  problems,
  Timestamp,
} from '../schemas.ts';

const EXAMPLE_ID = 'sub_019a0b1c2d3e4f5a6b7c8d9e0f';

const NewSubscription = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .describe('Where Jalon POSTs the events; http(s), without user:password@'),
    events: z
      .array(EventType)
      .min(1)
      .max(EventType.options.length)
      .describe('The event types this subscriber receives'),
    secret: z
      .string()
      .min(16)
      .max(512)
      .refine((v) => !v.startsWith(SECRET_PREFIX) || (decodeWhsec(v)?.length ?? 0) >= 24, {
        message: 'a whsec_ secret must be whsec_ followed by the standard base64 of 24 to 64 random bytes',
      })
      .refine((v) => (decodeWhsec(v)?.length ?? 0) <= 64, {
        message: 'a whsec_ secret must hold at most 64 bytes',
      })
      .describe(
        'Write-only: the Standard Webhooks signing secret, `whsec_` + the base64 of 24 to 64 random bytes (docs/EVENTS.md). Any other string of 16 or more characters is accepted as before: its UTF-8 bytes are the key (the secret `whsec_` + base64 of it)',
      ),
  })
  .strict()
  .meta({
    id: 'NewSubscription',
    example: {
      url: 'https://erp.client.example/hooks/jalon',
      events: ['milestone.unlocked', 'milestone.paid'],
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    },
  });

const Subscription = z
  .object({
    id: z.string(),
    url: Link,
    events: z.array(EventType),
    createdBy: z.string().describe('The API key that created it'),
    createdAt: Timestamp,
    deletedAt: Timestamp.nullable().describe('Set once deleted: nothing more is delivered'),
  })
  .meta({
    id: 'Subscription',
    example: {
      id: EXAMPLE_ID,
      url: 'https://erp.client.example/hooks/jalon',
      events: ['milestone.unlocked', 'milestone.paid'],
      createdBy: 'key_019a0b1c2d3e4f5a6b7c8d9e0a',
      createdAt: '2027-01-04T09:00:00.000Z',
      deletedAt: null,
    },
  });

const DeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'cancelled']);

const EventDelivery = z
  .object({
    id: z.string(),
    eventId: z.string().describe('Sent as `Jalon-Event-Id`; the same on every attempt'),
    eventType: EventType,
    status: DeliveryStatus.describe(
      '`pending` (being tried), `delivered` (a 2xx answer), `failed` (attempts exhausted), `cancelled` (subscription deleted)',
    ),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: Timestamp.nullable(),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({
    id: 'EventDelivery',
    example: {
      id: '42',
      eventId: 'evt_019a0b1c2d3e4f5a6b7c8d9e0f',
      eventType: 'milestone.unlocked',
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
      lastAttemptAt: '2027-03-04T10:01:31.000Z',
      nextAttemptAt: null,
      deliveredAt: '2027-03-04T10:01:31.000Z',
      createdAt: '2027-03-04T10:00:00.000Z',
    },
  });

/** Delivery ids are numbers, newest first: the cursor is the last id of the page. */
function beforeIdOf(cursor: string | undefined): number | null {
  const id = decodeCursor(cursor);
  if (id === null) return null;
  if (!/^\d{1,15}$/.test(id))
    throw new JalonError('invalid_cursor', 'The cursor is not one this API returned');
  return Number(id);
}

export const subscriptionRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('finance');
  const tags = ['subscriptions'];

  app.post(
    '/v1/subscriptions',
    {
      schema: {
        operationId: 'createSubscription',
        tags,
        summary: 'Subscribe a URL to signed events (the secret is write-only, stored encrypted)',
        body: NewSubscription,
        response: { 201: Subscription, ...problems(403, 422) },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      const created = await services.subscriptions.create(actorOf(req), req.body);
      return sendCreated(reply, `/v1/subscriptions/${created.id}`, created);
    },
  );

  app.get(
    '/v1/subscriptions',
    {
      schema: {
        operationId: 'listSubscriptions',
        tags,
        summary: 'Live subscriptions',
        querystring: PageQuery,
        response: {
          200: z.object({ items: z.array(Subscription), nextCursor: z.string().nullable() }),
          ...problems(403),
        },
      },
      preHandler: guard,
    },
    async (req) => {
      const { limit, cursor } = req.query;
      const items = await services.subscriptions.list({ afterId: decodeCursor(cursor), limit: limit + 1 });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/v1/subscriptions/:id',
    {
      schema: {
        operationId: 'getSubscription',
        tags,
        summary: 'One subscription (a deleted one shows deletedAt)',
        params: IdParams,
        response: { 200: Subscription, ...problems(403, 404) },
      },
      preHandler: guard,
    },
    async (req) => services.subscriptions.get(req.params.id),
  );

  app.delete(
    '/v1/subscriptions/:id',
    {
      schema: {
        operationId: 'deleteSubscription',
        tags,
        summary: 'Stop delivering to this subscription (pending deliveries are cancelled)',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), ...problems(403, 404) },
      },
      preHandler: guard,
    },
    async (req, reply) => {
      await services.subscriptions.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/subscriptions/:id/deliveries',
    {
      schema: {
        operationId: 'listSubscriptionDeliveries',
        tags,
        summary: 'The delivery log of one subscription, newest first',
        params: IdParams,
        querystring: PageQuery.extend({ status: DeliveryStatus.optional(), eventId: Id.optional() }),
        response: {
          200: z.object({ items: z.array(EventDelivery), nextCursor: z.string().nullable() }),
          ...problems(403, 404),
        },
      },
      preHandler: guard,
    },
    async (req) => {
      const { limit, cursor, status, eventId } = req.query;
      const items = await services.subscriptions.deliveries(
        req.params.id,
        { status, eventId },
        { beforeId: beforeIdOf(cursor), limit: limit + 1 },
      );
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.id) : null };
    },
  );
};
