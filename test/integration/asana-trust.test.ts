import { createHmac } from 'node:crypto';
import { PassThrough } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { jiraIssueDelivery, until } from '../support/decisions.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';
import { followScope } from '../support/scope.ts';
import {
  ASANA_BASE_URL,
  CARD,
  mockTrelloCard,
  registerAsanaWebhook,
  TRELLO_CREDENTIALS,
  TRELLO_HOST,
  trelloDelivery,
} from '../support/story-trackers.ts';

/**
 * Issue 16, "Trust at the edges", items 1 and 2, over HTTP: who may plant an Asana signing secret,
 * what a signed compact `deleted` event may do, and which tasks Jalon stores at all.
 */

const HOST = new URL(ASANA_BASE_URL).origin;
const BOT = '1201000000009999';
const WORKSPACE = '1201000000000001';
const GENUINE = 'a'.repeat(64);
const FORGED = 'f0'.repeat(32);
const FAR_FUTURE = '2099-01-01T00:00:00.000Z';

type AsanaTaskJson = Record<string, unknown> & { gid: string };

/** A little Asana behind nock: tasks by gid, listed per project, fetched one by one (404 when gone). */
function fakeAsana() {
  const tasks = new Map<string, AsanaTaskJson>();
  const projectOf = (t: AsanaTaskJson) =>
    (t.memberships as { project: { gid: string } }[]).map((m) => m.project.gid);
  nock(HOST)
    .persist()
    .get(/\/api\/1\.0\/tasks\/\d+$/)
    .query(true)
    .reply((req: Request) => {
      const task = tasks.get(/tasks\/(\d+)/.exec(new URL(req.url).pathname)?.[1] ?? '');
      return task ? [200, { data: task }] : [404, { errors: [{ message: 'task: Not Found' }] }];
    })
    .get('/api/1.0/tasks')
    .query(true)
    .reply((req: Request) => {
      const project = new URL(req.url).searchParams.get('project') ?? '';
      return [
        200,
        { data: [...tasks.values()].filter((t) => projectOf(t).includes(project)), next_page: null },
      ];
    })
    .get('/api/1.0/events')
    .query(true)
    .reply((req: Request) =>
      new URL(req.url).searchParams.has('sync')
        ? [200, { data: [], sync: 'sync-next', has_more: false }]
        : [412, { errors: [{ message: 'Sync token invalid or too old.' }], sync: 'sync-first' }],
    )
    .get('/api/1.0/users/me')
    .query(true)
    .reply(200, { data: { gid: BOT, name: 'Jalon bot' } });
  const put = (gid: string, project: string, over: Record<string, unknown> = {}) => {
    tasks.set(gid, {
      gid,
      name: `Task ${gid}`,
      completed: false,
      completed_at: null,
      created_at: '2026-01-05T09:00:00.000Z',
      modified_at: '2026-01-05T09:00:00.000Z',
      memberships: [{ project: { gid: project, name: 'P' }, section: { gid: '8900', name: 'To do' } }],
      workspace: { gid: WORKSPACE },
      tags: [],
      custom_fields: [],
      ...over,
    });
  };
  return { put, remove: (gid: string) => tasks.delete(gid) };
}

/** A delivery of compact events, signed with `secret` as Asana signs (hex HMAC-SHA256 of the body). */
function signedEvents(secret: string, events: Record<string, unknown>[]) {
  const body = Buffer.from(JSON.stringify({ events }));
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-hook-signature': signature } };
}

const taskEvent = (gid: string, action: string, createdAt = new Date().toISOString()) => ({
  action,
  created_at: createdAt,
  parent: null,
  resource: { gid, resource_type: 'task', resource_subtype: 'default_task' },
  user: { gid: '55010250146157', resource_type: 'user' },
  ...(action === 'changed' ? { change: { field: 'name', action: 'changed' } } : {}),
});

