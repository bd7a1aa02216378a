import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import { EventType } from '../../src/core/events.ts';
import { eventsProcessor } from '../../src/jobs/events.job.ts';
import { relayProcessor } from '../../src/jobs/relay.job.ts';
import type { TestApp } from '../support/app.ts';
import { ALL_MET, decide, until, untilStatus } from '../support/decisions.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';
import { progressKit } from '../support/progress-kit.ts';
import { generate, type Ledger, newest } from './harness.ts';

/**
 * The effects half of the ledger harness: the ledger's issues live in a Jira sandbox
 * (sandbox/sandbox.ts) and belong to a contract — an active engagement with a deliverable taking
 * the first half of the tasks, whose newest change is `done` (accepted once they are, which
 * unlocks its milestone and pushes the decision back onto each of its issues), and a deliverable
 * taking the others (its progress moves with the ledger) — and a subscriber receives every event. After the fault, `verifyEffects` checks that
 * each effect happened exactly once: one comment and one label per pushed-back issue as the
 * sandbox recorded them, one unlock (audit row and `milestone.unlocked` outbox event) per
 * milestone, each outbox event received once by the subscriber, and progress equal to a
 * from-scratch recompute and to the ledger.
 */

export const SUBSCRIBER_SECRET = 'whsec_reliabilityledger01234567890123456789abc';

export interface EffectsWorld {
  readonly sandbox: Sandbox;
  readonly subscriber: EventReceiver;
  close(): Promise<void>;
}

/** A tracker sandbox and a subscriber to every event type, for one test file. */
export async function startEffectsWorld(t: TestApp): Promise<EffectsWorld> {
  const sandbox = await startSandbox();
  const subscriber = await startEventReceiver();
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/subscriptions',
    headers: await t.keyFor('finance'),
    payload: { url: subscriber.url, events: EventType.options, secret: SUBSCRIBER_SECRET },
  });
  expect(res.statusCode, res.body).toBe(201);
  return {
    sandbox,
    subscriber,
    async close() {
      await subscriber.close();
      await sandbox.close();
    },
  };
}

export interface LedgerContract {
  readonly ledger: Ledger;
  readonly project: string;
  readonly engagementId: string;
  /** Takes the first `doneTasks` tasks, all done in the end: accepted, it unlocks `milestoneId`. */
  readonly acceptedId: string;
  /** Takes the other tasks (a task belongs to one deliverable at most). */
  readonly progressId: string;
  readonly milestoneId: string;
  readonly doneTasks: number;
}

/**
 * A ledger of `tasks` × `perTask` changes over issues created in the sandbox (a project of its
 * own), its Jira connection pointing at the sandbox, and its contract. The link's first sync may
 * bring the issues' sandbox snapshot, older than every ledger change.
 */
export async function ledgerContract(
  t: TestApp,
  world: EffectsWorld,
  tasks: number,
  perTask: number,
  opts: { secret?: string } = {},
): Promise<LedgerContract> {
  const api = contractApi(t);
  const sb = world.sandbox;
  const project = `L${[...randomBytes(5)].map((b) => String.fromCharCode(65 + (b % 26))).join('')}`;
  await sb.control.jira.createProject(project, 'Ledger');
  // The issues are dated a day back on the sandbox's clock, then the clock comes back to the wall
  // clock's: the ledger's changes, dated minutes ago (harness.ts), are all newer than the issues.
  const { offsetMs } = await sb.control.clock();
  await sb.control.setClock(new Date(Date.now() + offsetMs - 86_400_000).toISOString());
  const issues: { id: string; key: string }[] = [];
  try {
    for (let i = 0; i < tasks; i++) {
      const issue = await sb.control.jira.createIssue({ projectKey: project, summary: `Ledger task ${i}` });
      issues.push({ id: String(issue.id), key: String(issue.key) });
    }
  } finally {
    await sb.control.setClock(new Date(Date.now() + offsetMs).toISOString());
  }
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: `ledger-${project}`,
      baseUrl: sb.urls.jira,
      credentials: { email: sb.credentials.jira.email, apiToken: sb.credentials.jira.apiToken },
      webhookSecret: opts.secret ?? JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: sb.urls.jira, jqlTimeZone: 'UTC' },
    }),
    201,
  );
  if (tasks < 2) throw new Error('a ledger contract needs two tasks at least');
  const doneTasks = Math.floor(tasks / 2);
  const ledger = generate(String(connection.id), tasks, perTask, { issues, project, doneFirst: doneTasks });
  const providerId = await api.provider();
  const engagementId = await api.draft(providerId);
  const acceptedId = await api.deliverable(engagementId, t.admin, {
    selector: { jira: { issueKeys: issues.slice(0, doneTasks).map((i) => i.key) } },
  });
  const progressId = await api.deliverable(engagementId, t.admin, {
    selector: { jira: { issueKeys: issues.slice(doneTasks).map((i) => i.key) } },
    dueDate: '2027-05-31',
  });
  const milestoneId = await api.milestone(engagementId, [acceptedId]);
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId: connection.id,
      scope: { projectKey: project },
    }),
    201,
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  return { ledger, project, engagementId, acceptedId, progressId, milestoneId, doneTasks };
}

