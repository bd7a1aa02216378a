import { describe, expect, it } from 'vitest';
import { MalformedWebhook } from '../../src/core/tracker.ts';
import {
  delivery,
  ownFixtureBytes,
  SECRETS,
  sharedFixtureBytes,
  signature,
  signedDelivery,
  testAdapter,
} from './fixtures/support.ts';

const MIXED = ownFixtureBytes('webhook-delivery-mixed.json');
const HEARTBEAT = ownFixtureBytes('webhook-heartbeat.json');

describe('asana handshake', () => {
  it('echoes X-Hook-Secret and hands over the secret to store', () => {
    const secret = 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81';
    const verdict = testAdapter({ secrets: [] }).verifyWebhook(
      delivery(Buffer.alloc(0), { 'x-hook-secret': secret }),
    );
    expect(verdict).toEqual({ kind: 'handshake', responseHeaders: { 'X-Hook-Secret': secret }, secret });
  });

  it('answers the handshake of a second project webhook on a connection that already has a secret', () => {
    const secret = 'f'.repeat(64);
    const verdict = testAdapter().verifyWebhook(delivery(Buffer.alloc(0), { 'x-hook-secret': secret }));
    expect(verdict.kind).toBe('handshake');
  });

  it('refuses a handshake secret that could not be echoed safely', () => {
    for (const bad of ['short', `${'a'.repeat(40)}\r\nSet-Cookie: x`, 'a'.repeat(300)]) {
      const verdict = testAdapter().verifyWebhook(delivery(Buffer.alloc(0), { 'x-hook-secret': bad }));
      expect(verdict.kind).toBe('reject');
    }
  });

  it('rejects deliveries before any secret is stored, and non-POST requests', () => {
    expect(testAdapter({ secrets: [] }).verifyWebhook(signedDelivery(MIXED, SECRETS.current)).kind).toBe(
      'reject',
    );
    const head = { ...signedDelivery(MIXED, SECRETS.current), method: 'HEAD' as const };
    expect(testAdapter().verifyWebhook(head).kind).toBe('reject');
  });

  it('rejects a signature that is not 64 hex characters', () => {
    const sig = signature(MIXED, SECRETS.current);
    const verdict = testAdapter().verifyWebhook(delivery(MIXED, { 'x-hook-signature': `sha256=${sig}` }));
    expect(verdict).toEqual({ kind: 'reject', reason: 'malformed X-Hook-Signature' });
  });
});

