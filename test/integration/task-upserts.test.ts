import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/task.ts';
import { newConnection } from '../reliability/harness.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';

/** A sync page written in one transaction: newest wins within the page too, history once per change. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const snapshot = (externalId: string, minute: number, statusCategory: Task['statusCategory']): Task => ({
  tracker: 'jira',
  externalId,
  key: `UPS-${externalId}`,
  url: `https://acme.atlassian.net/browse/UPS-${externalId}`,
  title: `Task ${externalId}`,
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
  createdAt: '2027-02-01T09:00:00.000Z',
  updatedAt: new Date(Date.UTC(2027, 1, 1, 9, minute)).toISOString(),
  deleted: false,
  facets: {},
  scopeIds: ['UPS'],
});

describe('upsertManyIfNewer', () => {
  it('applies a page holding several snapshots of one task in order, newest winning', async () => {
    const connectionId = await newConnection(t);
    const { changed } = await t.container.store.tasks.upsertManyIfNewer(connectionId, [
      snapshot('1', 2, 'in_progress'),
      snapshot('2', 1, 'todo'),
      snapshot('1', 1, 'todo'), // older than the first: changes nothing
      snapshot('1', 3, 'done'),
    ]);
    expect(changed.map((c) => [c.externalId, c.statusCategory, c.revision])).toEqual([
      ['1', 'in_progress', 1],
      ['2', 'todo', 1],
      ['1', 'done', 2],
    ]);
    expect(await t.container.store.tasks.get(connectionId, '1')).toMatchObject({ statusCategory: 'done' });
    const history = await rawQuery<{ external_id: string; n: string }>(
      t,
      `select t.external_id, count(*) as n from task_changes c join tasks t on t.id = c.task_id
        where t.connection_id = $1 group by t.external_id order by t.external_id`,
      [connectionId],
    );
    expect(history.map((h) => [h.external_id, Number(h.n)])).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    // The same page again: nothing is newer, nothing changes.
    expect(await t.container.store.tasks.upsertManyIfNewer(connectionId, [snapshot('1', 3, 'done')])).toEqual(
      {
        changed: [],
        rejected: [],
      },
    );
  });
});