/**
 * Once the accepted deliverable's tasks are all done (ready for review), the PMO accepts it: the
 * decision pushes back onto each of its issues and unlocks the milestone. Resolves to the decision id.
 */
export async function acceptDeliverable(t: TestApp, c: LedgerContract): Promise<string> {
  await untilStatus(t, c.acceptedId, 'ready_for_review');
  const res = await decide(t, c.acceptedId, await t.keyFor('pmo'), { decision: 'accept', criteria: ALL_MET });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ pushBacks: c.doneTasks, unlockedMilestoneIds: [c.milestoneId] });
  return res.json().id as string;
}

/** Runs the push-back relay and the event relay now, with no grace (what their schedules do later). */
export async function relayEffects(t: TestApp): Promise<void> {
  const { store, queues } = t.container;
  const job = (name: string) => ({ name }) as never;
  await relayProcessor({ inbox: store.inbox, pushBacks: store.pushBacks, queues, graceMs: 0 }).process(
    {},
    job('relay'),
  );
  await eventsProcessor({
    events: { dispatch: async () => ({}) } as never,
    deliveries: store.eventDeliveries,
    queues,
    graceMs: 0,
  }).process({}, job('relay'));
}

const outboxOf = (t: TestApp, engagementId: string) =>
  rawQuery<{ id: string; type: string; subject_id: string }>(
    t,
    'select id, type, subject_id from outbox_events where engagement_id = $1 order by seq',
    [engagementId],
  );

/**
 * Waits for the effects of the decision to settle, runs the relays once more (as a late relay or
 * a retried job would), then checks that every effect happened exactly once.
 */
