import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trelloTracker } from '../../adapters/trello/index.ts';
import type { Task } from '../../src/core/task.ts';
import {
  MalformedWebhook,
  type ParsedDelivery,
  type RawWebhook,
  type TaskPage,
  type TrackerAdapter,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';
import { type ContractHarness, runContractSuite, sampleDecision } from './suite.ts';

/** Captured vendor payloads live outside the repo (../shared/fixtures) and are read from there. */
const sharedFixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../shared/fixtures/trello/${name}`, import.meta.url));
/** The project's own payloads, written from the vendor docs (adapters/trello/fixtures/README.md). */
const ownFixture = (name: string): Buffer =>
  readFileSync(new URL(`../../adapters/trello/fixtures/${name}`, import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: fixtures are vendor JSON, shaped by the test that uses them
const json = (raw: Buffer): any => JSON.parse(raw.toString('utf8'));

const HOST = 'https://trello.test';
const CALLBACK = 'https://jalon.example.com/webhooks/trello/conn_trello_contract';
const SECRETS = { current: 'trello-app-secret-2027', previous: 'trello-app-secret-2026' } as const;
const BOARD = '5854175bc371136d79abbe50';
const CARD = '585833c0b83d090631bde62c';
const JALON_MEMBER = '5854175bc371136d79abbe02';
const CREDENTIALS = { apiKey: 'contract-key', apiToken: 'contract-token', appSecret: SECRETS.current };

function makeAdapter(
  opts: { secrets?: readonly string[]; settings?: unknown; integrationAccountId?: string | null } = {},
): TrackerAdapter {
  return trelloTracker.create({
    connectionId: 'conn_trello_contract',
    baseUrl: `${HOST}/1`,
    credentials: CREDENTIALS,
    settings: trelloTracker.settings.parse(opts.settings ?? {}),
    webhookSecrets: opts.secrets ?? [SECRETS.current, SECRETS.previous],
    integrationAccountId: opts.integrationAccountId === undefined ? JALON_MEMBER : opts.integrationAccountId,
  });
}

const signature = (body: Buffer, url: string, secret: string): string =>
  createHmac('sha1', secret)
    .update(Buffer.concat([body, Buffer.from(url, 'utf8')]))
    .digest('base64');

function request(body: Buffer, headers: Record<string, string> = {}): RawWebhook {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    callbackUrl: CALLBACK,
    receivedAt: new Date('2027-03-03T10:00:00.000Z'),
  };
}
const signed = (body: Buffer, secret: string = SECRETS.current): RawWebhook =>
  request(body, { 'x-trello-webhook': signature(body, CALLBACK, secret) });

/** The query string of an intercepted request (nock 15 hands reply callbacks the fetch `Request`). */
const queryOf = (req: unknown): URLSearchParams =>
  new URL(typeof req === 'string' ? req : (req as Request).url, HOST).searchParams;

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

async function drain(pages: AsyncIterable<TaskPage>): Promise<TaskPage[]> {
  const all: TaskPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** A board of `count` open cards in "To Do", cloned from the project's card fixture. */
function generatedCards(count: number): { cards: unknown[]; ids: string[] } {
  const [template] = json(ownFixture('board-cards-all.json'));
  const ids = Array.from({ length: count }, (_, i) => `58a0c1f2e4b0a1b2c3${i.toString(16).padStart(6, '0')}`);
  return {
    cards: ids.map((id, i) => ({ ...template, id, idShort: i + 1, name: `Generated card ${i + 1}` })),
    ids,
  };
}

function mockBoard(cards: unknown, extra: (scope: nock.Scope) => void = () => {}): nock.Scope {
  const scope = nock(HOST)
    .get(`/1/boards/${BOARD}/cards/all`)
    .query({ key: CREDENTIALS.apiKey, token: CREDENTIALS.apiToken })
    .reply(200, cards)
    .get(`/1/boards/${BOARD}/lists`)
    .query({ filter: 'all', fields: 'name', key: CREDENTIALS.apiKey, token: CREDENTIALS.apiToken })
    .reply(200, json(ownFixture('board-lists.json')))
    .get(`/1/boards/${BOARD}/members`)
    .query(true)
    .reply(200, json(ownFixture('board-members.json')));
  extra(scope);
  return scope;
}

interface PushState {
  comments: string[];
  labels: string[];
  boardLabels: { id: string; name: string; color: string }[];
  marks: number;
  moves: string[];
}

function mockPushBack(state: PushState, idList = '58541760dada4cf7e9229a25'): void {
  nock(HOST)
    .persist()
    .get(`/1/cards/${CARD}/actions`)
    .query((q) => q.filter === 'commentCard')
    .reply(200, () =>
      state.comments.map((text, i) => ({
        id: `58a6a2f4bb0000000000000${i}`,
        idMemberCreator: JALON_MEMBER,
        type: 'commentCard',
        date: '2027-03-03T10:00:01.000Z',
        data: { text, card: { id: CARD } },
      })),
    )
    .post(`/1/cards/${CARD}/actions/comments`)
    .query(true)
    .reply(200, (uri: unknown) => {
      state.comments.unshift(queryOf(uri).get('text') ?? '');
      return {
        id: '58a6a2f4bb00000000000099',
        type: 'commentCard',
        date: '2027-03-03T10:00:01.000Z',
        data: {},
      };
    })
    .get(`/1/cards/${CARD}`)
    .query((q) => q.fields === 'idBoard,idList,idLabels')
    .reply(200, () => ({ id: CARD, idBoard: BOARD, idList, idLabels: [...state.labels] }))
    .get(`/1/boards/${BOARD}/labels`)
    .query(true)
    .reply(200, () => state.boardLabels)
    .post('/1/labels')
    .query((q) => q.idBoard === BOARD)
    .reply(200, (uri: unknown) => {
      const q = queryOf(uri);
      const label = { ...json(ownFixture('label-created.json')), name: q.get('name'), color: q.get('color') };
      state.boardLabels.push(label);
      return label;
    })
    .post(`/1/cards/${CARD}/idLabels`)
    .query(true)
    .reply(200, (uri: unknown) => {
      state.marks += 1;
      state.labels.push(queryOf(uri).get('value') ?? '');
      return [...state.labels];
    })
    .delete(new RegExp(`^/1/cards/${CARD}/idLabels/(\\w+)`))
    .query(true)
    .reply(200, (uri: unknown) => {
      const path = typeof uri === 'string' ? uri : (uri as Request).url;
      const id = /idLabels\/(\w+)/.exec(path)?.[1];
      state.labels = state.labels.filter((l) => l !== id);
      return { _value: null };
    })
    .put(`/1/cards/${CARD}`)
    .query(true)
    .reply(200, (uri: unknown) => {
      state.moves.push(queryOf(uri).get('idList') ?? '');
      return { id: CARD };
    });
}

const freshPushState = (): PushState => ({
  comments: [],
  labels: ['5854175b84e677fd36c87641'],
  boardLabels: json(ownFixture('board-labels.json')),
  marks: 0,
  moves: [],
});

const harness: ContractHarness = {
  tracker: 'trello',
  secrets: SECRETS,
  adapter: (secrets) => makeAdapter(secrets ? { secrets } : {}),
  sampleBody: () => sharedFixture('webhook-createCard.json'),
  signed: (body, secret) => signed(body, secret),
  unsigned: (body) => request(body),
  fixtures: () => [
    {
      name: 'webhook-createCard.json',
      request: () => signed(sharedFixture('webhook-createCard.json')),
      check: (parsed: ParsedDelivery) => {
        expect(parsed.deliveryKey).toBe('572b84076b9f7ff48a8c6639');
        expect(only(parsed.events)).toEqual({
          key: '572b84076b9f7ff48a8c6639',
          kind: 'created',
          externalId: '572b84076b9f7ff48a8c6638',
          occurredAt: '2016-05-05T17:33:59.341Z',
          actorId: '53582e2da0fac5676a714276',
          task: null,
        });
      },
    },
    {
      name: 'webhook-updateCard-list-move.json',
      request: () => signed(sharedFixture('webhook-updateCard-list-move.json')),
      check: (parsed) => {
        expect(parsed.deliveryKey).toBe('572a340644ed9c7d8b6f9a30');
        const event = only(parsed.events);
        expect(event.kind).toBe('updated');
        expect(event.externalId).toBe('53582e2da0fac5676a71427f');
        expect(event.occurredAt).toBe('2016-05-04T17:40:22.254Z');
        expect(event.task).toBeNull();
      },
    },
    {
      name: 'webhook-commentCard.json',
      request: () => signed(sharedFixture('webhook-commentCard.json')),
      check: (parsed) => {
        expect(parsed.deliveryKey).toBe('5735bd3a54bf8d93c35149bb');
        const event = only(parsed.events);
        expect(event.kind).toBe('comment');
        expect(event.externalId).toBe('53582e2da0fac5676a714280');
        expect(event.actorId).toBe('53582e2da0fac5676a714276');
      },
    },
  ],
  scope: { tracker: 'trello', boardId: BOARD },
  mockListing: () => {
    const { cards, ids } = generatedCards(150);
    mockBoard(cards);
    return { expectedIds: ids };
  },
  ref: { externalId: CARD, key: '31Akmw6l' },
  mockPushBack: () => {
    const state = freshPushState();
    mockPushBack(state);
    return { comments: () => state.comments, marks: () => state.marks };
  },
  mockFetchFailure: (status, headers = {}) => {
    const body =
      status === 429 ? { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } : 'failed';
    nock(HOST).get(`/1/cards/${CARD}`).query(true).reply(status, body, headers);
  },
};

runContractSuite(harness);

describe('trello adapter specifics', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  describe('verifyWebhook', () => {
    it('answers the HEAD check Trello makes at registration with a probe, unsigned', () => {
      const head: RawWebhook = { ...request(Buffer.alloc(0)), method: 'HEAD' };
      expect(makeAdapter().verifyWebhook(head)).toEqual({ kind: 'probe' });
    });
    it('signs body and callback URL together: another URL or the body alone is rejected', () => {
      const body = sharedFixture('webhook-commentCard.json');
      const adapter = makeAdapter();
      const otherUrl = request(body, {
        'x-trello-webhook': signature(body, `${CALLBACK}/other`, SECRETS.current),
      });
      const bodyOnly = request(body, {
        'x-trello-webhook': createHmac('sha1', SECRETS.current).update(body).digest('base64'),
      });
      expect(adapter.verifyWebhook(otherUrl).kind).toBe('reject');
      expect(adapter.verifyWebhook(bodyOnly).kind).toBe('reject');
      expect(adapter.verifyWebhook({ ...signed(body), callbackUrl: `${CALLBACK}/` }).kind).toBe('reject');
      expect(adapter.verifyWebhook(signed(body)).kind).toBe('accept');
    });
    it('verifies non-ASCII bodies over their UTF-8 bytes', () => {
      const body = ownFixture('webhook-deleteCard.json');
      expect(body.toString('utf8')).toContain('Amélie');
      expect(makeAdapter().verifyWebhook(signed(body)).kind).toBe('accept');
    });
    it('rejects every delivery when no app secret is configured', () => {
      const body = sharedFixture('webhook-createCard.json');
      expect(makeAdapter({ secrets: [] }).verifyWebhook(signed(body)).kind).toBe('reject');
    });
  });

  describe('parseWebhook', () => {
    it('drops the actions of the integration account (Jalon’s own writes)', () => {
      const adapter = makeAdapter({ integrationAccountId: '53582e2da0fac5676a714276' });
      const parsed = adapter.parseWebhook(signed(sharedFixture('webhook-commentCard.json')));
      expect(parsed).toEqual({ deliveryKey: '5735bd3a54bf8d93c35149bb', events: [] });
    });
    it('reads deleteCard as a deletion of the card', () => {
      const parsed = makeAdapter().parseWebhook(signed(ownFixture('webhook-deleteCard.json')));
      expect(only(parsed.events)).toMatchObject({
        key: '58a59440aa00000000000003',
        kind: 'deleted',
        externalId: '58a0c1f2e4b0a1b2c3d4e509',
        occurredAt: '2017-02-16T12:00:00.000Z',
      });
    });
    it('reads archiving, due completion and label changes as updates to fetch', () => {
      const adapter = makeAdapter();
      for (const [file, card] of [
        ['webhook-updateCard-closed.json', '58a0c1f2e4b0a1b2c3d4e504'],
        ['webhook-updateCard-dueComplete.json', '58a0c1f2e4b0a1b2c3d4e505'],
        ['webhook-addLabelToCard.json', '58a0c1f2e4b0a1b2c3d4e502'],
      ] as const) {
        const event = only(adapter.parseWebhook(signed(ownFixture(file))).events);
        expect(event).toMatchObject({ kind: 'updated', externalId: card, task: null });
      }
    });
    it('keeps the delivery key of an action that touches no card, with no event', () => {
      const parsed = makeAdapter().parseWebhook(signed(ownFixture('webhook-updateList.json')));
      expect(parsed.deliveryKey).toBe('58a81b20aa00000000000009');
      expect(parsed.events).toEqual([]);
    });
    it('throws MalformedWebhook on a body that is not a Trello action', () => {
      const adapter = makeAdapter();
      expect(() => adapter.parseWebhook(signed(Buffer.from('{"model":{}')))).toThrow(MalformedWebhook);
      expect(() => adapter.parseWebhook(signed(Buffer.from('{"action":{"id":"x"}}')))).toThrow(
        MalformedWebhook,
      );
    });
  });

  describe('fetchTask', () => {
    const expected: Task = {
      tracker: 'trello',
      externalId: CARD,
      key: '31Akmw6l',
      url: 'https://trello.com/c/31Akmw6l/7-this-is-a-test-card',
      title: 'This Is A Test Card',
      statusCategory: 'todo',
      status: 'To Do',
      cancelled: false,
      blocked: false,
      assignee: null,
      dueDate: '2016-12-29',
      labels: ['green'],
      parentExternalId: null,
      estimate: null,
      completedAt: null,
      createdAt: '2016-12-19T19:23:44.000Z',
      updatedAt: '2016-12-19T19:24:04.456Z',
      deleted: false,
      facets: {
        list: ['58541760dada4cf7e9229a25', 'To Do'],
        label: ['green', '5854175b84e677fd36c87641'],
        card: [CARD, '31Akmw6l'],
      },
      scopeIds: [BOARD],
    };

    it('normalises the captured GET card response, asking for its list, members and placements', async () => {
      const card = json(sharedFixture('api-get-card-response.json'));
      const scope = nock(HOST)
        .get(`/1/cards/${CARD}`)
        .query({
          list: 'true',
          members: 'true',
          member_fields: 'fullName,username',
          actions: 'createCard,copyCard,convertToCardFromCheckItem,moveCardToBoard,updateCard',
          key: CREDENTIALS.apiKey,
          token: CREDENTIALS.apiToken,
        })
        .reply(200, { ...card, list: { id: card.idList, name: 'To Do' }, members: [], actions: [] });
      await expect(makeAdapter().fetchTask({ externalId: CARD })).resolves.toEqual(expected);
      expect(scope.isDone()).toBe(true);
    });
    it('falls back to the list id as status when the response carries no list', async () => {
      nock(HOST).get(`/1/cards/${CARD}`).query(true).reply(200, sharedFixture('api-get-card-response.json'), {
        'content-type': 'application/json; charset=utf-8',
      });
      const task = await makeAdapter().fetchTask({ externalId: CARD });
      expect(task).toMatchObject({
        status: '58541760dada4cf7e9229a25',
        statusCategory: 'todo',
        key: '31Akmw6l',
      });
    });
    it('dates completion by the action that moved the card to a done list', async () => {
      const card = json(sharedFixture('api-get-card-response.json'));
      const [, toDone] = json(ownFixture('board-actions-placement.json'));
      nock(HOST)
        .get(`/1/cards/${CARD}`)
        .query(true)
        .reply(200, { ...card, list: { id: card.idList, name: 'Done' }, members: [], actions: [toDone] });
      const task = await makeAdapter().fetchTask({ externalId: CARD });
      expect(task).toMatchObject({ statusCategory: 'done', completedAt: '2017-02-15T08:40:00.000Z' });
    });
    it('returns null for a card gone at Trello (404 or 410)', async () => {
      nock(HOST).get(`/1/cards/${CARD}`).query(true).reply(410, 'gone');
      await expect(makeAdapter().fetchTask({ externalId: CARD })).resolves.toBeNull();
    });
    it('403 → TrackerAuthFailed; a network failure → TrackerUnavailable', async () => {
      nock(HOST).get(`/1/cards/${CARD}`).query(true).reply(403, 'unauthorized card permission requested');
      await expect(makeAdapter().fetchTask({ externalId: CARD })).rejects.toBeInstanceOf(TrackerAuthFailed);
      nock(HOST).get(`/1/cards/${CARD}`).query(true).replyWithError('socket hang up');
      await expect(makeAdapter().fetchTask({ externalId: CARD })).rejects.toBeInstanceOf(TrackerUnavailable);
    });
    it('429 without Retry-After: waits one window of the exhausted limit, and never retries by itself', async () => {
      const scope = nock(HOST).get(`/1/cards/${CARD}`).query(true).reply(
        429,
        { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
        {
          'x-rate-limit-api-token-interval-ms': '10000',
          'x-rate-limit-api-token-max': '100',
          'x-rate-limit-api-token-remaining': '0',
          'x-rate-limit-api-key-interval-ms': '10000',
          'x-rate-limit-api-key-max': '300',
          'x-rate-limit-api-key-remaining': '212',
        },
      );
      const started = Date.now();
      const err = await makeAdapter()
        .fetchTask({ externalId: CARD })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerRateLimited);
      expect((err as TrackerRateLimited).retryAfterMs).toBe(10_000);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('listChanged', () => {
    it('full listing: categories by list rules, dueComplete, archived cards, completion dates', async () => {
      const cards = json(ownFixture('board-cards-all.json'));
      mockBoard(cards, (scope) =>
        scope
          .get(`/1/boards/${BOARD}/actions`)
          .query(
            (q) => q.filter === 'createCard,copyCard,convertToCardFromCheckItem,moveCardToBoard,updateCard',
          )
          .reply(200, json(ownFixture('board-actions-placement.json'))),
      );
      const pages = await drain(makeAdapter().listChanged({ tracker: 'trello', boardId: BOARD }, null));
      const page = only(pages);
      const byTitle = new Map(page.tasks.map((t) => [t.title, t]));
      expect(byTitle.get('Set up CI')).toMatchObject({
        statusCategory: 'todo',
        status: 'To Do',
        assignee: 'Amélie Provider',
        labels: ['Backend'],
        blocked: false,
        completedAt: null,
      });
      expect(byTitle.get('Payment form')).toMatchObject({
        statusCategory: 'in_progress',
        blocked: true,
        dueDate: '2017-03-01',
        labels: ['Blocked', 'green'],
      });
      expect(byTitle.get('Login page')).toMatchObject({
        statusCategory: 'done',
        completedAt: '2017-02-15T08:40:00.000Z',
        assignee: 'Amélie Provider',
      });
      expect(byTitle.get('Old spike')).toMatchObject({
        statusCategory: 'todo',
        cancelled: true,
        deleted: false,
      });
      expect(byTitle.get('Invoice export')).toMatchObject({
        statusCategory: 'done',
        status: 'To Do',
        completedAt: '2017-02-17T07:15:00.000Z',
        dueDate: '2017-02-28',
      });
      expect(page.cursor).toBe('2017-02-17T07:13:00.000Z');
    });

    it('incremental listing: actions since the cursor, recent activity, tombstones, cards moved away', async () => {
      const since = '2017-02-15T00:00:00.000Z';
      const cards = json(ownFixture('board-cards-all.json'));
      nock(HOST)
        .get(`/1/boards/${BOARD}/actions`)
        .query((q) => q.since === since && q.limit === '1000' && String(q.filter).includes('deleteCard'))
        .reply(200, json(ownFixture('board-actions-since.json')))
        .get('/1/cards/58a0c1f2e4b0a1b2c3d4e50a')
        .query(true)
        .reply(200, json(ownFixture('card-moved-away.json')));
      mockBoard(cards);
      const pages = await drain(makeAdapter({ settings: { pageSize: 2 } }).listChanged(harness.scope, since));
      const tasks = pages.flatMap((p) => p.tasks);
      expect(tasks.map((t) => t.externalId).sort()).toEqual(
        [
          '58a0c1f2e4b0a1b2c3d4e503',
          '58a0c1f2e4b0a1b2c3d4e504',
          '58a0c1f2e4b0a1b2c3d4e505',
          '58a0c1f2e4b0a1b2c3d4e509',
          '58a0c1f2e4b0a1b2c3d4e50a',
        ].sort(),
      );
      const byId = new Map(tasks.map((t) => [t.externalId, t]));
      expect(byId.get('58a0c1f2e4b0a1b2c3d4e509')).toMatchObject({
        deleted: true,
        key: 'zZ9yY8xX',
        status: 'Doing',
      });
      expect(byId.get('58a0c1f2e4b0a1b2c3d4e50a')).toMatchObject({ scopeIds: ['5854175bc371136d79abbe77'] });
      expect(byId.get('58a0c1f2e4b0a1b2c3d4e503')?.completedAt).toBe('2017-02-15T08:40:00.000Z');
      expect(pages).toHaveLength(3);
      expect(pages.map((p) => p.cursor)).toEqual([since, since, '2017-02-17T07:13:00.000Z']);
    });

    it('incremental listing with nothing new keeps the cursor', async () => {
      const since = '2017-03-01T00:00:00.000Z';
      nock(HOST).get(`/1/boards/${BOARD}/actions`).query(true).reply(200, []);
      nock(HOST)
        .get(`/1/boards/${BOARD}/cards/all`)
        .query(true)
        .reply(200, json(ownFixture('board-cards-all.json')));
      const pages = await drain(makeAdapter().listChanged(harness.scope, since));
      expect(pages).toEqual([{ tasks: [], cursor: since }]);
    });
  });

  describe('pushDecision', () => {
    it('creates the decision label when missing, takes off the opposite one and moves the card', async () => {
      const state = freshPushState();
      state.labels.push('5854175b84e677fd36c87644'); // "Jalon: rejected" from an earlier decision
      mockPushBack(state);
      const adapter = makeAdapter({ settings: { decisionLists: { accept: '58541760dada4cf7e9229a27' } } });
      const result = await adapter.pushDecision({ externalId: CARD }, sampleDecision);
      expect(result).toEqual({ commented: true, marked: true });
      const created = state.boardLabels.find((l) => l.name === 'Jalon: accepted');
      expect(created?.color).toBe('green');
      expect(state.labels).toEqual(['5854175b84e677fd36c87641', created?.id]);
      expect(state.moves).toEqual(['58541760dada4cf7e9229a27']);
      expect(only(state.comments)).toContain('**Jalon: deliverable accepted** — Payment gateway integration');
      expect(state.comments[0]).toContain('- [met] Handles 3-D Secure');
    });
  });

  describe('registerWebhooks', () => {
    const token = `/1/tokens/${CREDENTIALS.apiToken}/webhooks`;

    it('creates a board webhook for the exact callback URL when the token has none', async () => {
      const scope = nock(HOST)
        .get(token)
        .query(true)
        .reply(200, json(ownFixture('token-webhooks.json')))
        .post('/1/webhooks/')
        .query((q) => q.idModel === BOARD && q.callbackURL === CALLBACK)
        .reply(200, json(ownFixture('webhook-created.json')));
      const regs = await makeAdapter().registerWebhooks(harness.scope, CALLBACK);
      expect(regs).toEqual([{ externalId: '5abbe4b7ddc1b351ef961415', expiresAt: null }]);
      expect(scope.isDone()).toBe(true);
    });
    it('reuses the webhook that already calls this URL for this board', async () => {
      nock(HOST)
        .get(token)
        .query(true)
        .reply(200, [...json(ownFixture('token-webhooks.json')), json(ownFixture('webhook-created.json'))]);
      const regs = await makeAdapter().registerWebhooks(harness.scope, CALLBACK);
      expect(regs).toEqual([{ externalId: '5abbe4b7ddc1b351ef961415', expiresAt: null }]);
    });
  });

  it('whoAmI reads the token’s member', async () => {
    nock(HOST)
      .get('/1/members/me')
      .query(true)
      .reply(200, json(ownFixture('member-me.json')));
    await expect(makeAdapter().whoAmI()).resolves.toEqual({
      accountId: JALON_MEMBER,
      name: 'Jalon Integration',
    });
  });
});
