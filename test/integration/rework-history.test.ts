import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/task.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { decide, decisionContract, deliverableStatus } from '../support/decisions.ts';
import { rawQuery } from '../support/engagement.ts';
import { progressKit } from '../support/progress-kit.ts';

/**
 * Issue 16 item 11, without workers so that nothing recomputes in between: a task of a rejected
 * deliverable reopened and completed again before the recompute runs still reworks it, from the
 * task history, and the deliverable is back in review for the PMO.
 */

let t: TestApp;
let pmo: { authorization: string };
beforeAll(async () => {
  t = await buildTestApp();
  pmo = await t.keyFor('pmo');
});
afterAll(async () => {
  for (const q of ['sync', 'recompute', 'pushback'])
    await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

let clock = Date.now() - 3_600_000;
const snapshot = (project: string, n: number, statusCategory: Task['statusCategory']): Task => {
  clock += 1000;
  const key = `${project}-${n}`;
  return {
    tracker: 'jira',
    externalId: `${n}01`,
    key,
    url: `https://acme.atlassian.net/browse/${key}`,
    title: `Task ${key}`,
    statusCategory,
    status: statusCategory,
    cancelled: false,
    blocked: false,
    assignee: null,
    dueDate: null,
    labels: [],
    parentExternalId: null,
    estimate: null,
    completedAt: null,
    createdAt: new Date(clock - 86_400_000).toISOString(),
    updatedAt: new Date(clock).toISOString(),
    deleted: false,
    facets: { issueKey: [key] },
    scopeIds: [project],
  };
};

describe('rework from the task history', () => {
  it('a task reopened and done again between two recomputes reworks the rejected deliverable', async () => {
    const kit = progressKit(t);
    const c = await decisionContract(t, { keys: (p) => [`${p}-1`, `${p}-2`], dueOffset: 10 });
    const tasks = t.container.store.tasks;
    await tasks.upsertIfNewer(c.connectionId, snapshot(c.project, 1, 'done'));
    await tasks.upsertIfNewer(c.connectionId, snapshot(c.project, 2, 'done'));
    await kit.recompute(c.engagementId);
    expect(await deliverableStatus(t, c.deliverableId)).toBe('ready_for_review');
    const rejected = await decide(t, c.deliverableId, pmo, { decision: 'reject', note: 'Contrast too low' });
    expect(rejected.statusCode, rejected.body).toBe(201);
    // Nothing since the rejection: a recompute leaves it rejected.
    await kit.recompute(c.engagementId);
    expect(await deliverableStatus(t, c.deliverableId)).toBe('rejected');

    await tasks.upsertIfNewer(c.connectionId, snapshot(c.project, 2, 'in_progress'));
    await tasks.upsertIfNewer(c.connectionId, snapshot(c.project, 2, 'done'));
    const round = await kit.recompute(c.engagementId);
    expect(round.progress.moved).toEqual([
      { deliverableId: c.deliverableId, from: 'rejected', to: 'ready_for_review' },
    ]);
    const audit = await rawQuery<{ action: string }>(
      t,
      `select action from audit_log where entity_type = 'deliverable' and entity_id = $1 order by seq`,
      [c.deliverableId],
    );
    expect(audit.map((a) => a.action).slice(-3)).toEqual(['reject', 'rework', 'submit_for_review']);
    // Running it again changes nothing.
    expect((await kit.recompute(c.engagementId)).progress).toMatchObject({ moved: [], events: 0 });
  }, 60_000);
});
