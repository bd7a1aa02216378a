import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDay } from '../../scripts/demo/days.ts';
import { waitUntil } from '../../scripts/demo/jalon-client.ts';
import { connectSandbox, linkScope, registerWebhooks } from '../../scripts/demo/sandbox-connections.ts';
import { settleMilestone } from '../../src/core/money.ts';
import { decisionMarker } from '../../src/core/tracker.ts';
import { pushBackJob } from '../../src/jobs/pushback.job.ts';
import { type E2eWorld, startWorld } from '../support/e2e.ts';
import { addDeliverable, draftEngagement, tasks } from '../support/e2e-contract.ts';
import { TEST_REDIS_URL } from '../support/env.ts';

/**
 * The progress issue's story, end to end: Jalon (`node src/main.ts`) and the tracker sandbox run
 * as separate processes on loopback; every task reaches Jalon through a real, signed webhook or
 * a real SDK call. Tasks in Jira, Trello and Asana feed one deliverable → all done →
 * ready_for_review → accepted three days after its due date → the milestone unlocks with its
 * penalty and retention → the finance query lists it → a comment and a marker appear in each
 * tracker exactly once, even when every push-back runs again.
 */

const TZ = 'Europe/Paris';
let w: E2eWorld;

beforeAll(async () => {
  w = await startWorld();
}, 90_000);
afterAll(async () => {
  await w?.close();
}, 60_000);

/** One item per tracker carrying the `checkout` marker, plus one the selector leaves out. */
async function trackerItems() {
  const sb = w.sandbox.control;
  await sb.jira.createProject('STORY', 'Checkout');
  const issue = await sb.jira.createIssue({
    projectKey: 'STORY',
    summary: 'Payment API',
    status: 'In Progress',
    labels: ['checkout'],
  });
  const unrelated = await sb.jira.createIssue({ projectKey: 'STORY', summary: 'Newsletter' });
  const board = await sb.trello.createBoard('Checkout UI');
  const card = await sb.trello.createCard({
    boardId: board.id,
    list: 'Doing',
    name: 'Payment form',
    labels: ['checkout'],
  });
  const project = await sb.asana.createProject('Checkout QA');
  const task = await sb.asana.createTask({
    project: project.gid,
    name: 'Test plan',
    section: 'In Progress',
    tags: ['checkout'],
  });
  return { issue, unrelated, board, card, project, task };
}

