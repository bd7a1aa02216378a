import Fastify, { type FastifyInstance } from 'fastify';
import { HttpError, type Tracker } from './common.ts';
import type { Guards } from './limits.ts';

/**
 * One Fastify instance per emulated tracker: lenient body parsing (SDKs send a JSON content type
 * on bodiless DELETEs), the tracker's rate limits and faults, and errors in the vendor's shape.
 */

const NOT_FOUND: Readonly<Record<Tracker, unknown>> = {
  jira: { errorMessages: ['The requested resource could not be found.'], errors: {} },
  trello: 'The requested resource was not found.',
  asana: { errors: [{ message: 'Not Found', help: 'https://developers.asana.com/docs/errors' }] },
};

const SERVER_ERROR: Readonly<Record<Tracker, unknown>> = {
  jira: { errorMessages: ['Internal server error'], errors: {} },
  trello: 'Internal Server Error',
  asana: { errors: [{ message: 'Server Error', phrase: '5 tired turtles trot quietly' }] },
};

/** A 400 in the vendor's words. */
export function badRequest(tracker: Tracker, message: string): HttpError {
  if (tracker === 'jira') return new HttpError(400, { errorMessages: [message], errors: {} });
  if (tracker === 'trello') return new HttpError(400, message);
  return new HttpError(400, { errors: [{ message, help: 'https://developers.asana.com/docs/errors' }] });
}

function parseLenientJson(body: string): unknown {
  if (body.trim() === '') return {};
  return JSON.parse(body);
}

export function createTrackerServer(tracker: Tracker, guards: Guards, apiPrefix: string): FastifyInstance {
  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    bodyLimit: 10 * 1024 * 1024,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseLenientJson(String(body)));
    } catch (err) {
      done(badRequest(tracker, `invalid JSON: ${(err as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  guards.install(app, tracker, apiPrefix);
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).headers(err.headers).send(err.body);
    const status = (err as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const bad = badRequest(tracker, err instanceof Error ? err.message : String(err));
      return reply.code(status).send(bad.body);
    }
    return reply.code(500).send(SERVER_ERROR[tracker]);
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(NOT_FOUND[tracker]));
  return app;
}
