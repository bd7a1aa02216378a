import { z } from 'zod';
import { JalonError } from '../core/errors.ts';

/** Shapes every route shares: ids, problems, pagination. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
export const IdParams = z.object({ id: Id });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details',
    example: {
      type: 'urn:jalon:problem:validation_failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The body is invalid: body.name Too small: expected string to have >=1 characters',
      code: 'validation_failed',
      requestId: 'req-1',
      errors: [{ path: 'body.name', message: 'Too small: expected string to have >=1 characters' }],
    },
  });

/** The error responses a route documents; every route can answer 400 and 401. */
export function problems(...statuses: number[]) {
  return Object.fromEntries([400, 401, ...statuses].map((s) => [s, ProblemSchema])) as Record<
    number,
    typeof ProblemSchema
  >;
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Opaque cursors: the last id seen, base64url-encoded. */
export const encodeCursor = (lastId: string): string => Buffer.from(lastId, 'utf8').toString('base64url');
export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!Id.safeParse(id).success)
    throw new JalonError('invalid_cursor', 'The cursor is not one this API returned');
  return id;
}
