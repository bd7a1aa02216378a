import type { FastifyReply } from 'fastify';
import type { JsonPage } from '../core/engagement-ports.ts';
import { encodeCursor } from './schemas.ts';

/**
 * Sends a page already written as JSON (`{ items, nextCursor }`, the `page(...)` schema) as it is.
 * Fastify sends a string whose content type is JSON without serialising it again (reply.send: a
 * string payload with a content type set goes straight to onSend), so the route's zod response
 * schema documents the answer (OpenAPI) but does not re-validate it: the repositories write exactly
 * what the schema's serializer would (the finance list in SQL, the portfolio in Node once per
 * shared query), which test/integration/json-pages.test.ts checks byte for byte.
 */
export function sendJsonPage(reply: FastifyReply, page: JsonPage): FastifyReply {
  const next = page.more && page.lastId !== null ? JSON.stringify(encodeCursor(page.lastId)) : 'null';
  return reply.type('application/json; charset=utf-8').send(`{"items":[${page.items}],"nextCursor":${next}}`);
}
