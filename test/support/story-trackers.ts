import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { z } from 'zod';
import {
  ACCESS_TOKEN,
  ASANA_BASE_URL,
  ASANA_HOST,
  SECRETS as ASANA_SECRETS,
  sharedFixture as asanaFixture,
} from '../../adapters/asana/fixtures/support.ts';
import {
  BOARD,
  CARD,
  freshPushState,
  json,
  mockPushBack as mockTrelloPushBack,
  CREDENTIALS as TRELLO_CREDENTIALS,
  HOST as TRELLO_HOST,
  sharedFixture as trelloFixture,
  signature as trelloSignature,
} from '../../adapters/trello/fixtures/trello.kit.ts';
import { createHandshakeGate } from '../../src/jobs/handshake-gate.ts';
import type { TestApp } from './app.ts';

/**
 * The three trackers of the issue's story, played by nock: what the ingest worker fetches (a
 * Trello card, an Asana task) and what the push-back worker writes (comments and markers), each
 * recording what it received so a test can count the writes.
 */

export const JIRA_SITE = 'https://story.atlassian.net';
export { ASANA_BASE_URL, BOARD, CARD, TRELLO_CREDENTIALS, TRELLO_HOST };
export const ASANA_PROJECT = '4567';
const AsanaTask = z.looseObject({ gid: z.string(), workspace: z.object({ gid: z.string() }) });
export const ASANA_TASK = z
  .tuple([AsanaTask])
  .parse(asanaFixture('api-get-tasks-opt_fields-vendor-example.json'))[0];

/** Jira: the issue's comment thread and label edits (as test/integration/pushback.test.ts plays them). */
export function mockJiraIssue(issueId: string) {
  const comments: unknown[] = [];
  let labelEdits = 0;
  nock(JIRA_SITE)
    .persist()
    .get(`/rest/api/3/issue/${issueId}/comment`)
    .query(true)
    .reply(200, () => ({ startAt: 0, maxResults: 100, total: comments.length, comments }));
  // One POST and one PUT: a second write would find no interceptor and fail the job. nock may run a
  // body matcher for other requests to the host (the link's sync), so each checks what it records.
  nock(JIRA_SITE)
    .post(`/rest/api/3/issue/${issueId}/comment`, (body: { body?: unknown }) => {
      if (body.body === undefined) return false;
      if (comments.length === 0) comments.push({ id: '1', body: body.body });
      return true;
    })
    .reply(201, { id: '1' })
    .put(`/rest/api/3/issue/${issueId}`, (body: { update?: { labels?: unknown } }) => {
      if (body.update?.labels === undefined) return false;
      labelEdits = 1;
      return true;
    })
    .reply(204);
  return { comments: () => comments, labelEdits: () => labelEdits };
}

/** Trello: the card as GET /cards/{id} serves it (in a Done list), and the kit's push-back board. */
export function mockTrelloCard() {
  const card = json(trelloFixture('api-get-card-response.json'));
  nock(TRELLO_HOST)
    .persist()
    .get(`/1/cards/${CARD}`)
    .query((q) => q.list === 'true')
    .reply(200, { ...card, list: { id: card.idList, name: 'Done' }, members: [] })
    .get(`/1/cards/${CARD}/actions`)
    .query((q) => q.filter !== 'commentCard')
    .reply(200, []);
  const state = freshPushState();
  mockTrelloPushBack(state, card.idList);
  return state;
}

/** A signed Trello `updateCard` delivery about the kit's card on the kit's board. */
export function trelloDelivery(callbackUrl: string) {
  const body = json(trelloFixture('webhook-updateCard-list-move.json'));
  body.model.id = BOARD;
  body.action.data.board.id = BOARD;
  body.action.data.card.id = CARD;
  body.action.id = '5f00000000000000000000a1';
  const raw = Buffer.from(JSON.stringify(body));
  return {
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-trello-webhook': trelloSignature(raw, callbackUrl, TRELLO_CREDENTIALS.appSecret),
    },
  };
}

const sentData = async (req: Request) =>
  z
    .object({ data: z.object({ text: z.string(), name: z.string(), tag: z.string() }).partial() })
    .parse(await req.json()).data;

