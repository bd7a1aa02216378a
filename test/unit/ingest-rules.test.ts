import { describe, expect, it } from 'vitest';
import { clampTask } from '../../src/core/ingest-rules.ts';
import type { Task } from '../../src/core/task.ts';

const task = (times: Pick<Task, 'createdAt' | 'updatedAt' | 'completedAt'>): Task => ({
  tracker: 'jira',
  externalId: '10001',
  key: 'PAY-1',
  url: 'https://acme.atlassian.net/browse/PAY-1',
  title: 'Checkout',
  statusCategory: 'done',
  status: 'Done',
  cancelled: false,
  blocked: false,
  assignee: null,
  dueDate: null,
  labels: [],
  parentExternalId: null,
  estimate: null,
  deleted: false,
  facets: {},
  scopeIds: ['PAY'],
  ...times,
});

const received = new Date('2026-12-07T10:00:00.000Z');

describe('clampTask', () => {
  it('clamps every tracker time later than the receipt to it and keeps the claimed updated time', () => {
    const clamped = clampTask(
      task({
        createdAt: '2099-01-01T00:00:00.000Z',
        updatedAt: '2099-01-01T00:00:00.000Z',
        completedAt: '2099-01-01T00:00:00.000Z',
      }),
      received,
    );
    expect(clamped).toMatchObject({
      createdAt: received.toISOString(),
      updatedAt: received.toISOString(),
      completedAt: received.toISOString(),
      claimedUpdatedAt: '2099-01-01T00:00:00.000Z',
    });
  });

  it('leaves a snapshot with times in the past as it is', () => {
    const past = task({
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-12-07T09:59:59.999Z',
      completedAt: null,
    });
    expect(clampTask(past, received)).toBe(past);
    expect(clampTask(past, received)).not.toHaveProperty('claimedUpdatedAt');
  });
});
