import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JalonError } from '../../src/core/errors.ts';
import { TaskGone, TrackerAuthFailed, TrackerUnavailable } from '../../src/core/tracker.ts';
import { DEFAULT_WINDOW_MS, rateLimitDelayMs, TrelloRequestRejected, toCoreError } from './trello.errors.ts';
import { createTrelloTransport, TrelloHttpError } from './trello.transport.ts';

const NOW = Date.parse('2027-03-03T10:00:00.000Z');
const window = (scope: 'token' | 'key', intervalMs: number, max: number, remaining: number) => ({
  [`x-rate-limit-api-${scope}-interval-ms`]: String(intervalMs),
  [`x-rate-limit-api-${scope}-max`]: String(max),
  [`x-rate-limit-api-${scope}-remaining`]: String(remaining),
});
const httpError = (status: number, body = '', headers: Record<string, string> = {}) =>
  new TrelloHttpError('GET', '/cards/x', status, new Headers(headers), body);

describe('rateLimitDelayMs (Trello sends no Retry-After)', () => {
  it('waits one full interval of the exhausted token window', () => {
    const headers = new Headers({ ...window('token', 10_000, 100, 0), ...window('key', 10_000, 300, 120) });
    expect(rateLimitDelayMs(headers, '', NOW)).toBe(10_000);
  });
  it('follows the scope the body names, even when its remaining count was not yet zero', () => {
    const headers = new Headers({ ...window('token', 15_000, 100, 40), ...window('key', 10_000, 300, 3) });
    expect(rateLimitDelayMs(headers, '{"error":"API_KEY_LIMIT_EXCEEDED"}', NOW)).toBe(10_000);
  });
  it('takes the longest window when none is shown exhausted (the key lock after 200 rejections)', () => {
    const headers = new Headers({ ...window('token', 10_000, 100, 12), ...window('key', 12_000, 300, 40) });
    expect(rateLimitDelayMs(headers, 'Rate limit exceeded', NOW)).toBe(12_000);
  });
  it('falls back to Trello’s documented 10-second window when there are no headers', () => {
    expect(rateLimitDelayMs(new Headers(), '', NOW)).toBe(DEFAULT_WINDOW_MS);
  });
  it('honours a Retry-After when one is present, in seconds or as a date', () => {
    expect(rateLimitDelayMs(new Headers({ 'retry-after': '7' }), '', NOW)).toBe(7_000);
    const at = new Date(NOW + 3_000).toUTCString();
    expect(rateLimitDelayMs(new Headers({ 'retry-after': at }), '', NOW)).toBe(3_000);
  });
});

describe('toCoreError', () => {
  it('maps statuses to core errors', () => {
    expect(toCoreError(httpError(401, 'invalid token'), 'c')).toBeInstanceOf(TrackerAuthFailed);
    expect(toCoreError(httpError(404), 'c')).toBeInstanceOf(TaskGone);
    const unavailable = toCoreError(httpError(503), 'c');
    expect(unavailable).toBeInstanceOf(TrackerUnavailable);
    expect((unavailable as TrackerUnavailable).retryable).toBe(true);
    const rejected = toCoreError(httpError(400, 'invalid id'), 'c');
    expect(rejected).toBeInstanceOf(TrelloRequestRejected);
    expect((rejected as JalonError).retryable).toBe(false);
  });
  it('treats a network failure as retryable and lets core errors through', () => {
    expect(toCoreError(new TypeError('fetch failed'), 'c')).toBeInstanceOf(TrackerUnavailable);
    const gone = new TaskGone('trello', 'c');
    expect(toCoreError(gone, 'c')).toBe(gone);
  });
  it('never repeats what Trello sent: bodies, status texts, unparsable JSON', () => {
    const echoed = 'key=trellokeySECRET&token=trellotokenSECRET';
    for (const status of [400, 401, 403, 422, 500]) {
      expect(toCoreError(httpError(status, echoed), 'c').message).not.toContain('SECRET');
    }
    let parseError: unknown;
    try {
      JSON.parse(echoed);
    } catch (err) {
      parseError = err;
    }
    // Node's message quotes the start of the text it could not parse.
    expect(String((parseError as Error).message)).toContain(echoed.slice(0, 10));
    expect(toCoreError(parseError, 'c').message).toBe('trello sent an unreadable response: it is not JSON');
  });
});

describe('transport', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  it('keeps the token out of errors, even when the path carries it', async () => {
    nock('https://trello.test')
      .get('/1/tokens/secret-token/webhooks')
      .query(true)
      .reply(401, 'invalid token');
    const transport = createTrelloTransport({
      baseUrl: 'https://trello.test/1/',
      apiKey: 'k',
      apiToken: 'secret-token',
    });
    const err = await transport
      .sendRequest({ url: '/tokens/secret-token/webhooks' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrelloHttpError);
    expect((err as TrelloHttpError).status).toBe(401);
    expect(String((err as Error).message)).not.toContain('secret-token');
  });
});
