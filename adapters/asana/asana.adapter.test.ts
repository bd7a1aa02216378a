import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TrackerAuthFailed, type TrackerRateLimited, TrackerUnavailable } from '../../src/core/tracker.ts';
import { sampleDecision } from '../../test/contract/suite.ts';
import { ASANA_WEBHOOK_FILTERS } from './asana.adapter.ts';
import { ASANA_RATE_LIMITS } from './asana.client.ts';
import { AsanaMisconfigured, AsanaRequestRejected, retryAfterMs } from './asana.errors.ts';
import { defaultAsanaSettings } from './asana.settings.ts';
import {
  ACCESS_TOKEN,
  ASANA_HOST,
  CALLBACK_URL,
  ownFixture,
  sharedFixture,
  testAdapter,
} from './fixtures/support.ts';
import { asanaTracker } from './index.ts';

const TASK = '1201000000001001';
const WORKSPACE = '1201000000000001';
const PROJECT = '1201000000000100';
const BOARD = z.object({ data: z.looseObject({}) }).parse(ownFixture('api-get-task-board.json')).data;
const withTags = (tags: { gid: string; name: string }[]) => ({ data: { ...BOARD, tags } });
const Sent = z.object({ data: z.record(z.string(), z.unknown()) });

const asana = () => nock(ASANA_HOST, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } });

