import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedWebhook, type RawWebhook } from '../../src/core/tracker.ts';
import { sharedBytes, sharedJson } from './fixtures/fixtures.ts';
import type { MapperConfig } from './jira.mapper.ts';
import { JiraSettings } from './jira.settings.ts';
import { deliveryKeyOf, parseJiraWebhook, verifyJiraWebhook, verifyJwt } from './jira.webhook.ts';

const NOW = new Date('2027-03-03T10:00:00.000Z');
const CLIENT_SECRET = 'oauth-client-secret-jira-0001';
const CAPTURE_ACTOR = '5c5f880629be9642ba529340';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT as Jira signs dynamic-webhook deliveries for OAuth 2.0 apps. */
function jwt(claims: Record<string, unknown>, secret = CLIENT_SECRET, alg = 'HS256'): string {
  const head = b64({ alg, typ: 'JWT' });
  const payload = b64(claims);
  const signature = createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url');
  return `${head}.${payload}.${signature}`;
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

const request = (body: Buffer, headers: Record<string, string> = {}): RawWebhook => ({
  method: 'POST',
  headers,
  body,
  callbackUrl: 'https://jalon.example.com/webhooks/jira/conn_jira_unit',
  receivedAt: NOW,
});

const s = JiraSettings.parse({});
const mapper: MapperConfig = {
  browseRoot: 'https://unit.atlassian.net',
  storyPointsFields: [],
  flaggedField: null,
  blockedStatuses: s.blockedStatuses,
  blockedLabels: s.blockedLabels,
  cancelledResolutions: s.cancelledResolutions,
  statusCategories: s.statusCategories,
};
const parse = (
  req: RawWebhook,
  integrationAccountId: string | null = null,
  config: MapperConfig | null = mapper,
) => parseJiraWebhook(req, { integrationAccountId, mapper: config });

const CREATED = 'webhook-jira_issue_created.json';
/** The created capture with another event name: a real issue body under a different event. */
const variant = (changes: Record<string, unknown>): Buffer =>
  Buffer.from(JSON.stringify({ ...(sharedJson(CREATED) as object), ...changes }));

describe('jira OAuth dynamic-webhook JWT', () => {
  const keys = [CLIENT_SECRET];
  const valid = jwt({ iss: 'jira', exp: seconds(NOW) + 600, iat: seconds(NOW) - 5 });

  it('accepts a JWT signed with the client secret before its expiry', () => {
    expect(verifyJwt(`Bearer ${valid}`, keys, NOW)).toEqual({ kind: 'accept' });
  });

  it('rejects an expired JWT', () => {
    const expired = jwt({ exp: seconds(NOW) - 3600 });
    expect(verifyJwt(`Bearer ${expired}`, keys, NOW)).toEqual({ kind: 'reject', reason: 'JWT expired' });
  });

  it('rejects a JWT signed with another secret, or with its payload swapped', () => {
    expect(verifyJwt(`Bearer ${jwt({ exp: seconds(NOW) + 600 }, 'someone-else')}`, keys, NOW).kind).toBe(
      'reject',
    );
    const [head, , signature] = valid.split('.');
    const forged = `${head}.${b64({ exp: seconds(NOW) + 99_999 })}.${signature}`;
    expect(verifyJwt(`Bearer ${forged}`, keys, NOW)).toEqual({
      kind: 'reject',
      reason: 'JWT signature mismatch',
    });
  });

  it('rejects alg "none", a JWT not valid yet, and one without exp', () => {
    const unsigned = `${b64({ alg: 'none' })}.${b64({ exp: seconds(NOW) + 600 })}.`;
    expect(verifyJwt(`Bearer ${unsigned}`, keys, NOW).kind).toBe('reject');
    expect(verifyJwt(`Bearer ${jwt({ alg: 'x', exp: 1 }, CLIENT_SECRET, 'HS512')}`, keys, NOW)).toEqual({
      kind: 'reject',
      reason: 'JWT alg is not HS256',
    });
    const early = jwt({ exp: seconds(NOW) + 7200, nbf: seconds(NOW) + 3600 });
    expect(verifyJwt(`Bearer ${early}`, keys, NOW)).toEqual({ kind: 'reject', reason: 'JWT not valid yet' });
    expect(verifyJwt(`Bearer ${jwt({ iat: seconds(NOW) })}`, keys, NOW).kind).toBe('reject');
  });

  it('accepts the previous client secret kept during a rotation, and rejects with no key at all', () => {
    const old = jwt({ exp: seconds(NOW) + 600 }, 'previous-client-secret');
    expect(verifyJwt(`Bearer ${old}`, [CLIENT_SECRET, 'previous-client-secret'], NOW).kind).toBe('accept');
    expect(verifyJwt(`Bearer ${valid}`, [], NOW).kind).toBe('reject');
  });

  it('routes Authorization-signed deliveries to the JWT check only for connections with JWT keys', () => {
    const req = request(sharedBytes(CREATED), { authorization: `Bearer ${valid}` });
    expect(verifyJiraWebhook(req, { hmacSecrets: ['whsec'], jwtSecrets: keys }).kind).toBe('accept');
    expect(verifyJiraWebhook(req, { hmacSecrets: ['whsec'], jwtSecrets: [] }).kind).toBe('reject');
  });
});

describe('jira admin-webhook X-Hub-Signature', () => {
  const body = sharedBytes(CREATED);
  const digest = createHmac('sha256', 'whsec').update(body).digest('hex');
  const verify = (header: string, method: RawWebhook['method'] = 'POST') =>
    verifyJiraWebhook(
      { ...request(body, { 'x-hub-signature': header }), method },
      {
        hmacSecrets: ['whsec'],
        jwtSecrets: [],
      },
    );

  it('parses the method= prefix and accepts an upper-case digest', () => {
    expect(verify(`sha256=${digest.toUpperCase()}`).kind).toBe('accept');
    expect(verify(`sha1=${digest}`)).toEqual({
      kind: 'reject',
      reason: 'X-Hub-Signature method sha1 is not supported',
    });
    expect(verify(digest).kind).toBe('reject');
    expect(verify(`sha256=${digest.slice(2)}`).kind).toBe('reject');
  });

  it('rejects anything but a POST', () => {
    expect(verify(`sha256=${digest}`, 'HEAD').kind).toBe('reject');
  });
});

describe('jira webhook parsing', () => {
  it('drops the events the integration user caused, issue and comment alike', () => {
    expect(parse(request(sharedBytes(CREATED)), CAPTURE_ACTOR).events).toEqual([]);
    expect(parse(request(sharedBytes('webhook-comment_created.json')), CAPTURE_ACTOR).events).toEqual([]);
    const doc = sharedJson('webhook-issue_updated-vendor-doc-example.json') as { body: unknown };
    const docReq = request(Buffer.from(JSON.stringify(doc.body)));
    expect(parse(docReq, '99:27935d01-92a7-4687-8272-a9b8d3b2ae2e').events).toEqual([]);
    expect(parse(request(sharedBytes(CREATED)), 'someone-else').events).toHaveLength(1);
  });

  it('carries no snapshot while the site’s fields are not known yet', () => {
    expect(parse(request(sharedBytes(CREATED)), null, null).events[0]?.task).toBeNull();
  });

  it('reads jira:issue_deleted with a snapshot marked deleted', () => {
    const [event] = parse(request(variant({ webhookEvent: 'jira:issue_deleted' }))).events;
    expect(event?.kind).toBe('deleted');
    expect(event?.task).toMatchObject({ externalId: '10040', deleted: true });
  });

  it('reads an issue_updated that announces a comment as a comment event with its snapshot', () => {
    const body = variant({ webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_commented' });
    const [event] = parse(request(body)).events;
    expect(event?.kind).toBe('comment');
    expect(event?.task?.key).toBe('TES-41');
  });

  it('acknowledges events Jalon does not follow without events', () => {
    const parsed = parse(request(variant({ webhookEvent: 'sprint_started' })));
    expect(parsed.events).toEqual([]);
    expect(parsed.deliveryKey.length).toBeGreaterThan(0);
  });

  it('throws MalformedWebhook on a body it cannot read', () => {
    expect(() => parse(request(Buffer.from('not json')))).toThrow(MalformedWebhook);
    expect(() => parse(request(Buffer.from('{"issue":{}}')))).toThrow(MalformedWebhook);
    expect(() => parse(request(variant({ issue: { key: 'TES-41' } })))).toThrow(MalformedWebhook);
  });

  it('keys a delivery by X-Atlassian-Webhook-Identifier, else by the body’s hash', () => {
    const body = sharedBytes(CREATED);
    expect(deliveryKeyOf(request(body, { 'x-atlassian-webhook-identifier': 'abc-123' }))).toBe('abc-123');
    expect(deliveryKeyOf(request(body))).toBe(deliveryKeyOf(request(Buffer.from(body))));
    expect(deliveryKeyOf(request(body))).not.toBe(
      deliveryKeyOf(request(sharedBytes('webhook-comment_created.json'))),
    );
  });
});
