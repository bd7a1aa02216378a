import type { z } from 'zod';
import { JalonError } from '../../src/core/errors.ts';
import {
  networkFailure,
  TaskGone,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';
import { TrelloHttpError } from './trello.transport.ts';

/**
 * The one place Trello failures become core errors. Their messages are Jalon's own words and the
 * HTTP status, never Trello's body or the SDK's message: they reach API problems, the connection's
 * `lastError`, failed jobs and logs, and Trello's key and token travel in the query string a
 * hostile or echoing server can repeat. A network failure is named by its Node error code only.
 *
 * Rate limits (https://developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/): fixed
 * 10-second windows, 100 requests per token and 300 per key; past 200 rejections in a window the
 * key is refused for the rest of that window. A 429 carries no Retry-After, only the window state in
 * `x-rate-limit-<scope>-{interval-ms,max,remaining}` (scopes `api-token`, `api-key`) and a body
 * naming the limit hit (`API_TOKEN_LIMIT_EXCEEDED`, `API_KEY_LIMIT_EXCEEDED`). Where the window
 * started is not said, so the wait is one full interval of the exhausted scope: by then that window
 * has ended, and with it any key lock.
 */
export const DEFAULT_WINDOW_MS = 10_000;

const INTERVAL_HEADER = /^x-rate-limit-(.+)-interval-ms$/;

/** A Retry-After in seconds or as an HTTP date, when some proxy in front of Trello adds one. */
function retryAfterMs(value: string | null, now: number): number | null {
  if (!value?.trim()) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Which scope the 429 body names, e.g. `API_TOKEN_LIMIT_EXCEEDED` → `api-token`. */
function scopeInBody(body: string): string | null {
  const match = /API_(TOKEN|KEY)_(?:DB_)?LIMIT_EXCEEDED/.exec(body);
  return match?.[1] ? `api-${match[1].toLowerCase()}` : null;
}

/** How long to wait before calling again after a 429 (at least 1 ms: zero would mean "now"). */
export function rateLimitDelayMs(headers: Headers, body: string, now: number = Date.now()): number {
  const explicit = retryAfterMs(headers.get('retry-after'), now);
  if (explicit !== null) return Math.max(1, Math.ceil(explicit));
  const named = scopeInBody(body);
  const intervals: number[] = [];
  const exhausted: number[] = [];
  headers.forEach((value, name) => {
    const scope = INTERVAL_HEADER.exec(name.toLowerCase())?.[1];
    const interval = Number(value);
    if (!scope || !Number.isFinite(interval) || interval <= 0) return;
    intervals.push(interval);
    const remaining = headers.get(`x-rate-limit-${scope}-remaining`);
    if (scope === named || (remaining !== null && Number(remaining) <= 0)) exhausted.push(interval);
  });
  const candidates = exhausted.length > 0 ? exhausted : intervals;
  return candidates.length > 0 ? Math.max(...candidates) : DEFAULT_WINDOW_MS;
}

/** A request Trello refuses as malformed (400, 422…): retrying it will not help. */
export class TrelloRequestRejected extends JalonError {
  constructor(status: number) {
    super('tracker_request_rejected', `trello rejected the request (HTTP ${status})`, {
      details: { tracker: 'trello', status },
    });
  }
}

/** Trello answered 2xx with JSON that lacks what Jalon reads: a vendor change, not worth retrying. */
export class TrelloResponseUnreadable extends JalonError {
  constructor(what: string, detail: string) {
    super('tracker_response_unreadable', `trello sent an unreadable ${what}: ${detail}`);
  }
}

/** Validates a Trello response with one of trello.payloads.ts's schemas. */
export function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TrelloResponseUnreadable(
    what,
    `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
  );
}

/** fetch() rejects with a TypeError (cause: the socket error) when Trello cannot be reached. */
const isNetworkFailure = (err: unknown): boolean =>
  err instanceof TypeError || (err instanceof Error && err.name === 'AbortError');

/**
 * Translates a failure of a Trello call about `subject` (a card id, a board id…) into a core error;
 * errors that are already Jalon's pass through.
 */
export function toCoreError(err: unknown, subject: string): Error {
  if (err instanceof JalonError) return err;
  if (err instanceof TrelloHttpError) {
    const { status } = err;
    if (status === 429) return new TrackerRateLimited('trello', rateLimitDelayMs(err.headers, err.body));
    if (status === 401 || status === 403) return new TrackerAuthFailed('trello', `HTTP ${status}`);
    if (status === 404 || status === 410) return new TaskGone('trello', subject);
    if (status >= 500) return new TrackerUnavailable('trello', `HTTP ${status}`);
    return new TrelloRequestRejected(status);
  }
  if (isNetworkFailure(err)) return new TrackerUnavailable('trello', networkFailure(err));
  // JSON.parse's message quotes the start of the text it could not read: Trello's body.
  if (err instanceof SyntaxError) return new TrelloResponseUnreadable('response', 'it is not JSON');
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs one SDK call, translating its failure. */
export async function call<T>(subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toCoreError(err, subject);
  }
}
