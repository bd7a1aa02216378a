import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JalonError } from '../../core/errors.ts';
import type { Services } from '../../services/services.ts';
import { problems } from '../schemas.ts';

const AuditRecord = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actorKeyId: z.string(),
    actorRole: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({
    id: 'AuditRecord',
    example: {
      id: 'aud_019a0b1c2d3e4f5a6b7c8d9e0f',
      seq: 42,
      at: '2027-01-15T09:30:00.000Z',
      actorKeyId: 'key_019a0b1c2d3e4f5a6b7c8d9e0f',
      actorRole: 'pmo',
      entityType: 'engagement',
      entityId: 'eng_019a0b1c2d3e4f5a6b7c8d9e0f',
      action: 'activate',
      before: { status: 'draft' },
      after: { status: 'active' },
    },
  });

const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(40).optional(),
});

const encode = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decode(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw new JalonError('invalid_cursor', 'The cursor is not one this API returned');
  return Number(m[1]);
}

export const auditRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/audit',
    {
      schema: {
        operationId: 'listAudit',
        tags: ['audit'],
        summary: 'Every recorded change, oldest first',
        querystring: AuditQuery,
        response: {
          200: z.object({ items: z.array(AuditRecord), nextCursor: z.string().nullable() }),
          ...problems(403),
        },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req) => {
      const { limit, cursor, entityType, entityId } = req.query;
      const items = await services.audit.list({
        entityType,
        entityId,
        afterSeq: decode(cursor),
        limit: limit + 1,
      });
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > limit && last ? encode(last.seq) : null };
    },
  );
  app.get(
    '/v1/audit/verify',
    {
      schema: {
        operationId: 'verifyAudit',
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first broken link',
        response: {
          200: z
            .object({ valid: z.boolean(), checked: z.number().int(), firstBrokenId: z.string().optional() })
            .meta({ id: 'AuditVerification', example: { valid: true, checked: 1204 } }),
          ...problems(403),
        },
      },
      preHandler: app.requireRole('pmo'),
    },
    async () => services.audit.verify(),
  );
};
