import { createHmac } from 'node:crypto';
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';
import { MalformedWebhook, type RawWebhook } from '../../src/core/tracker.ts';
import {
  CALLBACK,
  makeAdapter,
  only,
  ownFixture,
  request,
  SECRETS,
  sharedFixture,
  signature,
  signed,
} from './fixtures/trello.kit.ts';

beforeAll(() => {
  nock.disableNetConnect();
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
