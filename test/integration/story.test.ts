import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleMilestone } from '../../src/core/money.ts';
import { pushBackJob } from '../../src/jobs/pushback.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { ALL_MET, civilDay, decide, jiraIssueDelivery, until, untilStatus } from '../support/decisions.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';
import {
  ASANA_BASE_URL,
  ASANA_PROJECT,
  ASANA_TASK,
  asanaDelivery,
  BOARD,
  CARD,
  JIRA_SITE,
  mockAsanaTask,
  mockJiraIssue,
  mockTrelloCard,
  registerAsanaWebhook,
  TRELLO_CREDENTIALS,
  TRELLO_HOST,
  trelloDelivery,
} from '../support/story-trackers.ts';

/**
 * The issue's "done when" story, through real PostgreSQL and Redis with nock-backed trackers:
 * tasks in Jira, Trello and Asana feed one deliverable → all done → ready_for_review → accepted 3
 * days after its due date → the milestone unlocks with the right penalty and retention → the
 * finance query lists it with the right net → the comment and marker reach each tracker exactly
 * once → the subscriber receives `milestone.unlocked` with a valid signature.
 */

const TZ = 'Europe/Paris';
const QUEUES = [
  'ingest',
  'relay',
  'sync',
  'recompute',
  'pushback',
  'events',
  'event-delivery',
  'unlock-check',
];
let t: TestApp;
let workers: Workers;
let subscriber: EventReceiver | undefined;
const SUBSCRIBER_SECRET = 'whsec_storyfinancetool01234567890123456789abcd';

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp();
  workers = t.container.startWorkers();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  await subscriber?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

async function setUp() {
  const api = contractApi(t);
  const providerId = await api.provider();
  const engagementId = await api.draft(providerId, t.admin, {
    timeZone: TZ,
    startDate: civilDay(-90, TZ),
    endDate: civilDay(90, TZ),
  });
  const deliverableId = await api.deliverable(engagementId, t.admin, {
    dueDate: civilDay(-3, TZ),
    selector: {
      jira: { issueKeys: ['STORY-1'] },
      trello: { cardIds: [CARD] },
      asana: { taskGids: [ASANA_TASK.gid] },
    },
  });
  const milestoneId = await api.milestone(engagementId, [deliverableId]);
  const connect = async (body: Record<string, unknown>, scope: Record<string, unknown>) => {
    const c = await api.expectStatus(api.call('POST', '/v1/connections', t.admin, body), 201);
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, { connectionId: c.id, scope }),
      201,
    );
    return String(c.id);
  };
  const jira = await connect(
    {
      tracker: 'jira',
      name: 'story-jira',
      baseUrl: JIRA_SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: JIRA_SITE },
    },
    { projectKey: 'STORY' },
  );
  const trello = await connect(
    { tracker: 'trello', name: 'story-trello', baseUrl: `${TRELLO_HOST}/1`, credentials: TRELLO_CREDENTIALS },
    { boardId: BOARD },
  );
  const asana = await connect(
    {
      tracker: 'asana',
      name: 'story-asana',
      baseUrl: ASANA_BASE_URL,
      credentials: { accessToken: '2/1201000000009999/1201000000000777:c0ffee' },
    },
    { projectGid: ASANA_PROJECT },
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  return { providerId, engagementId, deliverableId, milestoneId, jira, trello, asana };
}