let t: TestApp;
let workers: Workers;
const logLines: string[] = [];
const asana = fakeAsana();

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const logs = new PassThrough();
  logs.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  t = await buildTestApp({
    env: { LOG_LEVEL: process.env.DEBUG_LOGS ? 'debug' : 'warn' },
    logDestination: logs,
  });
  workers = t.container.startWorkers();
});
afterAll(async () => {
  if (process.env.DEBUG_LOGS) console.log(logLines.filter((l) => !l.includes('webhook rejected')).join('\n'));
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  for (const q of ['ingest', 'relay', 'sync', 'recompute']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
});

const post = (url: string, d: { body: Buffer | string; headers: Record<string, string> }) =>
  t.app.inject({ method: 'POST', url, headers: d.headers, payload: d.body });
const handshake = (connectionId: string, secret: string) =>
  post(`/webhooks/asana/${connectionId}`, {
    body: '',
    headers: { 'content-type': 'application/json', 'x-hook-secret': secret },
  });

async function connection(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'asana',
      name: uniq('asana'),
      baseUrl: ASANA_BASE_URL,
      credentials: { accessToken: 'pat' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** An active engagement following `project`, whose deliverable selects `taskGids`. */
async function engagement(connectionId: string, project: string, taskGids: string[]) {
  const api = contractApi(t);
  const c = await api.readyDraft();
  await api.expectStatus(
    api.call('PATCH', `/v1/deliverables/${c.deliverableId}`, t.admin, { selector: { asana: { taskGids } } }),
    200,
  );
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${c.engagementId}/links`, t.admin, {
      connectionId,
      scope: { projectGid: project },
    }),
    201,
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${c.engagementId}/activate`, t.admin), 200);
  return c;
}

const taskOf = async (connectionId: string, gid: string) => {
  const res = await t.app.inject({
    url: `/v1/tasks?connectionId=${connectionId}&externalId=${gid}`,
    headers: t.admin,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (
    (res.json().items as { deleted: boolean; updatedAt: string; deliverableId?: string | null }[])[0] ?? null
  );
};
async function deliver(connectionId: string, d: { body: Buffer; headers: Record<string, string> }) {
  const res = await post(`/webhooks/asana/${connectionId}`, d);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().duplicate).toBe(false);
  const inboxId = Number(
    (
      await t.container.database.rawTransaction((tx) =>
        tx.query<{ id: string }>(
          'select id from webhook_inbox where connection_id = $1 order by id desc limit 1',
          [connectionId],
        ),
      )
    )[0]?.id,
  );
  await until(
    async () => (await t.container.store.inbox.get(inboxId))?.status === 'processed',
    20_000,
    'ingest',
  );
}
const status = async (deliverableId: string) =>
  (await t.app.inject({ url: `/v1/deliverables/${deliverableId}`, headers: t.admin })).json()
    .status as string;

describe('Asana handshakes', () => {
  it('refuses a handshake no registration of Jalon is waiting for, and stores no secret', async () => {
    const id = await connection();
    const res = await handshake(id, FORGED);
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-hook-secret']).toBeUndefined();
    const view = await t.app.inject({ url: `/v1/connections/${id}`, headers: t.admin });
    expect(view.json().hasWebhookSecret).toBe(false);
    // A delivery signed with the planted secret is refused like any other forgery.
    expect(
      (await post(`/webhooks/asana/${id}`, signedEvents(FORGED, [taskEvent('123', 'deleted')]))).statusCode,
    ).toBe(401);
    const logged = logLines.filter((l) => l.includes(id)).map((l) => JSON.parse(l));
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 40, connectionId: id, msg: 'webhook rejected' }),
    );
    expect(logLines.some((l) => l.includes(FORGED))).toBe(false);
  });

  it("answers the handshake of Jalon's own registration once; later handshakes cannot push its secret out", async () => {
    const id = await connection();
    asana.put('3001', '7001');
    await engagement(id, '7001', ['3001']);
    const { registered, handshakeStatus } = await registerAsanaWebhook(t.app, t.admin, id, {
      secret: GENUINE,
      project: '7001',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(handshakeStatus).toBe(200);
    expect(logLines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        level: 40,
        connectionId: id,
        msg: 'webhook handshake answered, secret stored',
      }),
    );
    // The expectation is used up: a replay, or sixty more (the cap is 50 secrets), change nothing.
    for (let i = 0; i < 60; i += 1) {
      expect((await handshake(id, `${FORGED.slice(0, 60)}${String(i).padStart(4, '0')}`)).statusCode).toBe(
        401,
      );
    }
    const genuine = await post(
      `/webhooks/asana/${id}`,
      signedEvents(GENUINE, [taskEvent('3001', 'changed')]),
    );
    expect(genuine.statusCode, genuine.body).toBe(200);
    expect(logLines.some((l) => l.includes(GENUINE) || l.includes(FORGED.slice(0, 60)))).toBe(false);
  });
});

