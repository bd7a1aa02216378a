import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsProcessor } from '../../src/jobs/events.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { APP_QUEUES, eventsApi, FAST_EVENT_RETRIES, sleep } from '../support/events.ts';

let t: TestApp;
let workers: Workers;
let api: ReturnType<typeof eventsApi>;
const receivers: EventReceiver[] = [];
const SECRET = 'whsec_routing0123456789abcdef0123456789abc';

async function receiver(opts: Parameters<typeof startEventReceiver>[0] = {}) {
  const r = await startEventReceiver(opts);
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  t = await buildTestApp({ env: FAST_EVENT_RETRIES });
  workers = t.container.startWorkers();
  api = eventsApi(t);
});
afterAll(async () => {
  await workers?.close();
  for (const q of APP_QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  for (const r of receivers) await r.close();
  await t?.close();
});

describe('who receives an event', () => {
  it('each subscription gets only the event types it asked for', async () => {
    const money = await receiver();
    const review = await receiver();
    const both = await receiver();
    const moneySub = await api.subscribe(money.url, ['milestone.unlocked', 'milestone.paid'], SECRET);
    await api.subscribe(review.url, ['deliverable.ready_for_review'], SECRET);
    await api.subscribe(both.url, ['milestone.paid', 'deliverable.ready_for_review'], SECRET);
    const unlocked = await api.append('milestone.unlocked');
    const ready = await api.append('deliverable.ready_for_review', { subjectType: 'deliverable' });
    const paid = await api.append('milestone.paid');
    await both.waitFor((e) => e.body.id === paid.eventId);
    await both.waitFor((e) => e.body.id === ready.eventId);
    await money.waitFor((e) => e.body.id === paid.eventId);
    await review.waitFor((e) => e.body.id === ready.eventId);
    await sleep(1500);
    const ids = (r: EventReceiver) =>
      r
        .events()
        .map((e) => e.body.id)
        .sort();
    expect(ids(money)).toEqual([unlocked.eventId, paid.eventId].sort());
    expect(ids(review)).toEqual([ready.eventId]);
    expect(ids(both)).toEqual([ready.eventId, paid.eventId].sort());
    expect((await api.deliveries(moneySub)).map((d) => d.eventType).sort()).toEqual([
      'milestone.paid',
      'milestone.unlocked',
    ]);
    // The log pages newest first.
    const first = await t.app.inject({
      url: `/v1/subscriptions/${moneySub}/deliveries?limit=1`,
      headers: t.admin,
    });
    const cursor = first.json().nextCursor as string;
    const second = await t.app.inject({
      url: `/v1/subscriptions/${moneySub}/deliveries?limit=1&cursor=${cursor}`,
      headers: t.admin,
    });
    expect(
      [...first.json().items, ...second.json().items].map((d: { eventId: string }) => d.eventId),
    ).toEqual([paid.eventId, unlocked.eventId]);
    expect(second.json().nextCursor).toBeNull();
  });

  it('a deleted subscription gets nothing', async () => {
    const gone = await receiver();
    const live = await receiver();
    const goneSub = await api.subscribe(gone.url, ['milestone.unlocked'], SECRET);
    await api.subscribe(live.url, ['milestone.unlocked'], SECRET);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/v1/subscriptions/${goneSub}`,
      headers: t.admin,
    });
    expect(del.statusCode).toBe(204);
    const { eventId } = await api.append('milestone.unlocked');
    await live.waitFor((e) => e.body.id === eventId);
    await sleep(1500);
    expect(gone.events()).toEqual([]);
    expect(await api.deliveries(goneSub)).toEqual([]);
  });

  it('deleting a subscription cancels the retries still pending', async () => {
    const failing = await receiver({ thenStatus: 500 });
    const sub = await api.subscribe(failing.url, ['milestone.unlocked'], SECRET);
    const { eventId } = await api.append('milestone.unlocked');
    await failing.waitFor((e) => e.body.id === eventId);
    await t.app.inject({ method: 'DELETE', url: `/v1/subscriptions/${sub}`, headers: t.admin });
    const [row] = await api.logUntil(sub, (items) => items[0]?.status === 'cancelled');
    expect(row).toMatchObject({ eventId, lastError: 'the subscription was deleted', nextAttemptAt: null });
    const sent = failing.events().length;
    expect(sent).toBeLessThanOrEqual(2); // at most the attempt already on the wire
    await sleep(1500);
    expect(failing.events()).toHaveLength(sent);
  });
});

describe('change_request.approved', () => {
  it('is announced when a change request is approved, naming the engagement, version and changes', async () => {
    const r = await receiver();
    await api.subscribe(r.url, ['change_request.approved'], SECRET);
    const contract = contractApi(t);
    const c = await contract.activeContract();
    const changeId = await contract.submittedChange(c);
    await contract.expectStatus(
      contract.call('POST', `/v1/change-requests/${changeId}/approve`, t.admin, { note: 'Agreed' }),
      200,
    );
    const got = await r.waitFor((e) => e.body.subject.id === changeId);
    expect(r.verify(SECRET, got)).toBe(true);
    expect(got.body).toMatchObject({
      type: 'change_request.approved',
      subject: { type: 'change_request', id: changeId },
      engagementId: c.engagementId,
      providerId: c.providerId,
      data: {
        changeRequestId: changeId,
        engagementId: c.engagementId,
        contractVersion: 2,
        previousContractVersion: 1,
        summary: {
          deliverables: { added: [], modified: [c.deliverableId], removed: [] },
          milestones: { added: [], modified: [], removed: [] },
          termsChanged: false,
        },
        changes: [{ op: 'modify_deliverable', deliverableId: c.deliverableId, fields: ['dueDate'] }],
      },
    });
    const rows = await rawQuery<{ n: number }>(
      t,
      'select count(*)::int as n from outbox_events where dedupe_key = $1',
      [`change_request.approved:${changeId}`],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('is not announced when a change request is rejected', async () => {
    const r = await receiver();
    await api.subscribe(r.url, ['change_request.approved'], SECRET);
    const contract = contractApi(t);
    const changeId = await contract.submittedChange(await contract.activeContract());
    await contract.expectStatus(
      contract.call('POST', `/v1/change-requests/${changeId}/reject`, t.admin, {}),
      200,
    );
    await sleep(2000);
    expect(r.events().filter((e) => e.body.subject.id === changeId)).toEqual([]);
  });
});

describe('the relay', () => {
  it('queues a due delivery that never reached the queue; running it again changes nothing', async () => {
    const r = await receiver();
    const sub = await api.subscribe(r.url, ['milestone.paid'], SECRET);
    // Committed, dispatched, but its job was lost (Redis down at that moment).
    const eventId = `evt_${uniq('lost')}`;
    await rawQuery(
      t,
      `with e as (insert into outbox_events (id, type, subject_type, subject_id, data, dedupe_key, dispatched_at)
         values ($1, 'milestone.paid', 'milestone', 'mil_lost', '{}', $1, now()) returning id)
       insert into event_deliveries (subscription_id, event_id, next_attempt_at) select $2, id, now() from e`,
      [eventId, sub],
    );
    const relay = eventsProcessor({
      events: { dispatch: async () => ({ events: 0, deliveries: 0 }) },
      deliveries: t.container.store.eventDeliveries,
      queues: t.container.queues,
      graceMs: 0,
    });
    const job = { name: 'relay' } as unknown as Job;
    await sleep(50);
    expect(await relay.process({}, job)).toEqual({ requeued: 1 });
    await r.waitFor((e) => e.body.id === eventId);
    await api.logUntil(sub, (items) => items[0]?.status === 'delivered');
    expect(await relay.process({}, job)).toEqual({ requeued: 0 });
    await sleep(1000);
    expect(r.events()).toHaveLength(1);
  });
});