describe('the story through the sandbox', () => {
  it('takes three trackers’ tasks to an accepted deliverable, a settled milestone and one write-back each', async () => {
    const items = await trackerItems();
    const { providerId, engagementId } = await draftEngagement(w.api, TZ);
    const dueDate = civilDay(-3, TZ);
    const deliverableId = await addDeliverable(w.api, engagementId, {
      title: 'Checkout',
      dueDate,
      selector: {
        jira: { labels: ['checkout'] },
        trello: { labels: ['checkout'] },
        asana: { tags: ['checkout'] },
      },
    });
    const terms = {
      amountMinor: 6_000_000,
      retentionBps: 500,
      latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
    };
    const milestone = await w.api.expect<{ id: string }>(
      'POST',
      `/v1/engagements/${engagementId}/milestones`,
      {
        label: 'Checkout live',
        requiredDeliverableIds: [deliverableId],
        ...terms,
      },
    );
    const scopes = {
      jira: { projectKey: 'STORY' },
      trello: { boardId: items.board.id },
      asana: { projectGid: items.project.gid },
    } as const;
    for (const tracker of ['jira', 'trello', 'asana'] as const) {
      const connectionId = await connectSandbox(w.api, w.sandbox, tracker);
      await linkScope(w.api, engagementId, connectionId, scopes[tracker]);
      await registerWebhooks(w.api, connectionId);
    }
    await w.api.expect('POST', `/v1/engagements/${engagementId}/activate`);

    // The links' first full sync brings the three selected tasks, none done.
    const selected = () => tasks(w.api, { deliverableId });
    await waitUntil(async () => (await selected()).length === 3, 'three selected tasks');
    expect((await selected()).map((t) => t.statusCategory).sort()).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
    ]);

    // The provider finishes the work in its own tools: webhooks carry it to Jalon.
    const sb = w.sandbox.control;
    await sb.jira.transition(items.issue.key, 'Done', 'Done');
    await sb.trello.moveCard(items.card.id, 'Done');
    await sb.asana.completeTask(items.task.gid);
    await waitUntil(
      async () => (await selected()).every((t) => t.statusCategory === 'done'),
      'three done tasks',
    );
    const counters = await sb.counters();
    for (const tracker of ['jira', 'trello', 'asana'] as const)
      expect(counters.deliveries[tracker].delivered, tracker).toBeGreaterThan(0);
    await waitUntil(
      async () =>
        (await w.api.expect<{ status: string }>('GET', `/v1/deliverables/${deliverableId}`)).status ===
        'ready_for_review',
      'ready_for_review',
    );

    const pmo = await w.keyFor('pmo');
    const decision = await pmo.expect<{
      id: string;
      decidedAt: string;
      pushBacks: number;
      unlockedMilestoneIds: string[];
    }>('POST', `/v1/deliverables/${deliverableId}/decision`, {
      decision: 'accept',
      note: 'Checked on staging',
      criteria: [
        { criterion: 'Works end to end', met: true },
        { criterion: 'Reviewed by the client', met: true },
      ],
    });
    expect(decision).toMatchObject({ pushBacks: 3, unlockedMilestoneIds: [milestone.id] });

    const expected = settleMilestone(terms, [{ dueDate, acceptedAt: decision.decidedAt }], TZ);
    expect(expected).toMatchObject({ penaltyMinor: 30_000, retentionMinor: 300_000, netMinor: 5_670_000 });
    const finance = await w.keyFor('finance');
    const listed = await finance.expect<{ items: unknown[] }>(
      'GET',
      `/v1/payment-milestones?status=unlocked&providerId=${providerId}`,
    );
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: milestone.id,
        status: 'unlocked',
        amountMinor: 6_000_000,
        penaltyMinor: 30_000,
        retentionMinor: 300_000,
        netMinor: 5_670_000,
        daysLate: 1,
      }),
    ]);

    await expectOneWriteBackEach(decision.id, items);
  }, 60_000);
});

/** Each tracker holds one comment with the decision's marker and one marker, even after a replay. */
async function expectOneWriteBackEach(
  decisionId: string,
  items: Awaited<ReturnType<typeof trackerItems>>,
): Promise<void> {
  const rows = await waitUntil(async () => {
    const all = await w.query<{ id: string; status: string }>(
      'select id, status from push_backs where decision_id = $1',
      [decisionId],
    );
    return all.length === 3 && all.every((r) => r.status === 'done') && all;
  }, 'push-backs done');
  // Every push-back runs again (a retried job, the relay): nothing more may reach the trackers.
  const queue = new Queue(pushBackJob.queue, {
    connection: { url: TEST_REDIS_URL },
    prefix: w.queueNamespace,
  });
  try {
    for (const row of rows) {
      const job = await queue.add(pushBackJob.name, { pushBackId: row.id }, { jobId: `again-${row.id}` });
      await waitUntil(async () => (await queue.getJob(job.id ?? ''))?.isCompleted(), `replay of ${row.id}`);
    }
  } finally {
    await queue.close();
  }
  const marker = decisionMarker(decisionId);
  const pushed = await w.sandbox.control.pushed();
  const on = (itemId: string) => pushed.filter((p) => p.itemId === itemId);
  const comments = (itemId: string) =>
    on(itemId).filter((p) => p.kind === 'comment' && JSON.stringify(p.detail).includes(marker));
  for (const itemId of [items.issue.id, items.card.id, items.task.gid])
    expect(comments(itemId)).toHaveLength(1);
  expect(on(items.issue.id).filter((p) => p.kind === 'label_added')).toHaveLength(1);
  expect(on(items.card.id).filter((p) => p.kind === 'label_added')).toHaveLength(1);
  expect(on(items.task.gid).filter((p) => p.kind === 'tag_added')).toHaveLength(1);
  expect(on(items.unrelated.id)).toEqual([]);
}
