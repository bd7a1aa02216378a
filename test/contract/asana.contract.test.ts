import nock from 'nock';
import { expect } from 'vitest';
import { z } from 'zod';
import {
  ACCESS_TOKEN,
  ASANA_HOST,
  delivery,
  ownFixture,
  SECRETS,
  sharedFixture,
  sharedFixtureBytes,
  signedDelivery,
  testAdapter,
} from '../../adapters/asana/fixtures/support.ts';
import { type ContractHarness, runContractSuite } from './suite.ts';

/**
 * The Asana adapter against the shared contract. Vendor payloads come from test/fixtures/asana
 * (read in place); nock plays app.asana.com with the connection's token required on every call.
 */

const CAPTURED_DELIVERY = 'webhook-events-task-changed-2019.json';
/** The task and project of the vendor's GET /tasks example (test/fixtures). */
const VendorTask = z.looseObject({ gid: z.string(), workspace: z.object({ gid: z.string() }) });
const VENDOR_TASKS = z
  .tuple([VendorTask], VendorTask)
  .parse(sharedFixture('api-get-tasks-opt_fields-vendor-example.json'));
const [VENDOR_TASK] = VENDOR_TASKS;
const PROJECT = '4567';

const asana = () => nock(ASANA_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } });

const statusBody: Record<number, unknown> = {
  401: ownFixture('api-error-401.json'),
  404: { errors: [{ message: 'task: Unknown object: 129839839' }] },
  429: ownFixture('api-error-429.json'),
  500: ownFixture('api-error-500.json'),
};

/** The `data` of a JSON request body (nock 15 hands reply functions the fetch `Request`). */
const Sent = z.object({
  data: z.object({ text: z.string(), name: z.string(), tag: z.string() }).partial(),
});
async function sent(req: Request) {
  return Sent.parse(await req.json()).data;
}

function mockPushBack() {
  const comments: string[] = [];
  const tags: { gid: string; name: string }[] = [];
  let marks = 0;
  const task = `/api/1.0/tasks/${VENDOR_TASK.gid}`;
  asana()
    .persist()
    .get(`${task}/stories`)
    .query(true)
    .reply(200, () => ({
      data: comments.map((text, i) => ({ gid: `70${i}`, resource_subtype: 'comment_added', text })),
      next_page: null,
    }))
    .post(`${task}/stories`)
    .reply(201, async (req: Request) => {
      const { text = '' } = await sent(req);
      comments.push(text);
      return { data: { gid: `70${comments.length}`, resource_subtype: 'comment_added', text } };
    })
    .get(task)
    .query(true)
    .reply(200, () => ({ data: { ...VENDOR_TASK, tags } }))
    .get(`/api/1.0/workspaces/${VENDOR_TASK.workspace.gid}/tags`)
    .query(true)
    .reply(200, { data: [], next_page: null })
    .post('/api/1.0/tags')
    .reply(201, async (req: Request) => ({ data: { gid: '9000001', name: (await sent(req)).name } }))
    .post(`${task}/addTag`)
    .reply(200, async (req: Request) => {
      marks += 1;
      tags.push({ gid: (await sent(req)).tag ?? '', name: 'jalon-accepted' });
      return { data: {} };
    });
  return { comments: () => comments, marks: () => marks };
}

function mockListing() {
  const second = z
    .object({ data: z.looseObject({ gid: z.string() }) })
    .parse(ownFixture('api-get-task-board.json')).data;
  const offset = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJvZmZzZXQiOjF9';
  asana()
    .get('/api/1.0/events')
    .query({ resource: PROJECT })
    .reply(412, ownFixture('api-get-events-412.json'))
    .get('/api/1.0/tasks')
    .query((q) => q.project === PROJECT && q.offset === undefined && q.limit === '100')
    .reply(200, { data: VENDOR_TASKS, next_page: { offset, path: `/tasks?offset=${offset}` } })
    .get('/api/1.0/tasks')
    .query((q) => q.project === PROJECT && q.offset === offset)
    .reply(200, { data: [second], next_page: null });
  return { expectedIds: [VENDOR_TASK.gid, second.gid] };
}

const harness: ContractHarness = {
  tracker: 'asana',
  secrets: SECRETS,
  adapter: (secrets) => testAdapter(secrets === undefined ? {} : { secrets }),
  sampleBody: () => sharedFixtureBytes(CAPTURED_DELIVERY),
  signed: signedDelivery,
  unsigned: (body) => delivery(body, {}),
  fixtures: () => [
    {
      name: CAPTURED_DELIVERY,
      request: () => signedDelivery(sharedFixtureBytes(CAPTURED_DELIVERY), SECRETS.current),
      check(parsed) {
        expect(parsed.deliveryKey).toMatch(/^[0-9a-f]{64}$/);
        expect(parsed.events).toEqual([
          {
            key: expect.stringMatching(/^[0-9a-f]{64}$/),
            kind: 'updated',
            externalId: '1154849068499809',
            occurredAt: '2019-12-21T03:33:19.007Z',
            actorId: '55010250146157',
            task: null,
          },
        ]);
      },
    },
  ],
  scope: { tracker: 'asana', projectGid: PROJECT },
  mockListing,
  ref: { externalId: VENDOR_TASK.gid },
  mockPushBack,
  mockFetchFailure(status, headers = {}) {
    asana()
      .get(`/api/1.0/tasks/${VENDOR_TASK.gid}`)
      .query(true)
      .reply(status, statusBody[status] ?? { errors: [{ message: `HTTP ${status}` }] }, headers);
  },
};

runContractSuite(harness);
