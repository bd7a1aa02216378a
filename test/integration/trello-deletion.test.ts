import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BOARD,
  HOST,
  json,
  makeAdapter,
  mockBoard,
  ownFixture,
} from '../../adapters/trello/fixtures/trello.kit.ts';
import type { LinkRecord } from '../../src/core/sync-ports.ts';
import type { Task } from '../../src/core/task.ts';
import { createLogger } from '../../src/logger.ts';
import { createIngestService } from '../../src/services/ingest.service.ts';
import { createSyncService } from '../../src/services/sync.service.ts';
import { newConnection } from '../reliability/harness.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 16 item 14: Trello's `deleteCard` action carries only the card's id. A reconcile that
 * reads it must mark the stored task deleted and keep its last known title and labels (what the
 * PMO still reads in the dashboard and the report), not overwrite them with blanks.
 */

const DELETED_CARD = '58a0c1f2e4b0a1b2c3d4e509';
const SINCE = '2017-02-15T00:00:00.000Z';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(async () => {
  await t?.close();
});

const known = (): Task => ({
  tracker: 'trello',
  externalId: DELETED_CARD,
  key: 'zZ9yY8xX',
  url: 'https://trello.com/c/zZ9yY8xX',
  title: 'Legal review of the terms page',
  statusCategory: 'in_progress',
  status: 'Doing',
  cancelled: false,
  blocked: false,
  assignee: null,
  dueDate: null,
  labels: ['legal', 'phase-2'],
  parentExternalId: null,
  estimate: null,
  completedAt: null,
  createdAt: '2017-02-12T09:00:00.000Z',
  updatedAt: '2017-02-14T09:00:00.000Z',
  deleted: false,
  facets: { list: ['58541760dada4cf7e9229a26', 'Doing'], label: ['legal', 'phase-2'], card: [DELETED_CARD] },
  scopeIds: [BOARD],
});

describe('a Trello card deleted at the tracker', () => {
  it('keeps its last title and labels when an incremental sync reads its deleteCard action', async () => {
    const connectionId = await newConnection(t);
    const store = t.container.store;
    await store.tasks.upsertManyIfNewer(connectionId, [known()]);
    const link = {
      id: 'lnk_trello_deletion',
      connectionId,
      scope: { tracker: 'trello', boardId: BOARD },
      syncCursor: SINCE,
    };
    // The real sync and ingest services and task store; the Trello connection is the SDK against nock.
    const connections = {
      adapterFor: async () =>
        ({ adapter: makeAdapter(), connection: { id: connectionId, integrationAccountId: 'me' } }) as never,
      noteHealth: async () => {},
      setIntegrationAccount: async () => {},
    };
    const limiter = {
      run: (_c: string, _t: string, _k: string, _n: number, fn: () => unknown) => fn(),
    } as never;
    const logger = createLogger('silent');
    const ingest = createIngestService({
      inbox: store.inbox,
      tasks: store.tasks,
      connections,
      links: { listByConnection: async () => [link as unknown as LinkRecord] },
      scopeIdOf: () => BOARD,
      limiter,
      publicUrl: 'http://jalon.test',
      onTasksChanged: async () => {},
      logger,
    });
    const sync = createSyncService({
      links: { get: async () => link as unknown as LinkRecord, saveCursor: async () => {} },
      tasks: store.tasks,
      connections,
      ingest,
      limiter,
      scopeIdOf: () => BOARD,
      logger,
    });
    nock(HOST)
      .get(`/1/boards/${BOARD}/actions`)
      .query(true)
      .reply(200, json(ownFixture('board-actions-since.json')))
      .get('/1/cards/58a0c1f2e4b0a1b2c3d4e50a')
      .query(true)
      .reply(200, json(ownFixture('card-moved-away.json')));
    mockBoard(json(ownFixture('board-cards-all.json')));

    await sync.syncLink(link.id, { full: false });

    expect(await store.tasks.get(connectionId, DELETED_CARD)).toMatchObject({
      deleted: true,
      title: 'Legal review of the terms page',
      labels: ['legal', 'phase-2'],
      key: 'zZ9yY8xX',
    });
  }, 60_000);
});