async function webhook(url: string, delivery: { body: Buffer; headers: Record<string, string> }) {
  const res = await t.app.inject({ method: 'POST', url, headers: delivery.headers, payload: delivery.body });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

describe('the story: three trackers, one deliverable, acceptance, payment', () => {
  it('goes from tracker tasks to an unlocked, correctly settled milestone and one write-back per tracker', async () => {
    const jiraIssue = mockJiraIssue('8001');
    const trelloCard = mockTrelloCard();
    const asanaTask = mockAsanaTask();
    subscriber = await startEventReceiver();
    const subscribed = await t.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: await t.keyFor('finance'),
      payload: { url: subscriber.url, events: ['milestone.unlocked'], secret: SUBSCRIBER_SECRET },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const c = await setUp();

    await webhook(
      `/webhooks/jira/${c.jira}`,
      jiraIssueDelivery({ id: '8001', key: 'STORY-1', category: 'done' }, 'STORY'),
    );
    await webhook(
      `/webhooks/trello/${c.trello}`,
      trelloDelivery(`http://jalon.test/webhooks/trello/${c.trello}`),
    );
    const { registered } = await registerAsanaWebhook(t.app, t.admin, c.asana);
    expect(registered.statusCode, registered.body).toBe(200);
    await webhook(`/webhooks/asana/${c.asana}`, asanaDelivery());
    const pmo = await t.keyFor('pmo');
    await until(
      async () => {
        const res = await t.app.inject({ url: `/v1/tasks?deliverableId=${c.deliverableId}`, headers: pmo });
        const items = res.json().items as { tracker: string; statusCategory: string }[];
        return items.length === 3 && items.every((x) => x.statusCategory === 'done');
      },
      30_000,
      'three done tasks',
    );
    await untilStatus(t, c.deliverableId, 'ready_for_review');

    const decision = await decide(t, c.deliverableId, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(decision.statusCode, decision.body).toBe(201);
    expect(decision.json()).toMatchObject({ pushBacks: 3, unlockedMilestoneIds: [c.milestoneId] });
    expect(
      decision
        .json()
        .evidence.tasks.map((x: { tracker: string }) => x.tracker)
        .sort(),
    ).toEqual(['asana', 'jira', 'trello']);

    const expected = settleMilestone(
      {
        amountMinor: 6_000_000,
        retentionBps: 500,
        latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
      },
      [{ dueDate: civilDay(-3, TZ), acceptedAt: decision.json().decidedAt }],
      TZ,
    );
    expect(expected).toMatchObject({ penaltyMinor: 30_000, retentionMinor: 300_000, netMinor: 5_670_000 });
    const finance = await t.keyFor('finance');
    const listed = await t.app.inject({
      url: `/v1/payment-milestones?status=unlocked&providerId=${c.providerId}`,
      headers: finance,
    });
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: c.milestoneId,
        penaltyMinor: 30_000,
        retentionMinor: 300_000,
        netMinor: 5_670_000,
        daysLate: 1,
      }),
    ]);
    const unlockedEvents = await rawQuery<{ type: string }>(
      t,
      'select type from outbox_events where dedupe_key = $1',
      [`milestone.unlocked:${c.milestoneId}`],
    );
    expect(unlockedEvents).toEqual([{ type: 'milestone.unlocked' }]);
    const isUnlocked = (e: { body: { type: string; subject: { id: string } } }) =>
      e.body.type === 'milestone.unlocked' && e.body.subject.id === c.milestoneId;
    const received = await subscriber.waitFor(isUnlocked, 30_000);
    expect(subscriber.verify(SUBSCRIBER_SECRET, received)).toBe(true);
    expect(received.body.data).toMatchObject({
      milestoneId: c.milestoneId,
      netMinor: 5_670_000,
      currency: 'EUR',
    });

    const decisionId = decision.json().id as string;
    const rows = await until(
      async () => {
        const all = await t.container.store.pushBacks.listByDecision(decisionId);
        return all.length === 3 && all.every((r) => r.status === 'done') && all;
      },
      30_000,
      'push-backs done',
    );
    // Run every push-back again (a retried job, the relay): nothing more reaches the trackers.
    for (const row of rows) {
      const jobId = await t.container.queues.enqueue(
        pushBackJob,
        { pushBackId: row.id },
        { jobId: `again-${row.id}` },
      );
      await until(async () =>
        (await t.container.queues.queue(pushBackJob.queue).getJob(jobId))?.isCompleted(),
      );
    }
    expect(jiraIssue.comments()).toHaveLength(1);
    expect(JSON.stringify(jiraIssue.comments()[0])).toContain(`[jalon:decision:${decisionId}]`);
    expect(jiraIssue.labelEdits()).toBe(1);
    expect(trelloCard.comments).toHaveLength(1);
    expect(trelloCard.comments[0]).toContain(`[jalon:decision:${decisionId}]`);
    expect(trelloCard.marks).toBe(1);
    expect(asanaTask.comments()).toHaveLength(1);
    expect(asanaTask.comments()[0]).toContain(`[jalon:decision:${decisionId}]`);
    expect(asanaTask.marks()).toBe(1);
    expect(subscriber.events().filter(isUnlocked)).toHaveLength(1);
  }, 120_000);
});