/** Records the `data` of each write so tests can assert what reached Asana. */
function recorder() {
  const writes: Record<string, unknown>[] = [];
  const reply =
    (status: number, body: unknown = { data: {} }) =>
    async (req: Request) => {
      writes.push(Sent.parse(await req.json()).data);
      return [status, body] as const;
    };
  return { writes, reply };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  // Every mocked call was made; cleaned first so one failure does not leak into the next test.
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('pushDecision', () => {
  it('comments with the marker, then creates the accept tag in the workspace and adds it', async () => {
    const { writes, reply } = recorder();
    asana()
      .get(`/api/1.0/tasks/${TASK}/stories`)
      .query(true)
      .reply(200, ownFixture('api-get-stories-for-task.json'))
      .post(`/api/1.0/tasks/${TASK}/stories`)
      .reply(reply(201, { data: { gid: '1201000000007003' } }))
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(200, withTags([]))
      .get(`/api/1.0/workspaces/${WORKSPACE}/tags`)
      .query(true)
      .reply(200, ownFixture('api-get-tags-for-workspace.json'))
      .post('/api/1.0/tags')
      .reply(reply(201, ownFixture('api-create-tag-201.json')))
      .post(`/api/1.0/tasks/${TASK}/addTag`)
      .reply(reply(200));
    const result = await testAdapter().pushDecision({ externalId: TASK }, sampleDecision);
    expect(result).toEqual({ commented: true, marked: true });
    expect(String(writes[0]?.text)).toContain('"Payment gateway integration" accepted by Claire PMO');
    expect(String(writes[0]?.text)).toContain('✓ Handles 3-D Secure');
    expect(String(writes[0]?.text).endsWith(`[jalon:decision:${sampleDecision.decisionId}]`)).toBe(true);
    expect(writes.slice(1)).toEqual([
      { name: 'jalon-accepted', workspace: WORKSPACE },
      { tag: '1201000000000401' },
    ]);
  });

  it('writes nothing when the marker comment and the tag are already there', async () => {
    const marker = `Decision\n[jalon:decision:${sampleDecision.decisionId}]`;
    asana()
      .get(`/api/1.0/tasks/${TASK}/stories`)
      .query(true)
      .reply(200, { data: [{ gid: '1', resource_subtype: 'comment_added', text: marker }], next_page: null })
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(200, withTags([{ gid: '1201000000000401', name: 'jalon-accepted' }]));
    const result = await testAdapter().pushDecision({ externalId: TASK }, sampleDecision);
    expect(result).toEqual({ commented: false, marked: false });
  });

  it('swaps a previous accept tag for the reject tag it finds in the workspace', async () => {
    const { writes, reply } = recorder();
    asana()
      .get(`/api/1.0/tasks/${TASK}/stories`)
      .query(true)
      .reply(200, { data: [], next_page: null })
      .post(`/api/1.0/tasks/${TASK}/stories`)
      .reply(reply(201))
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(200, withTags([{ gid: '1201000000000401', name: 'jalon-accepted' }]))
      .post(`/api/1.0/tasks/${TASK}/removeTag`)
      .reply(reply(200))
      .get(`/api/1.0/workspaces/${WORKSPACE}/tags`)
      .query(true)
      .reply(200, { data: [{ gid: '1201000000000404', name: 'jalon-rejected' }], next_page: null })
      .post(`/api/1.0/tasks/${TASK}/addTag`)
      .reply(reply(200));
    const reject = { ...sampleDecision, decisionId: 'dec_reject_01', decision: 'reject' as const };
    expect(await testAdapter().pushDecision({ externalId: TASK }, reject)).toEqual({
      commented: true,
      marked: true,
    });
    expect(String(writes[0]?.text)).toContain('rejected by Claire PMO');
    expect(writes.slice(1)).toEqual([{ tag: '1201000000000401' }, { tag: '1201000000000404' }]);
  });

  it('sets the configured enum custom field instead of a tag', async () => {
    const { writes, reply } = recorder();
    asana()
      .get(`/api/1.0/tasks/${TASK}/stories`)
      .query(true)
      .reply(200, { data: [], next_page: null })
      .post(`/api/1.0/tasks/${TASK}/stories`)
      .reply(reply(201))
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(200, withTags([]))
      .put(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(reply(200));
    const adapter = testAdapter({ settings: { decision: { customField: { gid: '1201000000000303' } } } });
    expect(await adapter.pushDecision({ externalId: TASK }, sampleDecision)).toEqual({
      commented: true,
      marked: true,
    });
    expect(writes[1]).toEqual({ custom_fields: { '1201000000000303': '1201000000000321' } });
  });

  it('refuses a custom field option the field does not have', async () => {
    asana()
      .get(`/api/1.0/tasks/${TASK}/stories`)
      .query(true)
      .reply(200, {
        data: [{ gid: '1', text: `[jalon:decision:${sampleDecision.decisionId}]` }],
        next_page: null,
      })
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .reply(200, withTags([]));
    const adapter = testAdapter({
      settings: { decision: { customField: { gid: '1201000000000303', accept: 'Approved' } } },
    });
    await expect(adapter.pushDecision({ externalId: TASK }, sampleDecision)).rejects.toBeInstanceOf(
      AsanaMisconfigured,
    );
  });
});

describe('registerWebhooks', () => {
  it('replaces an inactive webhook on the same target and filters to tasks and comments', async () => {
    const { writes, reply } = recorder();
    asana()
      .get(`/api/1.0/projects/${PROJECT}`)
      .query(true)
      .reply(200, ownFixture('api-get-project.json'))
      .get('/api/1.0/webhooks')
      .query((q) => q.workspace === WORKSPACE && q.resource === PROJECT)
      .reply(200, ownFixture('api-get-webhooks-inactive.json'))
      .delete('/api/1.0/webhooks/1201000000008001')
      .reply(200, { data: {} })
      .post('/api/1.0/webhooks')
      .query(true)
      .reply(reply(201, sharedFixture('api-create-webhook-201-response-vendor-example.json')));
    const regs = await testAdapter().registerWebhooks(
      { tracker: 'asana', projectGid: PROJECT },
      CALLBACK_URL,
    );
    expect(regs).toEqual([{ externalId: '43214', expiresAt: null }]);
    expect(writes).toEqual([{ resource: PROJECT, target: CALLBACK_URL, filters: ASANA_WEBHOOK_FILTERS }]);
  });

  it('keeps a live webhook instead of creating a second one', async () => {
    asana()
      .get(`/api/1.0/projects/${PROJECT}`)
      .query(true)
      .reply(200, ownFixture('api-get-project.json'))
      .get('/api/1.0/webhooks')
      .query(true)
      .reply(200, {
        data: [{ gid: '1201000000008003', active: true, target: CALLBACK_URL }],
        next_page: null,
      });
    const regs = await testAdapter().registerWebhooks(
      { tracker: 'asana', projectGid: PROJECT },
      CALLBACK_URL,
    );
    expect(regs).toEqual([{ externalId: '1201000000008003', expiresAt: null }]);
  });
});

describe('one SDK client per connection', () => {
  it('sends each connection its own token to its own base URL', async () => {
    nock('https://sandbox-a.test', { reqheaders: { authorization: 'Bearer token-a' } })
      .get('/api/1.0/users/me')
      .query(true)
      .reply(200, { data: { gid: 'a', name: 'A' } });
    nock('https://sandbox-b.test', { reqheaders: { authorization: 'Bearer token-b' } })
      .get('/v1/users/me')
      .query(true)
      .reply(200, { data: { gid: 'b', name: 'B' } });
    const make = (baseUrl: string, accessToken: string) =>
      asanaTracker.create({
        connectionId: `conn_${accessToken}`,
        baseUrl,
        credentials: { accessToken },
        settings: defaultAsanaSettings,
        webhookSecrets: [],
        integrationAccountId: null,
      });
    const a = make('https://sandbox-a.test/api/1.0/', 'token-a');
    const b = make('https://sandbox-b.test/v1', 'token-b');
    expect(await Promise.all([a.whoAmI(), b.whoAmI()])).toEqual([
      { accountId: 'a', name: 'A' },
      { accountId: 'b', name: 'B' },
    ]);
  });
});

describe('whoAmI', () => {
  it('is the token owner from users/me', async () => {
    asana().get('/api/1.0/users/me').query(true).reply(200, ownFixture('api-get-user-me.json'));
    expect(await testAdapter().whoAmI()).toEqual({ accountId: '1201000000009999', name: 'Jalon bot' });
  });
});

describe('failures', () => {
  const failFetch = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
    asana().get(`/api/1.0/tasks/${TASK}`).query(true).reply(status, body, headers);
    return testAdapter()
      .fetchTask({ externalId: TASK })
      .catch((e: unknown) => e);
  };

  it('403 → TrackerAuthFailed in Jalon’s words, never Asana’s message', async () => {
    const err = await failFetch(403, { errors: [{ message: 'Forbidden: Bearer 2/echoed-token' }] });
    expect(err).toBeInstanceOf(TrackerAuthFailed);
    expect((err as Error).message).toBe("asana refused the connection's credentials: HTTP 403");
  });

  it('410 → gone', async () => {
    expect(await failFetch(410)).toBeNull();
  });

  it('429 → the Retry-After seconds, or a minute without one', async () => {
    const err = await failFetch(429, ownFixture('api-error-429.json'), { 'Retry-After': '30' });
    expect((err as TrackerRateLimited).retryAfterMs).toBe(30_000);
    expect(((await failFetch(429)) as TrackerRateLimited).retryAfterMs).toBe(60_000);
  });

  it('reads an HTTP-date Retry-After', () => {
    const now = Date.parse('2027-02-10T09:00:00Z');
    expect(retryAfterMs('Wed, 10 Feb 2027 09:00:12 GMT', now)).toBe(12_000);
  });

  it('400 → a rejection that retrying will not fix', async () => {
    const err = await failFetch(400, { errors: [{ message: 'opt_fields: Unknown field' }] });
    expect(err).toBeInstanceOf(AsanaRequestRejected);
    expect((err as AsanaRequestRejected).retryable).toBe(false);
  });

  it('network failure → TrackerUnavailable, retryable', async () => {
    asana()
      .get(`/api/1.0/tasks/${TASK}`)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const err = await testAdapter()
      .fetchTask({ externalId: TASK })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackerUnavailable);
    expect((err as TrackerUnavailable).message).toContain('ECONNRESET');
  });

  it('a response of an unexpected shape → TrackerUnavailable', async () => {
    expect(await failFetch(200, { data: { gid: TASK } })).toBeInstanceOf(TrackerUnavailable);
  });
});

it('publishes Asana’s documented limits for the pipeline’s limiter', () => {
  expect(ASANA_RATE_LIMITS).toEqual({
    requestsPerMinuteFree: 150,
    requestsPerMinutePaid: 1500,
    maxConcurrentReads: 50,
    maxConcurrentWrites: 15,
  });
});
