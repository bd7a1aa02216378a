import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../core/auth.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { sendCreated } from '../created.ts';
import { Id, problems, Timestamp } from '../schemas.ts';

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
};
