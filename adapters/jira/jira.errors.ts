import {
  isApiError,
  isAuthError,
  isForbiddenError,
  isNetworkError,
  isNotFoundError,
  isOAuthError,
  isRateLimitError,
  isReauthorizationRequired,
  isServerError,
} from 'jira.js';
import { JalonError } from '../../src/core/errors.ts';
import {
  TaskGone,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';

/**
 * The one place where jira.js failures become core errors. jira.js types every failure and brands
 * it, so its predicates are used rather than `instanceof`
 * (https://github.com/MrRefactoring/jira.js#error-handling).
 */

/**
 * When a 429 carries no `Retry-After` (Atlassian documents it but does not always send it), wait
 * this long: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Jira refused the request itself (400, 409…): retrying the same request cannot help. */
export class JiraRequestRejected extends JalonError {
  constructor(status: number | null, detail: string) {
    super('tracker_request_rejected', `jira rejected the request${status ? ` (${status})` : ''}: ${detail}`, {
      details: { tracker: 'jira', status },
    });
  }
}

/** A payload Jira sent lacks what Jalon needs (id, status, dates). */
export class JiraPayloadInvalid extends JalonError {
  constructor(detail: string) {
    super('tracker_payload_invalid', `jira payload cannot be read: ${detail}`, {
      details: { tracker: 'jira' },
    });
  }
}

/** A connection that cannot work as configured (no site URL, no webhook secret…). */
export class JiraMisconfigured extends JalonError {
  constructor(detail: string) {
    super('tracker_misconfigured', `jira connection is misconfigured: ${detail}`, {
      details: { tracker: 'jira' },
    });
  }
}

/** Jira's error bodies: `{ errorMessages: [...], errors: { field: message } }`. */
function describeBody(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (typeof body !== 'object' || body === null) return 'no detail';
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  const messages = Array.isArray(errorMessages) ? errorMessages.map(String) : [];
  const fields =
    typeof errors === 'object' && errors !== null
      ? Object.entries(errors).map(([field, message]) => `${field}: ${String(message)}`)
      : [];
  return [...messages, ...fields].join('; ') || 'no detail';
}

/** `subject` names what was asked for (an issue id) so a 404 can say what is gone. */
export function translateJiraError(err: unknown, subject: string): Error {
  if (err instanceof JalonError) return err;
  if (isRateLimitError(err))
    return new TrackerRateLimited('jira', err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
  if (isAuthError(err) || isForbiddenError(err)) {
    return new TrackerAuthFailed('jira', `${err.status} ${err.statusText}`.trim());
  }
  if (isReauthorizationRequired(err))
    return new TrackerAuthFailed('jira', 'the OAuth 2.0 refresh token was refused');
  if (isNotFoundError(err) || (isApiError(err) && err.status === 410)) return new TaskGone('jira', subject);
  if (isServerError(err)) return new TrackerUnavailable('jira', `${err.status} ${err.statusText}`.trim());
  if (isNetworkError(err) || isOAuthError(err)) return new TrackerUnavailable('jira', err.message);
  if (isApiError(err)) return new JiraRequestRejected(err.status, describeBody(err.body));
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs one SDK call and translates its failure. */
export async function jiraCall<T>(subject: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw translateJiraError(err, subject);
  }
}
