import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  Conflict,
  Forbidden,
  InvalidTransition,
  JalonError,
  NotFound,
  Overloaded,
  Unauthenticated,
  Unavailable,
  ValidationFailed,
} from '../core/errors.ts';

/** RFC 9457 problem details, with Jalon's stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `urn:jalon:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId,
    ...extra,
  };
}

/** The only place a core error becomes an HTTP status. */
export function statusOf(err: JalonError): number {
  if (err instanceof ValidationFailed) return 422;
  if (err instanceof NotFound) return 404;
  if (err instanceof InvalidTransition || err instanceof Conflict) return 409;
  if (err instanceof Unauthenticated) return 401;
  if (err instanceof Forbidden) return 403;
  if (err instanceof Unavailable || err instanceof Overloaded) return 503;
  return err.retryable ? 503 : 400;
}

/**
 * A validation error lists at most this many issues, each message and path clipped, so its size
 * does not grow with the body that caused it (a 1 MB object of unknown keys once produced a
 * 2.26 MB answer): the caller learns what to fix first, not a copy of its input.
 */
const MAX_ISSUES = 20;
const MAX_ISSUES_IN_DETAIL = 5;
const MAX_TEXT = 160;

const clip = (text: string, max = MAX_TEXT): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

function boundedIssues(
  status: number,
  code: string,
  lead: string,
  issues: readonly { path: string; message: string }[],
  total: number,
  requestId: string,
  separator: string,
): Problem {
  const errors = issues.slice(0, MAX_ISSUES).map((e) => ({ path: clip(e.path), message: clip(e.message) }));
  const listed = errors.slice(0, MAX_ISSUES_IN_DETAIL).map((e) => `${e.path}${separator}${e.message}`);
  const more = total - listed.length;
  const detail = `${clip(lead)}: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  return problem(status, code, detail, requestId, {
    errors,
    ...(total > errors.length ? { errorsOmitted: total - errors.length } : {}),
  });
}

/** Builds the problem for any error thrown while handling a request. */
export function toProblem(err: unknown, requestId: string): Problem {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.slice(0, MAX_ISSUES).map((v) => ({
      path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    const lead = `The ${err.validationContext ?? 'request'} is invalid`;
    return boundedIssues(400, 'validation_failed', lead, issues, err.validation.length, requestId, ' ');
  }
  if (err instanceof ValidationFailed) {
    return boundedIssues(422, err.code, err.message, err.errors, err.errors.length, requestId, ': ');
  }
  if (err instanceof JalonError) {
    return problem(statusOf(err), err.code, err.message, requestId, err.details ?? {});
  }
  if (isResponseSerializationError(err)) {
    return problem(500, 'internal_error', 'The server failed to produce its answer', requestId);
  }
  const fe = err as Partial<FastifyError>;
  // PostgreSQL cannot store U+0000 in text or jsonb (SQLSTATE 22021, 22P05): the transaction was
  // rolled back, so the caller's input is at fault, not the server.
  if (['22021', '22P05'].includes(sqlState(err) ?? '')) {
    return problem(422, 'invalid_text', 'Text must not contain the NUL character (U+0000)', requestId);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fastifyCode(fe.code);
    return problem(fe.statusCode, code, clip(fe.message ?? 'Bad request', 300), requestId);
  }
  return problem(500, 'internal_error', 'An unexpected error occurred; it has been logged', requestId);
}

/** The SQLSTATE of a database error, also when a query builder wrapped it (`cause`). */
function sqlState(err: unknown): string | undefined {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function fastifyCode(code: string | undefined): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'url_too_long';
    case 'FST_ERR_BAD_URL':
      return 'bad_url';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed_body';
    default:
      return 'bad_request';
  }
}

/** Seconds a client should wait after a 503 (overload, an outage) before it retries. */
const RETRY_AFTER_SECONDS = '5';

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  if ((p.status === 503 || p.status === 429) && !reply.hasHeader('retry-after'))
    reply.header('retry-after', RETRY_AFTER_SECONDS);
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

export function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(err, req.id);
  if (err instanceof Unauthenticated) {
    // RFC 6750 §3: the challenge, with error="invalid_token" when a credential was presented.
    reply.header(
      'www-authenticate',
      `Bearer realm="jalon"${err.invalidCredential ? ', error="invalid_token"' : ''}`,
    );
  }
  // A shed request is the guard working, not a failure: one error line each would add to the load.
  if (err instanceof Overloaded) req.log.debug({ code: p.code }, 'request shed');
  else if (p.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.debug({ code: p.code }, 'request rejected');
  return sendProblem(reply, p);
}
