import type { Tracker } from './common.ts';

/** When each vendor retries a failed webhook delivery, and when it gives up. */

export interface RetryPolicy {
  /** Whether a failed attempt (status null: network failure or timeout) is tried again. */
  retryable(status: number | null): boolean;
  /** The vendor's delay before retry `n` (1-based), in real-world ms; null when it gives up. */
  delayMs(retry: number, elapsedMs: number): number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Jira retries 408, 409, 425, 429, 5xx and connection failures, with `X-Atlassian-Webhook-Retry`
 * and the same `X-Atlassian-Webhook-Identifier`, "up to 30 minutes" late
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy). Five retries
 * doubling from one minute stay inside that window.
 * Trello retries a failing callback with backoff (30 s, 60 s, 120 s here) and deletes a webhook
 * whose callback answers 410 Gone (https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/).
 * Asana resends "for up to 24 hours before giving up" when a delivery is not acknowledged within
 * 10 s (https://developers.asana.com/docs/webhooks-guide): exponential from one minute, capped at
 * an hour.
 */
export const RETRY_POLICIES: Readonly<Record<Tracker, RetryPolicy>> = {
  jira: {
    retryable: (s) => s === null || [408, 409, 425, 429].includes(s) || s >= 500,
    delayMs: (n) => (n <= 5 ? MINUTE * 2 ** (n - 1) : null),
  },
  trello: {
    retryable: (s) => s !== 410,
    delayMs: (n) => [30_000, 60_000, 120_000][n - 1] ?? null,
  },
  asana: {
    retryable: () => true,
    delayMs: (n, elapsed) => {
      const delay = Math.min(MINUTE * 2 ** (n - 1), HOUR);
      return elapsed + delay <= 24 * HOUR ? delay : null;
    },
  },
};
