import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { statusCategory, toTask } from './asana.mapper.ts';
import { AsanaTask } from './asana.payloads.ts';
import { AsanaSettings, defaultAsanaSettings } from './asana.settings.ts';
import { ownFixture, sharedFixture } from './fixtures/support.ts';

const VENDOR = z.tuple([AsanaTask]).parse(sharedFixture('api-get-tasks-opt_fields-vendor-example.json'))[0];
const BOARD = z.object({ data: AsanaTask }).parse(ownFixture('api-get-task-board.json')).data;
const APPROVAL = z.object({ data: AsanaTask }).parse(ownFixture('api-get-task-approval.json')).data;

const settings = (s: unknown) => AsanaSettings.parse(s);
const inSection = (name: string, gid = '1201000000000299'): AsanaTask => ({
  ...BOARD,
  memberships: [{ project: { gid: '1201000000000100' }, section: { gid, name } }],
});

describe('toTask on the vendor GET /tasks example', () => {
  it('normalises every field', () => {
    expect(toTask(VENDOR, defaultAsanaSettings)).toEqual({
      tracker: 'asana',
      externalId: '129839839',
      key: null,
      url: 'https://app.asana.com/0/58303939/129839839',
      title: 'Task 1',
      statusCategory: 'todo',
      status: 'Untitled section',
      cancelled: false,
      blocked: false,
      assignee: 'user@example.com',
      dueDate: '2025-01-19',
      labels: [],
      parentExternalId: null,
      estimate: null,
      completedAt: null,
      createdAt: '2023-01-01T20:31:21.717Z',
      updatedAt: '2023-01-25T21:24:06.996Z',
      deleted: false,
      facets: { section: ['8900', 'Untitled section'], tag: [], task: ['129839839'] },
      scopeIds: ['4567'],
    });
  });

  it('prefers due_on (the date users see) over the UTC date of due_at', () => {
    // due_at 2025-01-20T02:06Z is still the 19th where the task's users are.
    expect(VENDOR.due_at?.slice(0, 10)).toBe('2025-01-20');
    expect(toTask(VENDOR, defaultAsanaSettings).dueDate).toBe('2025-01-19');
  });
});

describe('toTask on a board task', () => {
  const task = toTask(
    BOARD,
    settings({ blocked: { customFieldGid: '1201000000000301' }, estimateCustomFieldGid: '1201000000000302' }),
  );

  it('reads status, blocked, estimate, dates, parent and labels', () => {
    expect(task).toMatchObject({
      statusCategory: 'in_progress',
      status: 'In Progress / Q1',
      blocked: true,
      estimate: 5,
      dueDate: '2027-02-28',
      parentExternalId: '1201000000001000',
      labels: ['backend', 'Blocked'],
      assignee: 'Lina Okafor',
      updatedAt: '2027-02-10T09:17:05.412Z',
    });
  });

  it('exposes sections, tags, the task and custom field values as facets, projects as scope', () => {
    expect(task.facets).toEqual({
      section: ['1201000000000202', '1201000000000211', 'In Progress', 'Q1'],
      tag: ['backend', 'Blocked', '1201000000000402', '1201000000000403'],
      task: ['1201000000001001'],
      'cf:1201000000000301': ['Blocked'],
      'cf:1201000000000302': ['5'],
    });
    expect(task.scopeIds).toEqual(['1201000000000100', '1201000000000110']);
  });

  it('takes the due date from due_at in UTC when due_on is absent', () => {
    expect(BOARD.due_on).toBeNull();
    expect(toTask({ ...BOARD, due_at: '2027-02-28T23:30:00.000Z' }, defaultAsanaSettings).dueDate).toBe(
      '2027-02-28',
    );
  });
});

