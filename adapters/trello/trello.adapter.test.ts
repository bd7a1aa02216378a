import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/task.ts';
import { TrackerAuthFailed, TrackerRateLimited, TrackerUnavailable } from '../../src/core/tracker.ts';
import { sampleDecision } from '../../test/contract/suite.ts';
import {
  BOARD,
  CALLBACK,
  CARD,
  CREDENTIALS,
  drain,
  freshPushState,
  HOST,
  JALON_MEMBER,
  json,
  makeAdapter,
  mockBoard,
  mockPushBack,
  only,
  ownFixture,
  sharedFixture,
} from './fixtures/trello.kit.ts';

const SCOPE = { tracker: 'trello', boardId: BOARD } as const;

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
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

  it('normalises the captured GET card response, asking for its list and members', async () => {
    const card = json(sharedFixture('api-get-card-response.json'));
    const scope = nock(HOST)
      .get(`/1/cards/${CARD}`)
      .query({
        list: 'true',
        members: 'true',
        member_fields: 'fullName,username',
        key: CREDENTIALS.apiKey,
        token: CREDENTIALS.apiToken,
      })
      .reply(200, { ...card, list: { id: card.idList, name: 'To Do' }, members: [] });
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
  it('dates completion by walking the done card’s actions back to the move into a done list', async () => {
    const card = json(sharedFixture('api-get-card-response.json'));
    const ofThisCard = (a: { data: { card: object } }) => ({
      ...a,
      data: { ...a.data, card: { ...a.data.card, id: CARD } },
    });
    const [, toDone, toDoing, created] = json(ownFixture('board-actions-placement.json')).map(ofThisCard);
    const rename = {
      ...toDone,
      id: '58a6a2f4cc00000000000001',
      date: '2017-02-16T09:00:00.000Z',
      data: { card: { id: CARD, name: 'Renamed' }, old: { name: 'x' } },
    };
    const scope = nock(HOST)
      .get(`/1/cards/${CARD}`)
      .query(true)
      .reply(200, { ...card, list: { id: card.idList, name: 'Done' }, members: [] })
      .get(`/1/cards/${CARD}/actions`)
      .query({
        filter: 'createCard,copyCard,convertToCardFromCheckItem,moveCardToBoard,updateCard',
        limit: '1000',
        key: CREDENTIALS.apiKey,
        token: CREDENTIALS.apiToken,
      })
      .reply(200, [rename, toDone, toDoing, created]);
    const task = await makeAdapter().fetchTask({ externalId: CARD });
    expect(task).toMatchObject({ statusCategory: 'done', completedAt: '2017-02-15T08:40:00.000Z' });
    expect(scope.isDone()).toBe(true);
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

  it('incremental listing: actions since the cursor, recent activity, deletions by id, cards moved away', async () => {
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
    const pages = await drain(makeAdapter({ settings: { pageSize: 2 } }).listChanged(SCOPE, since));
    const tasks = pages.flatMap((p) => p.tasks);
    expect(tasks.map((t) => t.externalId).sort()).toEqual(
      [
        '58a0c1f2e4b0a1b2c3d4e503',
        '58a0c1f2e4b0a1b2c3d4e504',
        '58a0c1f2e4b0a1b2c3d4e505',
        '58a0c1f2e4b0a1b2c3d4e50a',
      ].sort(),
    );
    const byId = new Map(tasks.map((t) => [t.externalId, t]));
    // The deleteCard action names only the card: a deletion, not a blank snapshot of it.
    expect(pages.flatMap((p) => p.deletions ?? [])).toEqual([
      { externalId: '58a0c1f2e4b0a1b2c3d4e509', at: expect.any(String) },
    ]);
    expect(pages.at(-1)?.deletions).toHaveLength(1);
    expect(byId.get('58a0c1f2e4b0a1b2c3d4e50a')).toMatchObject({ scopeIds: ['5854175bc371136d79abbe77'] });
    expect(byId.get('58a0c1f2e4b0a1b2c3d4e503')?.completedAt).toBe('2017-02-15T08:40:00.000Z');
    expect(pages).toHaveLength(2);
    expect(pages.map((p) => p.cursor)).toEqual([since, '2017-02-17T07:13:00.000Z']);
  });

  it('incremental listing with nothing new keeps the cursor', async () => {
    const since = '2017-03-01T00:00:00.000Z';
    nock(HOST).get(`/1/boards/${BOARD}/actions`).query(true).reply(200, []);
    nock(HOST)
      .get(`/1/boards/${BOARD}/cards/all`)
      .query(true)
      .reply(200, json(ownFixture('board-cards-all.json')));
    const pages = await drain(makeAdapter().listChanged(SCOPE, since));
    expect(pages).toEqual([{ tasks: [], cursor: since }]);
  });
});

describe('pushDecision', () => {
  it('pages back through the card’s comments (before = oldest id) to find the marker', async () => {
    const comment = (i: number, text: string) => ({
      id: `58a6a2f4dd${i.toString(16).padStart(14, '0')}`,
      idMemberCreator: JALON_MEMBER,
      type: 'commentCard',
      date: '2027-03-03T10:00:01.000Z',
      data: { text, card: { id: CARD } },
    });
    const chatter = Array.from({ length: 1000 }, (_, i) => comment(2000 - i, `comment ${i}`));
    const marked = comment(1, `decided [jalon:decision:${sampleDecision.decisionId}]`);
    nock(HOST)
      .get(`/1/cards/${CARD}/actions`)
      .query((q) => q.filter === 'commentCard' && q.before === undefined)
      .reply(200, chatter)
      .get(`/1/cards/${CARD}/actions`)
      .query((q) => q.filter === 'commentCard' && q.before === chatter.at(-1)?.id)
      .reply(200, [marked])
      .get(`/1/cards/${CARD}`)
      .query(true)
      .reply(200, { id: CARD, idBoard: BOARD, idList: '58541760dada4cf7e9229a25', idLabels: [] })
      .get(`/1/boards/${BOARD}/labels`)
      .query(true)
      .reply(200, [{ id: '5854175b84e677fd36c87645', name: 'Jalon: accepted', color: 'green' }])
      .post(`/1/cards/${CARD}/idLabels`)
      .query({ value: '5854175b84e677fd36c87645', key: CREDENTIALS.apiKey, token: CREDENTIALS.apiToken })
      .reply(200, ['5854175b84e677fd36c87645']);
    const result = await makeAdapter().pushDecision({ externalId: CARD }, sampleDecision);
    expect(result).toEqual({ commented: false, marked: true });
  });

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
    const regs = await makeAdapter().registerWebhooks(SCOPE, CALLBACK);
    expect(regs).toEqual([{ externalId: '5abbe4b7ddc1b351ef961415', expiresAt: null }]);
    expect(scope.isDone()).toBe(true);
  });
  it('reuses the webhook that already calls this URL for this board', async () => {
    nock(HOST)
      .get(token)
      .query(true)
      .reply(200, [...json(ownFixture('token-webhooks.json')), json(ownFixture('webhook-created.json'))]);
    const regs = await makeAdapter().registerWebhooks(SCOPE, CALLBACK);
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
