import { expect } from 'vitest';
import type { EventType, NewEvent } from '../../src/core/events.ts';
import type { TestApp } from './app.ts';
import { rawQuery } from './engagement.ts';
import { uniq } from './env.ts';

/** Settings that make a day of retries last about a second: tests of outgoing events use them. */
export const FAST_EVENT_RETRIES = {
  JALON_EVENT_RETRY_BASE_MS: '150',
  JALON_EVENT_RETRY_MAX_DELAY_MS: '300',
  JALON_EVENT_MAX_ATTEMPTS: '4',
  JALON_EVENT_TIMEOUT_MS: '3000',
};

/** Every queue a test app's workers use: obliterated (this app's prefix only) after the tests. */
export const APP_QUEUES = [
  'events',
  'event-delivery',
  'relay',
  'ingest',
  'sync',
  'recompute',
  'pushback',
  'noop',
];

export interface DeliveryItem {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export function eventsApi(t: TestApp) {
  const api = {
    async subscribe(url: string, events: EventType[], secret: string, headers = t.admin): Promise<string> {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/subscriptions',
        headers,
        payload: { url, events, secret },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    },

    /** Records an event as a service would, inside a transaction; returns its id. */
    async append(type: EventType, over: Partial<NewEvent> = {}) {
      const subjectId = over.subjectId ?? uniq('mil');
      const dedupeKey = over.dedupeKey ?? `${type}:${subjectId}`;
      const appended = await t.container.store.transaction((r) =>
        r.outbox.append({
          type,
          subjectType: 'milestone',
          subjectId,
          engagementId: 'eng_test',
          providerId: 'prv_test',
          data: { milestoneId: subjectId, netMinor: 5_400_000, currency: 'EUR' },
          dedupeKey,
          ...over,
        }),
      );
      const [row] = await rawQuery<{ id: string }>(t, 'select id from outbox_events where dedupe_key = $1', [
        dedupeKey,
      ]);
      if (!row) throw new Error(`event ${dedupeKey} was not recorded`);
      return { appended, eventId: row.id, dedupeKey };
    },

    async deliveries(subscriptionId: string, query = ''): Promise<DeliveryItem[]> {
      const res = await t.app.inject({
        url: `/v1/subscriptions/${subscriptionId}/deliveries${query}`,
        headers: t.admin,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: DeliveryItem[] }>().items;
    },

    /** Polls the delivery log until `done` holds for it. */
    async logUntil(
      subscriptionId: string,
      done: (items: DeliveryItem[]) => boolean,
      timeoutMs = 15_000,
    ): Promise<DeliveryItem[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const items = await api.deliveries(subscriptionId);
        if (done(items)) return items;
        if (Date.now() > deadline) throw new Error(`delivery log never settled: ${JSON.stringify(items)}`);
        await sleep(100);
      }
    },
  };
  return api;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