describe('blocked flag', () => {
  const clear = {
    ...BOARD,
    tags: [],
    custom_fields: BOARD.custom_fields?.map((f) =>
      f.gid === '1201000000000301' ? { ...f, enum_value: { gid: '1201000000000312', name: 'Clear' } } : f,
    ),
  };
  const byField = settings({ blocked: { customFieldGid: '1201000000000301', tags: [] } });

  it('comes from a `blocked` tag with no settings', () => {
    expect(toTask(BOARD, defaultAsanaSettings).blocked).toBe(true);
    expect(toTask({ ...BOARD, tags: [{ gid: '1', name: 'backend' }] }, defaultAsanaSettings).blocked).toBe(
      false,
    );
  });

  it('comes from the configured enum custom field value', () => {
    expect(toTask({ ...BOARD, tags: [] }, byField).blocked).toBe(true);
    expect(toTask(clear, byField).blocked).toBe(false);
  });
});

describe('status category', () => {
  const rules = defaultAsanaSettings.sections;

  it('follows the default section names, case-insensitively', () => {
    expect(statusCategory(inSection('doing'), rules)).toBe('in_progress');
    expect(statusCategory(inSection('DONE'), rules)).toBe('done');
    expect(statusCategory(inSection('Backlog'), rules)).toBe('todo');
  });

  it('follows configured section names and gids', () => {
    const custom = settings({ sections: { done: ['Livré'], inProgress: ['1201000000000250'] } }).sections;
    expect(statusCategory(inSection('Livré'), custom)).toBe('done');
    expect(statusCategory(inSection('En cours', '1201000000000250'), custom)).toBe('in_progress');
    expect(statusCategory(inSection('Done'), custom)).toBe('todo');
  });

  it('takes the most advanced section when the task is in several projects', () => {
    const both: AsanaTask = {
      ...BOARD,
      memberships: [
        { project: { gid: '1' }, section: { gid: '11', name: 'In Progress' } },
        { project: { gid: '2' }, section: { gid: '21', name: 'Done' } },
      ],
    };
    expect(statusCategory(both, rules)).toBe('done');
  });

  it('is done when Asana says completed, whatever the section', () => {
    expect(statusCategory({ ...inSection('To do'), completed: true }, rules)).toBe('done');
  });

  it('marks tasks in a cancelled section as cancelled', () => {
    expect(toTask(inSection("Won't do"), defaultAsanaSettings).cancelled).toBe(true);
    expect(toTask(inSection('Done'), defaultAsanaSettings).cancelled).toBe(false);
  });
});

describe('approval tasks', () => {
  it('reads changes_requested as in progress although Asana marks it completed', () => {
    expect(APPROVAL.completed).toBe(true);
    const task = toTask(APPROVAL, defaultAsanaSettings);
    expect(task.statusCategory).toBe('in_progress');
    expect(task.status).toBe('Done');
  });

  it('reads approved as done, rejected as in progress, pending by its section', () => {
    const rules = defaultAsanaSettings.sections;
    expect(statusCategory({ ...APPROVAL, approval_status: 'approved' }, rules)).toBe('done');
    expect(statusCategory({ ...APPROVAL, approval_status: 'rejected' }, rules)).toBe('in_progress');
    const pending = { ...APPROVAL, approval_status: 'pending', completed: false };
    expect(statusCategory(pending, rules)).toBe('done');
    expect(statusCategory({ ...pending, memberships: [] }, rules)).toBe('todo');
  });
});

describe('settings', () => {
  it('work with nothing set', () => {
    expect(AsanaSettings.parse(undefined)).toEqual(defaultAsanaSettings);
    expect(defaultAsanaSettings.decision).toEqual({
      acceptTag: 'jalon-accepted',
      rejectTag: 'jalon-rejected',
      customField: null,
    });
  });

  it('fill the defaults of a partial override', () => {
    const s = settings({ decision: { customField: { gid: '1201000000000303' } } });
    expect(s.decision.customField).toEqual({
      gid: '1201000000000303',
      accept: 'Accepted',
      reject: 'Rejected',
    });
    expect(s.sections.done).toEqual(defaultAsanaSettings.sections.done);
  });
});
