import type { FastifyReply } from 'fastify';
import type { JsonPage } from '../core/engagement-ports.ts';
import { encodeCursor } from './schemas.ts';

/** The body of each page, encoded once: the requests that shared a query send the same bytes. */
const bodies = new WeakMap<JsonPage, Buffer>();

/**
 * Sends a page already written as JSON (`{ items, nextCursor }`, the `page(...)` schema) as it is.
 * Fastify sends a Buffer whose content type is set without serialising it again (reply.send: a
 * Buffer payload goes straight to onSend), so the route's zod response schema documents the answer
 * (OpenAPI) but does not re-validate it: the repositories write exactly what the schema's
 * serializer would (the finance list in SQL, the portfolio in Node once per shared query), which
 * test/integration/json-pages.test.ts checks byte for byte. The UTF-8 body is made once per page
 * object, so the requests sharing one query (services/shared-reads.ts) also share its encoding.
 */
export function sendJsonPage(reply: FastifyReply, page: JsonPage): FastifyReply {
  let body = bodies.get(page);
  if (!body) {
    const next = page.more && page.lastId !== null ? JSON.stringify(encodeCursor(page.lastId)) : 'null';
    body = Buffer.from(`{"items":[${page.items}],"nextCursor":${next}}`, 'utf8');
    bodies.set(page, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
