import { z } from 'zod';
import { JalonError } from '../core/errors.ts';
import { PROBLEM_CONTENT_TYPE, TITLES } from './problem.ts';

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

/**
 * The error responses a route documents (every route can answer 400 and 401), sent as
 * `application/problem+json`; 413, 415 and 503 are added to every operation they apply to by
 * openapi-contract.ts.
 */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [400, 401, ...statuses].map((s) => [
      s,
      {
        description: TITLES[s] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  ) as Record<number, ContentResponse>;
}

interface ContentResponse {
  description: string;
  content: Record<string, { schema: z.ZodType }>;
  headers?: Record<string, z.ZodType>;
}

/**
 * A response with the headers it may carry beyond the common ones (openapi-contract.ts), e.g.
 * `200: withHeaders({ 'application/json': { schema: Page } }, { 'X-Next-Cursor': z.string() })`.
 * The first argument is a zod schema (JSON) or a content map, one schema per media type.
 */
export function withHeaders(
  body: z.ZodType | Record<string, { schema: z.ZodType }>,
  headers: Record<string, z.ZodType>,
  description = 'OK',
): ContentResponse {
  const content = body instanceof z.ZodType ? { 'application/json': { schema: body } } : body;
  return { description, content, headers };
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

/**
 * Strings Jalon writes in its answers, with the format a generated client or validator relies on
 * (the values come from Jalon, so they are documented rather than checked on the way out).
 */
export const Timestamp = z.string().meta({ format: 'date-time' });
export const CivilDate = z.string().meta({ format: 'date' });
export const Link = z.string().meta({ format: 'uri' });
/** A link that may be relative to the API's own URL (`/v1/...`). */
export const LinkRef = z.string().meta({ format: 'uri-reference' });

type ResponseSchemas = Record<string | number, unknown>;
const isContentResponse = (r: unknown): r is ContentResponse =>
  typeof r === 'object' && r !== null && !(r instanceof z.ZodType) && 'content' in r;

/**
 * Any operation may answer 503 as a problem (the overload guard sheds a request before its handler
 * runs, an outage fails it), so a route that declares a 503 of its own (GET /ready's readiness
 * report) also declares the problem beside it, by media type: the problem is then serialized with
 * the Problem schema instead of failing the route's (a 500), and the contract says both.
 */
export function allowProblemOn503(schemas: unknown): void {
  if (typeof schemas !== 'object' || schemas === null) return;
  const response = schemas as ResponseSchemas;
  const declared = response[503];
  if (declared === undefined) return;
  const problem = { schema: ProblemSchema };
  if (declared instanceof z.ZodType) {
    response[503] = {
      description: 'Service Unavailable: the route’s own answer (JSON), or a problem (overload, an outage)',
      content: { 'application/json': { schema: declared }, [PROBLEM_CONTENT_TYPE]: problem },
    } satisfies ContentResponse;
  } else if (isContentResponse(declared) && !declared.content[PROBLEM_CONTENT_TYPE]) {
    response[503] = { ...declared, content: { ...declared.content, [PROBLEM_CONTENT_TYPE]: problem } };
  }
}
