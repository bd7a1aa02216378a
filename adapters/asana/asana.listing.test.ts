import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TaskPage } from '../../src/core/tracker.ts';
import { TASK_OPT_FIELDS } from './asana.client.ts';
import { decodeAsanaCursor, encodeAsanaCursor } from './asana.listing.ts';
import { ACCESS_TOKEN, ASANA_HOST, ownFixture, sharedFixture, testAdapter } from './fixtures/support.ts';

const PROJECT = '1201000000000100';
const scope = { tracker: 'asana', projectGid: PROJECT } as const;
const FRESH_SYNC = 'de4774f6915eae04714ca93bb2f5ee81';
const NEXT_SYNC = '8d0c3b2a7e6f45d1a9b0c4e2f1d3a5b7';
const BOARD = z.object({ data: z.looseObject({}) }).parse(ownFixture('api-get-task-board.json'));
const VENDOR_TASKS = sharedFixture('api-get-tasks-opt_fields-vendor-example.json');

const asana = () => nock(ASANA_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } });

async function collect(since: string | null): Promise<TaskPage[]> {
  const pages: TaskPage[] = [];
  for await (const page of testAdapter().listChanged(scope, since)) pages.push(page);
  return pages;
}

const ids = (pages: readonly TaskPage[]) => pages.flatMap((p) => p.tasks.map((t) => t.externalId));
const cursorOf = (page: TaskPage | undefined) => decodeAsanaCursor(page?.cursor ?? '');

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  // Every mocked call was made; cleaned first so one failure does not leak into the next test.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('full crawl', () => {
  it('takes a sync token first, then pages through getTasks with opt_fields', async () => {
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT })
      .reply(412, ownFixture('api-get-events-412.json'))
      .get('/api/1.0/tasks')
      .query({ project: PROJECT, limit: '100', opt_fields: TASK_OPT_FIELDS })
      .reply(200, { data: VENDOR_TASKS, next_page: { offset: 'off-2' } })
      .get('/api/1.0/tasks')
      .query({ project: PROJECT, limit: '100', opt_fields: TASK_OPT_FIELDS, offset: 'off-2' })
      .reply(200, { data: [], next_page: null });
    const pages = await collect(null);
    expect(ids(pages)).toEqual(['129839839']);
    expect(cursorOf(pages[0])).toEqual({ v: 1, sync: FRESH_SYNC, offset: 'off-2' });
    expect(cursorOf(pages[1])).toEqual({ v: 1, sync: FRESH_SYNC });
  });

  it('resumes an interrupted crawl at its offset', async () => {
    asana()
      .get('/api/1.0/tasks')
      .query((q) => q.offset === 'off-2')
      .reply(200, { data: VENDOR_TASKS, next_page: null });
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: FRESH_SYNC, offset: 'off-2' }));
    expect(ids(pages)).toEqual(['129839839']);
    expect(cursorOf(pages[0])).toEqual({ v: 1, sync: FRESH_SYNC });
  });

  it('restarts the crawl when Asana no longer accepts the saved offset', async () => {
    asana()
      .get('/api/1.0/tasks')
      .query((q) => q.offset === 'stale')
      .reply(400, { errors: [{ message: 'offset: Your pagination token has expired.' }] })
      .get('/api/1.0/tasks')
      .query((q) => q.offset === undefined)
      .reply(200, { data: VENDOR_TASKS, next_page: null });
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: FRESH_SYNC, offset: 'stale' }));
    expect(ids(pages)).toEqual(['129839839']);
  });

  it('treats an unreadable cursor as no cursor', async () => {
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT })
      .reply(412, ownFixture('api-get-events-412.json'))
      .get('/api/1.0/tasks')
      .query(true)
      .reply(200, { data: [], next_page: null });
    const pages = await collect('not-a-cursor');
    expect(cursorOf(pages[0])).toEqual({ v: 1, sync: FRESH_SYNC });
  });
});

describe('incremental listing through the events API', () => {
  it('fetches each task the events name once and moves the cursor to the new sync token', async () => {
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT, sync: 'previous-sync' })
      .reply(200, ownFixture('api-get-events-200.json'))
      .get('/api/1.0/tasks/1201000000001001')
      .query({ opt_fields: TASK_OPT_FIELDS })
      .reply(200, BOARD)
      .get('/api/1.0/tasks/1201000000001003')
      .query(true)
      .reply(404, { errors: [{ message: 'task: Unknown object: 1201000000001003' }] });
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: 'previous-sync' }));
    expect(ids(pages)).toEqual(['1201000000001001']);
    expect(pages[0]?.tasks[0]?.statusCategory).toBe('in_progress');
    expect(cursorOf(pages[0])).toEqual({ v: 1, sync: NEXT_SYNC });
  });

  it('follows has_more, one page per batch of events', async () => {
    const batch = (sync: string, gid: string, hasMore: boolean) => ({
      data: [
        {
          action: 'changed',
          created_at: '2027-02-10T09:16:40.503Z',
          resource: { gid, resource_type: 'task' },
          user: { gid: '1201000000000501', resource_type: 'user' },
        },
      ],
      sync,
      has_more: hasMore,
    });
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT, sync: 's0' })
      .reply(200, batch('s1', '1201000000001001', true))
      .get('/api/1.0/events')
      .query({ resource: PROJECT, sync: 's1' })
      .reply(200, batch('s2', '1201000000001001', false))
      .get('/api/1.0/tasks/1201000000001001')
      .query(true)
      .twice()
      .reply(200, BOARD);
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: 's0' }));
    expect(pages.map((p) => cursorOf(p)?.sync)).toEqual(['s1', 's2']);
  });

  it('leaves out tasks that are no longer in the project', async () => {
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT, sync: 's0' })
      .reply(200, ownFixture('api-get-events-200.json'))
      .get('/api/1.0/tasks/1201000000001001')
      .query(true)
      .reply(200, { data: { ...BOARD.data, memberships: [] } })
      .get('/api/1.0/tasks/1201000000001003')
      .query(true)
      .reply(410, { errors: [{ message: 'gone' }] });
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: 's0' }));
    expect(ids(pages)).toEqual([]);
    expect(cursorOf(pages[0])?.sync).toBe(NEXT_SYNC);
  });

  it('re-crawls the project from the fresh token when the sync token expired (412)', async () => {
    asana()
      .get('/api/1.0/events')
      .query({ resource: PROJECT, sync: 'expired-sync' })
      .reply(412, ownFixture('api-get-events-412.json'))
      .get('/api/1.0/tasks')
      .query((q) => q.project === PROJECT && q.offset === undefined)
      .reply(200, { data: VENDOR_TASKS, next_page: null });
    const pages = await collect(encodeAsanaCursor({ v: 1, sync: 'expired-sync' }));
    expect(ids(pages)).toEqual(['129839839']);
    expect(cursorOf(pages[0])).toEqual({ v: 1, sync: FRESH_SYNC });
  });
});