describe('signed compact events', () => {
  it('a "deleted" the tracker does not confirm leaves the task and the deliverable as they are', async () => {
    const id = await connection();
    asana.put('4001', '7101');
    asana.put('4002', '7101', {
      completed: true,
      completed_at: '2026-01-06T09:00:00.000Z',
      modified_at: '2026-01-06T09:00:00.000Z',
    });
    const c = await engagement(id, '7101', ['4001', '4002']);
    await until(
      async () => (await taskOf(id, '4001'))?.deliverableId === c.deliverableId,
      20_000,
      'first sync',
    );
    await registerAsanaWebhook(t.app, t.admin, id, { secret: GENUINE, project: '7101' });

    await deliver(id, signedEvents(GENUINE, [taskEvent('4001', 'deleted', FAR_FUTURE)]));
    expect((await taskOf(id, '4001'))?.deleted).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(await status(c.deliverableId)).not.toBe('ready_for_review');

    // Really deleted at Asana: confirmed by the fetch (404), stamped no later than it was received.
    asana.remove('4001');
    await deliver(id, signedEvents(GENUINE, [taskEvent('4001', 'deleted', '2099-06-01T00:00:00.000Z')]));
    const gone = await taskOf(id, '4001');
    expect(gone?.deleted).toBe(true);
    expect(Date.parse(gone?.updatedAt ?? FAR_FUTURE)).toBeLessThanOrEqual(Date.now());

    // Restored at Asana, untouched since: a full sync brings it back.
    asana.put('4001', '7101');
    const sync = await t.app.inject({ method: 'POST', url: `/v1/connections/${id}/sync`, headers: t.admin });
    expect(sync.statusCode, sync.body).toBeLessThan(300);
    await until(async () => (await taskOf(id, '4001'))?.deleted === false, 20_000, 'task restored');
  });

  it('a forged future event time cannot pin a deleted task against a later genuine edit', async () => {
    const id = await connection();
    asana.put('5001', '7201');
    await engagement(id, '7201', ['5001']);
    await until(async () => (await taskOf(id, '5001')) !== null, 20_000, 'first sync');
    await registerAsanaWebhook(t.app, t.admin, id, { secret: GENUINE, project: '7201' });
    asana.remove('5001');
    await deliver(id, signedEvents(GENUINE, [taskEvent('5001', 'deleted', FAR_FUTURE)]));
    expect((await taskOf(id, '5001'))?.deleted).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    asana.put('5001', '7201', { modified_at: new Date().toISOString(), name: 'Back again' });
    await deliver(id, signedEvents(GENUINE, [taskEvent('5001', 'undeleted')]));
    expect((await taskOf(id, '5001'))?.deleted).toBe(false);
  });
});

describe('only tasks inside a linked scope are stored', () => {
  it('a "changed" event naming a task of a project no engagement follows stores nothing', async () => {
    const id = await connection();
    asana.put('6001', '7301');
    asana.put('6999', '7399');
    await engagement(id, '7301', ['6001']);
    await until(async () => (await taskOf(id, '6001')) !== null, 20_000, 'first sync');
    await registerAsanaWebhook(t.app, t.admin, id, { secret: GENUINE, project: '7301' });
    await deliver(id, signedEvents(GENUINE, [taskEvent('6999', 'changed')]));
    expect(await taskOf(id, '6999')).toBeNull();
    // A task that leaves the linked project is no longer counted.
    asana.put('6001', '7399', { modified_at: new Date().toISOString() });
    await deliver(id, signedEvents(GENUINE, [taskEvent('6001', 'changed')]));
    expect((await taskOf(id, '6001'))?.deleted).toBe(true);
  });
});

describe('the same rule for Jira and Trello', () => {
  const stored = async (
    connectionId: string,
    externalId: string,
    d: { body: Buffer; headers: Record<string, string> },
    tracker: string,
  ) => {
    const res = await post(`/webhooks/${tracker}/${connectionId}`, d);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.container.database.rawTransaction((tx) =>
      tx.query<{ id: string }>(
        'select id from webhook_inbox where connection_id = $1 order by id desc limit 1',
        [connectionId],
      ),
    );
    await until(
      async () => (await t.container.store.inbox.get(Number(row?.id)))?.status === 'processed',
      20_000,
      'ingest',
    );
    return t.container.store.tasks.get(connectionId, externalId);
  };

  it('stores a signed Jira issue of the linked project and not one of another project', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: t.admin,
      payload: {
        tracker: 'jira',
        name: uniq('jira'),
        baseUrl: 'https://trust.atlassian.net',
        credentials: { email: 'bot@acme.example', apiToken: 'token' },
        webhookSecret: JIRA_SECRET,
        settings: JIRA_SETTINGS,
      },
    });
    const id = res.json().id as string;
    await followScope({ app: t.app, store: t.container.store }, id, {
      tracker: 'jira',
      projectKey: 'LINKED',
    });
    const other = jiraIssueDelivery({ id: '91001', key: 'OTHER-1', category: 'done' }, 'OTHER');
    expect(await stored(id, '91001', other, 'jira')).toBeNull();
    const linked = jiraIssueDelivery({ id: '91002', key: 'LINKED-1', category: 'done' }, 'LINKED');
    expect(await stored(id, '91002', linked, 'jira')).toMatchObject({ key: 'LINKED-1', deleted: false });
  });

  it('does not store a Trello card of a board no engagement follows', async () => {
    mockTrelloCard();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/connections',
      headers: t.admin,
      payload: {
        tracker: 'trello',
        name: uniq('trello'),
        baseUrl: `${TRELLO_HOST}/1`,
        credentials: TRELLO_CREDENTIALS,
      },
    });
    const id = res.json().id as string;
    await followScope({ app: t.app, store: t.container.store }, id, {
      tracker: 'trello',
      boardId: 'b'.repeat(24),
    });
    expect(
      await stored(id, CARD, trelloDelivery(`http://jalon.test/webhooks/trello/${id}`), 'trello'),
    ).toBeNull();
  });
});
