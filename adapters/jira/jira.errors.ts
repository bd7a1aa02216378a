import {
  isApiError,
  isAuthError,
  isConfigError,
  isForbiddenError,
  isNetworkError,
  isNotFoundError,
  isOAuthError,
  isRateLimitError,
  isReauthorizationRequired,
  isSchemaMismatchError,
  isServerError,
} from 'jira.js';
import { JalonError } from '../../src/core/errors.ts';
import {
  networkFailure,
  TaskGone,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';

/**
 * The one place where jira.js failures become core errors. jira.js types every failure and brands
 * it, so its predicates are used rather than `instanceof`
 * (https://github.com/MrRefactoring/jira.js#error-handling).
 *
 * Messages are Jalon's own words and the HTTP status, never the SDK's message, the status text or
 * the response body: they reach API problems, the connection's `lastError`, failed jobs and logs,
 * and a hostile or echoing site would put the request's Authorization header (the token's base64)
 * there. A network failure is named by its Node error code only.
 */

/**
 * When a 429 carries no `Retry-After` (Atlassian documents it but does not always send it), wait
 * this long: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Jira refused the request itself (400, 409…): retrying the same request cannot help. */
export class JiraRequestRejected extends JalonError {
  /** `detail` is Jalon's own wording, never text from Jira's answer. */
  constructor(status: number | null, detail = 'the request is not valid for this site') {
    super(
      'tracker_request_rejected',
      `jira rejected the request${status ? ` (HTTP ${status})` : ''}: ${detail}`,
      {
        details: { tracker: 'jira', status },
      },
    );
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

/** `subject` names what was asked for (an issue id) so a 404 can say what is gone. */
export function translateJiraError(err: unknown, subject: string): Error {
  if (err instanceof JalonError) return err;
  if (isRateLimitError(err))
    return new TrackerRateLimited('jira', err.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
  if (isAuthError(err) || isForbiddenError(err)) return new TrackerAuthFailed('jira', `HTTP ${err.status}`);
  if (isReauthorizationRequired(err))
    return new TrackerAuthFailed('jira', 'the OAuth 2.0 refresh token was refused');
  if (isNotFoundError(err) || (isApiError(err) && err.status === 410)) return new TaskGone('jira', subject);
  if (isServerError(err)) return new TrackerUnavailable('jira', `HTTP ${err.status}`);
  if (isOAuthError(err) || isConfigError(err))
    return new TrackerUnavailable('jira', 'the OAuth 2.0 token endpoint did not answer as expected');
  if (isNetworkError(err)) return new TrackerUnavailable('jira', networkFailure(err));
  if (isApiError(err)) return new JiraRequestRejected(err.status);
  if (isSchemaMismatchError(err))
    return new JiraPayloadInvalid('a response was not the JSON the endpoint promised');
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
