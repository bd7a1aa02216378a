import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../core/auth.ts';
import { type IdempotencyRequest, type IdempotentResult, requestHash } from '../services/idempotency.ts';

/**
 * The `Idempotency-Key` header of writes that move money, for any route: declare
 * `headers: IdempotencyHeaders`, pass `idempotencyOf(req, actor)` to the service (which wraps its
 * write in `idempotent`), answer with `sendIdempotent`.
 */
export const IdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .min(1)
      .max(255)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional()
      .describe(
        'Makes the write safe to retry: the same key and body replay the first answer (with Idempotent-Replayed: true); the same key with another body is 409 idempotency_key_reused',
      ),
  })
  .loose();

/** The key, its scope (this route and the caller's key) and the request's fingerprint; null without a key. */
export function idempotencyOf(req: FastifyRequest, actor: Actor): IdempotencyRequest | null {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return null;
  return {
    scope: `${req.method} ${req.routeOptions.url} ${actor.keyId}`,
    key,
    requestHash: requestHash(req.method, req.url.split('?')[0] ?? req.url, req.body),
  };
}

export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>): FastifyReply {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(result.status).send(result.body);
}
