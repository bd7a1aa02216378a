import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../core/auth.ts';
import { actorOf } from '../auth.ts';
import { problems } from '../schemas.ts';

const Me = z
  .object({
    kind: z.enum(['api_key', 'user']).describe('How the caller signed in'),
    role: Role,
    providerId: z.string().nullable().describe('Set for the provider role only'),
    keyId: z.string().nullable().describe('The API key, when the caller used one'),
  })
  .meta({
    id: 'Me',
    description: 'Who the caller is: the workspace shows the pages and actions of this role',
    example: { kind: 'api_key', role: 'pmo', providerId: null, keyId: 'key_019a0b1c2d3e4f5a6b7c8d9e0f' },
  });

export const meRoutes: FastifyPluginAsync = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['api-keys'],
        summary: 'Who the caller is (role, provider)',
        response: { 200: Me, ...problems() },
      },
      preHandler: app.requireRole('pmo', 'finance', 'provider'),
    },
    async (req) => {
      const actor = actorOf(req);
      return { kind: 'api_key' as const, role: actor.role, providerId: actor.providerId, keyId: actor.keyId };
    },
  );
};
