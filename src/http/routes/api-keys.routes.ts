import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../core/auth.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { pageRequest, toPage } from '../paging.ts';
import { Id, IdParams, PageQuery, page, problems, Timestamp } from '../schemas.ts';

const ApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: Role,
    providerId: Id.optional().describe('Required for, and only for, the provider role'),
  })
  .strict()
  .meta({ id: 'ApiKeyInput', example: { name: 'finance-erp', role: 'finance' } });

const CreatedApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    providerId: z.string().nullable(),
    createdAt: Timestamp,
    key: z.string().describe('The key itself. Shown only in this response: store it now.'),
  })
  .meta({
    id: 'CreatedApiKey',
    example: {
      id: 'key_019a0b1c2d3e4f5a6b7c8d9e0f',
      name: 'finance-erp',
      role: 'finance',
      providerId: null,
      createdAt: '2026-11-26T10:00:00.000Z',
      key: 'jln_key_019a0b1c2d3e4f5a6b7c8d9e0f_Zx2…',
    },
  });

const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    providerId: z.string().nullable(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable().describe('Recorded at most once a minute'),
    revokedAt: Timestamp.nullable(),
  })
  .meta({
    id: 'ApiKeySummary',
    description: 'An API key as listed: never its secret',
    example: {
      id: 'key_019a0b1c2d3e4f5a6b7c8d9e0f',
      name: 'finance-erp',
      role: 'finance',
      providerId: null,
      createdAt: '2026-11-26T10:00:00.000Z',
      lastUsedAt: '2026-12-01T08:12:00.000Z',
      revokedAt: null,
    },
  });

export const apiKeyRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/v1/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key (the key is shown once)',
        body: ApiKeyInput,
        response: { 201: CreatedApiKey, ...problems(403, 422) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (req, reply) => {
      const key = await services.apiKeys.create(actorOf(req), req.body);
      return sendCreated(reply, `/v1/api-keys/${key.id}`, key);
    },
  );
  app.get(
    '/v1/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags: ['api-keys'],
        summary: 'List API keys, oldest first (revoked ones included; never the secrets)',
        querystring: PageQuery,
        response: { 200: page(ApiKey), ...problems(403) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (req) => toPage(await services.apiKeys.list(actorOf(req), pageRequest(req.query)), req.query.limit),
  );
  app.delete(
    '/v1/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['api-keys'],
        summary: 'Revoke an API key: every request with it is 401 from now on',
        params: IdParams,
        response: { 204: z.null().describe('Revoked'), ...problems(403, 404) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (req, reply) => {
      await services.apiKeys.revoke(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
