import { randomUUID } from 'node:crypto';
import type { Tracker } from './common.ts';
import type { DeliveryCounters, DeliveryRecord, Outbound } from './webhooks.ts';

/** One delivery's attempts: when each vendor retries a failed delivery, and when it gives up. */

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

/** How long a receiver has to answer, as the vendors document it for Asana (10 s). */
const ATTEMPT_TIMEOUT_MS = 10_000;

async function attemptOnce(
  out: Outbound,
  attempt: number,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(out.url, {
      method: 'POST',
      headers: out.headers(attempt),
      body: out.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, error: null };
  } catch (err) {
    return { status: null, error: err instanceof Error ? err.message : String(err) };
  }
}

export function newRecord(
  out: Outbound,
  copy: DeliveryRecord['copy'],
  status: DeliveryRecord['status'],
): DeliveryRecord {
  return {
    id: randomUUID(),
    tracker: out.tracker,
    hookId: out.hookId,
    url: out.url,
    event: out.event,
    copy,
    status,
    attempts: 0,
    lastStatus: null,
    lastError: null,
    enqueuedAt: new Date().toISOString(),
    finishedAt: null,
  };
}

export function finish(entry: DeliveryRecord, status: DeliveryRecord['status']): void {
  entry.status = status;
  entry.finishedAt = new Date().toISOString();
}

export interface SendEnv {
  readonly timeFactor: number;
  counters(tracker: Tracker): DeliveryCounters;
  later(ms: number, run: () => void): void;
  closed(): boolean;
}

/** Sends one copy through all its attempts; resolves when it is delivered or given up. */
export function sendWithRetries(out: Outbound, entry: DeliveryRecord, env: SendEnv): Promise<void> {
  const policy = RETRY_POLICIES[out.tracker];
  const c = () => env.counters(out.tracker);
  let elapsed = 0;
  return new Promise((resolve) => {
    const attempt = async (n: number) => {
      if (env.closed() || out.stillWanted?.() === false) {
        finish(entry, 'abandoned');
        return resolve();
      }
      c().attempts += 1;
      entry.attempts = n + 1;
      const { status, error } = await attemptOnce(out, n);
      entry.lastStatus = status;
      entry.lastError = error;
      const ok = status !== null && status >= 200 && status < 300;
      const delay = ok || !policy.retryable(status) ? null : policy.delayMs(n + 1, elapsed);
      out.onAttempt?.({ attempt: n, status, ok, final: ok || delay === null });
      if (!ok) c().failedAttempts += 1;
      if (ok || delay === null) {
        c()[ok ? 'delivered' : 'givenUp'] += 1;
        finish(entry, ok ? 'delivered' : 'failed');
        return resolve();
      }
      c().retried += 1;
      elapsed += delay;
      env.later(Math.max(1, Math.round(delay * env.timeFactor)), () => void attempt(n + 1));
    };
    void attempt(0);
  });
}