export async function verifyEffects(
  t: TestApp,
  world: EffectsWorld,
  c: LedgerContract,
  decisionId: string,
  timeoutMs = 60_000,
): Promise<void> {
  const pushBacksDone = async () => {
    const rows = await t.container.store.pushBacks.listByDecision(decisionId);
    return rows.length === c.doneTasks && rows.every((r) => r.status === 'done');
  };
  const eventsReceived = async () => {
    const ids = new Set(world.subscriber.accepted().map((e) => e.body.id));
    const outbox = await outboxOf(t, c.engagementId);
    return outbox.some((e) => e.type === 'milestone.unlocked') && outbox.every((e) => ids.has(e.id));
  };
  await until(pushBacksDone, timeoutMs, 'push-backs done');
  await until(eventsReceived, timeoutMs, 'every outbox event received');
  // Anything that would run twice runs now: the relays, a dispatch tick, late jobs.
  await relayEffects(t);
  await new Promise((r) => setTimeout(r, 1200));

  // Push-backs: one comment carrying the decision's marker and one label per accepted issue, nothing elsewhere.
  const ledgerIssues = new Set(c.ledger.changes.map((x) => x.issueId));
  const pushed = await world.sandbox.control.pushed({ tracker: 'jira' });
  const byIssue = Map.groupBy(
    pushed.filter((p) => ledgerIssues.has(p.itemId)),
    (p) => p.itemId,
  );
  const acceptedIssues = newest(c.ledger)
    .slice(0, c.doneTasks)
    .map((x) => x.issueId);
  expect([...byIssue.keys()].sort(), 'push-backs reach the accepted issues only').toEqual(
    [...acceptedIssues].sort(),
  );
  for (const issueId of acceptedIssues) {
    const writes = byIssue.get(issueId) ?? [];
    const comments = writes.filter((w) => w.kind === 'comment');
    expect(comments, `issue ${issueId}: one comment`).toHaveLength(1);
    expect(JSON.stringify(comments[0])).toContain(`jalon:decision:${decisionId}`);
    expect(writes.filter((w) => w.kind === 'label_added').length, `issue ${issueId}: one label`).toBe(1);
  }

  // Milestone unlocks: one audit row and one outbox event.
  const audit = await rawQuery<{ n: string }>(
    t,
    `select count(*) as n from audit_log where entity_type = 'payment_milestone' and entity_id = $1 and action = 'unlock'`,
    [c.milestoneId],
  );
  expect(Number(audit[0]?.n), 'one unlock audit row').toBe(1);
  const outbox = await outboxOf(t, c.engagementId);
  expect(
    outbox.filter((e) => e.type === 'milestone.unlocked').map((e) => e.subject_id),
    'one milestone.unlocked event',
  ).toEqual([c.milestoneId]);
  // A deliverable may enter ready_for_review (or at_risk) more than once as its tasks move; it is accepted once.
  expect(
    outbox.filter((e) => e.type === 'deliverable.accepted').map((e) => e.subject_id),
    'one deliverable.accepted event',
  ).toEqual([c.acceptedId]);

  // Outgoing events: each outbox event of the engagement accepted by the subscriber exactly once, signed.
  const received = world.subscriber.accepted().filter((e) => e.body.engagementId === c.engagementId);
  const counts = new Map<string, number>();
  for (const e of received) counts.set(e.body.id, (counts.get(e.body.id) ?? 0) + 1);
  expect(
    [...counts].filter(([, n]) => n !== 1),
    'each event delivered once',
  ).toEqual([]);
  expect(new Set(counts.keys())).toEqual(new Set(outbox.map((e) => e.id)));
  expect(received.every((e) => world.subscriber.verify(SUBSCRIBER_SECRET, e))).toBe(true);

  await verifyProgress(t, c);
}

/** (4) progress: what the workers stored equals a from-scratch recompute, and the ledger's counts. */
export async function verifyProgress(t: TestApp, c: LedgerContract): Promise<void> {
  const figures = async (deliverableId: string) =>
    (
      await rawQuery<{ progress: number | null; task_count: number; done_count: number }>(
        t,
        'select progress, task_count, done_count from deliverable_progress where deliverable_id = $1',
        [deliverableId],
      )
    )[0];
  const rest = newest(c.ledger).slice(c.doneTasks);
  const want = {
    [c.acceptedId]: { task_count: c.doneTasks, done_count: c.doneTasks },
    [c.progressId]: { task_count: rest.length, done_count: rest.filter((x) => x.category === 'done').length },
  };
  // The workers' recompute (coalesced, a second after the last change) has caught up with the ledger.
  const stored = await until(
    async () => {
      const now = { a: await figures(c.acceptedId), p: await figures(c.progressId) };
      const matches = (f: typeof now.a, id: string) =>
        f?.task_count === want[id]?.task_count && f?.done_count === want[id]?.done_count;
      return matches(now.a, c.acceptedId) && matches(now.p, c.progressId) && now;
    },
    30_000,
    'stored progress equal to the ledger',
  );
  await progressKit(t).recompute(c.engagementId);
  expect({ a: await figures(c.acceptedId), p: await figures(c.progressId) }).toEqual(stored);
}