describe('asana heartbeat', () => {
  it('is verified like any delivery and parsed into zero events', () => {
    const adapter = testAdapter();
    const req = signedDelivery(HEARTBEAT, SECRETS.current);
    expect(adapter.verifyWebhook(req).kind).toBe('accept');
    const parsed = adapter.parseWebhook(req);
    expect(parsed.events).toEqual([]);
    expect(parsed.deliveryKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys heartbeats of one webhook alike and those of another webhook differently', () => {
    const adapter = testAdapter();
    const first = adapter.parseWebhook(signedDelivery(HEARTBEAT, SECRETS.current));
    const eightHoursLater = adapter.parseWebhook({
      ...signedDelivery(HEARTBEAT, SECRETS.current),
      receivedAt: new Date('2027-02-10T17:25:00.000Z'),
    });
    const otherWebhook = adapter.parseWebhook(signedDelivery(HEARTBEAT, SECRETS.previous));
    expect(eightHoursLater.deliveryKey).toBe(first.deliveryKey);
    expect(otherWebhook.deliveryKey).not.toBe(first.deliveryKey);
  });
});

describe('asana delivery parsing', () => {
  const parse = (body: Buffer = MIXED, integrationAccountId?: string | null) =>
    testAdapter(integrationAccountId === undefined ? {} : { integrationAccountId }).parseWebhook(
      signedDelivery(body, SECRETS.current),
    );

  it('turns task and comment events into what changed, always without a snapshot', () => {
    expect(
      parse().events.map(({ kind, externalId, occurredAt, actorId, task }) => [
        kind,
        externalId,
        occurredAt,
        actorId,
        task,
      ]),
    ).toEqual([
      ['created', '1201000000001004', '2027-02-10T09:15:02.118Z', '1201000000000501', null],
      ['updated', '1201000000001001', '2027-02-10T09:16:40.503Z', '1201000000000501', null],
      ['updated', '1201000000001001', '2027-02-10T09:16:40.503Z', '1201000000000501', null],
      ['updated', '1201000000001001', '2027-02-10T09:17:05.000Z', '1201000000000501', null],
      ['comment', '1201000000001001', '2027-02-10T09:18:11.774Z', '1201000000000501', null],
      ['deleted', '1201000000001002', '2027-02-10T09:19:30.020Z', '1201000000000501', null],
      ['deleted', '1201000000001003', '2027-02-10T09:20:00.000Z', '1201000000000501', null],
    ]);
  });

  it('maps a comment story to its parent task', () => {
    const comment = parse().events.find((e) => e.kind === 'comment');
    expect(comment?.externalId).toBe('1201000000001001');
  });

  it("drops the integration user's own events, and keeps them when the user is unknown", () => {
    const all = parse(MIXED, null).events;
    const mine = all.filter((e) => e.actorId === '1201000000009999');
    expect(mine.map((e) => e.kind)).toEqual(['comment', 'updated']);
    expect(parse().events.some((e) => e.actorId === '1201000000009999')).toBe(false);
  });

  it('derives event keys that are stable across redeliveries and distinct between events', () => {
    const first = parse(MIXED, null);
    const again = parse(MIXED, null);
    const keys = first.events.map((e) => e.key);
    expect(again.events.map((e) => e.key)).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(again.deliveryKey).toBe(first.deliveryKey);
  });

  it('gives two field changes at the same instant different keys', () => {
    const [, completed, assignee] = parse().events;
    expect(completed?.occurredAt).toBe(assignee?.occurredAt);
    expect(completed?.key).not.toBe(assignee?.key);
  });

  it('keys a delivery by its events whatever their order, and differently from another delivery', () => {
    const body = JSON.parse(MIXED.toString('utf8')) as { events: unknown[] };
    const reversed = Buffer.from(JSON.stringify({ events: [...body.events].reverse() }));
    const fewer = Buffer.from(JSON.stringify({ events: body.events.slice(1) }));
    expect(parse(reversed).deliveryKey).toBe(parse().deliveryKey);
    expect(parse(fewer).deliveryKey).not.toBe(parse().deliveryKey);
  });

  it('reads a system story on a task as an update of that task, and ignores other stories', () => {
    const story = (subtype: string, parent: object | null) => ({
      action: 'added',
      created_at: '2027-02-10T09:30:00.000Z',
      resource: { gid: '1201000000007010', resource_type: 'story', resource_subtype: subtype },
      parent,
      user: { gid: '1201000000000501', resource_type: 'user' },
    });
    const body = Buffer.from(
      JSON.stringify({
        events: [
          story('section_changed', { gid: '1201000000001001', resource_type: 'task' }),
          story('comment_added', null),
          story('comment_added', { gid: '1201000000000100', resource_type: 'project' }),
        ],
      }),
    );
    expect(parse(body).events.map((e) => [e.kind, e.externalId])).toEqual([['updated', '1201000000001001']]);
  });

  it('parses the captured 2019 delivery (no `change` field) into one update', () => {
    const parsed = parse(sharedFixtureBytes('webhook-events-task-changed-2019.json'));
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({ kind: 'updated', externalId: '1154849068499809' });
  });

  it('throws MalformedWebhook on a body it cannot read', () => {
    expect(() => parse(Buffer.from('not json'))).toThrow(MalformedWebhook);
    expect(() => parse(Buffer.from('{"events":[{"action":"changed"}]}'))).toThrow(MalformedWebhook);
  });
});
