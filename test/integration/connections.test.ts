import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const jira = {
  tracker: 'jira',
  name: 'Acme Jira',
  baseUrl: 'https://acme.atlassian.net',
  credentials: { email: 'bot@acme.example', apiToken: 'jira-token-SECRET-1234567890' },
  webhookSecret: 'jira-webhook-secret-0123456789',
};
const trello = {
  tracker: 'trello',
  name: 'Studio Trello',
  credentials: {
    apiKey: 'trello-key-abc',
    apiToken: 'trello-token-SECRET-xyz',
    appSecret: 'trello-app-secret-SECRET',
  },
};
const asana = {
  tracker: 'asana',
  name: 'Agency Asana',
  credentials: { accessToken: 'asana-pat-SECRET-000' },
};

const post = (payload: Record<string, unknown>, headers = t.admin) =>
  t.app.inject({ method: 'POST', url: '/v1/connections', headers, payload });

describe('connections', () => {
  it('creates one per tracker and never shows or stores the credentials in clear', async () => {
    for (const input of [jira, trello, asana]) {
      const res = await post(input);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({ tracker: input.tracker, name: input.name, health: { status: 'unknown' } });
      expect(body.webhookUrl).toBe(`http://jalon.test/webhooks/${input.tracker}/${body.id}`);
      expect(res.body).not.toMatch(/SECRET|credentials|apiToken|accessToken/);
      const fetched = await t.app.inject({ url: `/v1/connections/${body.id}`, headers: t.admin });
      expect(fetched.body).not.toMatch(/SECRET/);
      const [row] = await t.container.database.rawTransaction((tx) =>
        tx.query<Record<string, unknown>>('select * from connections where id = $1', [body.id]),
      );
      expect(JSON.stringify(row)).not.toMatch(/SECRET/);
    }
  });

  it('lists each bad credential field for the tracker', async () => {
    const res = await post({ ...jira, credentials: { email: 'not-an-email' } });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain('body.credentials');
    const listed = await t.app.inject({ url: '/v1/connections?tracker=jira&limit=500', headers: t.admin });
    expect(listed.json().items.every((c: { name: string }) => c.name === 'Acme Jira')).toBe(true);
  });

  it('decrypts credentials for the adapter and rotates the webhook secret with a grace period', async () => {
    const { id } = (await post(jira)).json();
    const before = await t.container.services.connections.adapterFor(id);
    expect(before?.adapter.tracker).toBe('jira');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/v1/connections/${id}`,
      headers: t.admin,
      payload: { webhookSecret: 'jira-webhook-secret-NEW-000000' },
    });
    expect(patched.statusCode).toBe(200);
    const after = await t.container.services.connections.adapterFor(id);
    const body = Buffer.from('{"webhookEvent":"jira:issue_updated"}');
    const signed = (secret: string) => ({
      method: 'POST' as const,
      headers: { 'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
      body,
      callbackUrl: `http://jalon.test/webhooks/jira/${id}`,
      receivedAt: new Date(),
    });
    expect(after?.adapter.verifyWebhook(signed('jira-webhook-secret-NEW-000000')).kind).toBe('accept');
    expect(after?.adapter.verifyWebhook(signed('jira-webhook-secret-0123456789')).kind).toBe('accept');
    expect(after?.adapter.verifyWebhook(signed('some-other-secret-0000000000')).kind).toBe('reject');
    const audit = await t.app.inject({
      url: `/v1/audit?entityType=connection&entityId=${id}`,
      headers: t.admin,
    });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual([
      'create',
      'update_with_secrets',
    ]);
    expect(audit.body).not.toMatch(/secret-0123|NEW-0000/);
  });

  it('is for admins only', async () => {
    for (const role of ['pmo', 'finance'] as const) {
      const headers = await t.keyFor(role);
      expect((await post(jira, headers)).statusCode).toBe(403);
      expect((await t.app.inject({ url: '/v1/connections', headers })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: '/v1/connections' })).statusCode).toBe(401);
  });

  it('answers 404 for an unknown connection', async () => {
    const res = await t.app.inject({ url: '/v1/connections/con_nope', headers: t.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('connection_not_found');
  });
});
