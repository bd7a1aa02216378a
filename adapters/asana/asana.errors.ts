import { ZodError, z } from 'zod';
import { JalonError } from '../../src/core/errors.ts';
import {
  networkFailure,
  TaskGone,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';
import { AsanaErrorBody } from './asana.payloads.ts';

/**
 * The one place where Asana failures become core errors. The SDK rejects with superagent's error:
 * `status` and `response` for HTTP errors, a Node `code` for network failures.
 * Statuses: https://developers.asana.com/docs/errors
 *
 * Messages are Jalon's own words and the HTTP status, never Asana's `errors[].message` or the
 * SDK's message: they reach API problems, the connection's `lastError`, failed jobs and logs, and a
 * hostile or echoing server would put the request's bearer token there.
 */

/** Asana's `Retry-After` is in seconds; 60 s (its quota window) when absent or unreadable. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * The events sync token is invalid or older than Asana keeps (24 h at most): the 412 body carries
 * a fresh token, and whatever happened before it must be recovered by crawling the project again.
 * https://developers.asana.com/reference/getevents
 */
export class AsanaSyncExpired extends JalonError {
  readonly freshSync: string;
  constructor(freshSync: string) {
    super('tracker_sync_expired', 'asana events sync token expired: a full crawl is needed', {
      retryable: true,
    });
    this.freshSync = freshSync;
  }
}

/** A 4xx that retrying will not fix (400 bad input, 402 premium-only feature, 451). */
export class AsanaRequestRejected extends JalonError {
  constructor(status: number) {
    super('tracker_request_rejected', `asana rejected the request (HTTP ${status})`, {
      details: { tracker: 'asana', status },
    });
  }
}

/** The connection's settings name something the workspace does not have. */
export class AsanaMisconfigured extends JalonError {
  constructor(detail: string) {
    super('tracker_misconfigured', `asana connection settings do not match the workspace: ${detail}`);
  }
}

/** What superagent attaches to an HTTP error (https://ladjs.github.io/superagent/#error-handling). */
const HttpFailure = z.object({
  status: z.number().int(),
  response: z
    .object({ headers: z.record(z.string(), z.unknown()).catch({}), body: z.unknown() })
    .nullish()
    .catch(null),
});
type HttpFailure = z.infer<typeof HttpFailure>;

/** `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: unknown, now: number = Date.now()): number {
  if (typeof value !== 'string' || value.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1000, Math.ceil(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(1000, at - now);
}

function fromStatus(f: HttpFailure, subject: string): Error {
  const body = f.response?.body;
  if (f.status === 429) {
    return new TrackerRateLimited('asana', retryAfterMs(f.response?.headers['retry-after']));
  }
  if (f.status === 401 || f.status === 403) return new TrackerAuthFailed('asana', `HTTP ${f.status}`);
  if (f.status === 404 || f.status === 410) return new TaskGone('asana', subject);
  if (f.status === 412) {
    const parsed = AsanaErrorBody.safeParse(body);
    const sync = parsed.success ? parsed.data.sync : null;
    if (sync) return new AsanaSyncExpired(sync);
  }
  if (f.status >= 500) return new TrackerUnavailable('asana', `HTTP ${f.status}`);
  return new AsanaRequestRejected(f.status);
}

/**
 * Maps anything a call to Asana threw. `subject` names the object asked for (a task gid) so a
 * 404/410 becomes `TaskGone` for it; callers that can live with a missing object catch that.
 */
export function translateAsanaError(err: unknown, subject: string): Error {
  if (err instanceof JalonError) return err;
  if (err instanceof ZodError) {
    return new TrackerUnavailable('asana', `unexpected response shape: ${err.issues[0]?.message ?? ''}`);
  }
  const failure = HttpFailure.safeParse(err);
  if (failure.success) return fromStatus(failure.data, subject);
  return new TrackerUnavailable('asana', networkFailure(err));
}
