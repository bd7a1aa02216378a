import nock from 'nock';
import { expect } from 'vitest';
import {
  BOARD,
  CARD,
  freshPushState,
  generatedCards,
  HOST,
  makeAdapter,
  mockBoard,
  mockPushBack,
  only,
  request,
  SECRETS,
  sharedFixture,
  signed,
} from '../../adapters/trello/fixtures/trello.kit.ts';
import type { ParsedDelivery } from '../../src/core/tracker.ts';
import { type ContractHarness, runContractSuite } from './suite.ts';

/**
 * The shared adapter contract, run against Trello through nock. The captured vendor payloads are
 * read from test/fixtures/trello; Trello-specific behaviour is tested beside the adapter
 * (adapters/trello/*.test.ts).
 */
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