/** Asana: the task (completed), its stories and tags (as test/contract/asana.contract.test.ts plays them). */
export function mockAsanaTask() {
  const comments: string[] = [];
  const tags: { gid: string; name: string }[] = [];
  let marks = 0;
  const task = `/api/1.0/tasks/${ASANA_TASK.gid}`;
  const now = new Date().toISOString();
  nock(ASANA_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
    .persist()
    .get(`${task}/stories`)
    .query(true)
    .reply(200, () => ({
      data: comments.map((text, i) => ({ gid: `70${i}`, resource_subtype: 'comment_added', text })),
      next_page: null,
    }))
    .post(`${task}/stories`)
    .reply(201, async (req: Request) => {
      const { text = '' } = await sentData(req);
      comments.push(text);
      return { data: { gid: `70${comments.length}`, resource_subtype: 'comment_added', text } };
    })
    .get(task)
    .query(true)
    .reply(200, () => ({
      data: { ...ASANA_TASK, completed: true, completed_at: now, modified_at: now, tags },
    }))
    .get(`/api/1.0/workspaces/${ASANA_TASK.workspace.gid}/tags`)
    .query(true)
    .reply(200, { data: [], next_page: null })
    .post('/api/1.0/tags')
    .reply(201, async (req: Request) => ({ data: { gid: '9000001', name: (await sentData(req)).name } }))
    .post(`${task}/addTag`)
    .reply(200, async (req: Request) => {
      marks += 1;
      tags.push({ gid: (await sentData(req)).tag ?? '', name: 'jalon-accepted' });
      return { data: {} };
    });
  return { comments: () => comments, marks: () => marks };
}

/** Asana's handshake header, then a signed compact event about the task. */
export const asanaHandshake = { 'content-type': 'application/json', 'x-hook-secret': ASANA_SECRETS.current };

/**
 * Opens the window in which the receiver answers one handshake for the connection, as Jalon's own
 * registration does right before `createWebhook` (for tests whose connection has no link to register).
 */
export const expectAsanaHandshake = (t: TestApp, connectionId: string) =>
  createHandshakeGate(t.container.queues.connection, { prefix: t.config.queuePrefix }).expect(connectionId);

/**
 * Registers the connection's webhooks through the API the way Asana confirms one: while Jalon's
 * `createWebhook` is in flight, Asana POSTs the handshake (`secret`) to the callback and answers
 * 201 only if it was echoed. Resolves to the registration response and the handshake's status.
 */
export async function registerAsanaWebhook(
  app: FastifyInstance,
  admin: Record<string, string>,
  connectionId: string,
  opts: { secret?: string; project?: string } = {},
) {
  const secret = opts.secret ?? ASANA_SECRETS.current;
  const project = opts.project ?? ASANA_PROJECT;
  const callbackPath = `/webhooks/asana/${connectionId}`;
  const handshake: { status: number | null } = { status: null };
  nock(ASANA_HOST)
    .get(`/api/1.0/projects/${project}`)
    .query(true)
    .reply(200, { data: { gid: project, workspace: { gid: ASANA_TASK.workspace.gid } } })
    .get('/api/1.0/webhooks')
    .query(true)
    .reply(200, { data: [], next_page: null })
    .post('/api/1.0/webhooks')
    .query(true)
    .reply(async () => {
      const res = await app.inject({
        method: 'POST',
        url: callbackPath,
        headers: { 'content-type': 'application/json', 'x-hook-secret': secret },
        payload: '',
      });
      handshake.status = res.statusCode;
      if (res.statusCode >= 300 || res.headers['x-hook-secret'] !== secret) {
        return [
          400,
          { errors: [{ message: 'The remote server did not respond with the handshake secret.' }] },
        ];
      }
      return [
        201,
        {
          data: {
            gid: '43214',
            resource_type: 'webhook',
            active: true,
            target: `http://jalon.test${callbackPath}`,
          },
        },
      ];
    });
  nock(ASANA_HOST)
    .get('/api/1.0/users/me')
    .query(true)
    .optionally()
    .reply(200, { data: { gid: '1201000000009999', name: 'Jalon bot' } });
  const registered = await app.inject({
    method: 'POST',
    url: `/v1/connections/${connectionId}/webhooks`,
    headers: admin,
  });
  return { registered, handshakeStatus: handshake.status };
}
export function asanaDelivery() {
  const body = Buffer.from(
    JSON.stringify({
      events: [
        {
          action: 'changed',
          created_at: new Date().toISOString(),
          parent: null,
          resource: { gid: ASANA_TASK.gid, resource_subtype: 'default_task', resource_type: 'task' },
          user: { gid: '55010250146157', resource_type: 'user' },
          change: { field: 'completed', action: 'changed' },
        },
      ],
    }),
  );
  const signature = createHmac('sha256', ASANA_SECRETS.current).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-hook-signature': signature } };
}
