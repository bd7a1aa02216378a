import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import { webhookRefreshProcessor } from '../../src/jobs/webhook-refresh.job.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';

/**
 * Webhook registrations are recorded with their expiry, and the webhook-refresh job keeps Jira's
 * dynamic (OAuth) webhooks alive: those expiring within 7 days are refreshed through the adapter,
 * those already gone are registered again, those that never expire are left alone. The tracker is
 * the sandbox's Jira, in-process on loopback.
 */

const DAY = 86_400_000;
let sb: Sandbox;
let t: TestApp;

beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.001 });
  // Nothing listens there: the sandbox's deliveries fail quietly, which these tests do not need.
  t = await buildTestApp({ env: { JALON_PUBLIC_URL: 'http://127.0.0.1:9' } });
});
afterAll(async () => {
  for (const q of ['sync']) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
  await sb?.close();
});

const projectKey = () =>
  uniq('W')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 8);

/** A Jira connection on the sandbox (OAuth: dynamic webhooks; else admin ones), linked to a new project. */
async function linkedJira(oauth: boolean): Promise<{ connectionId: string; project: string }> {
  const api = contractApi(t);
  const project = projectKey();
  await sb.control.jira.createProject(project);
  const engagementId = await api.draft(await api.provider());
  const c = sb.credentials.jira;
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: uniq('jira'),
      baseUrl: sb.urls.jira,
      credentials: oauth ? { oauth: { ...c.oauth } } : { email: c.email, apiToken: c.apiToken },
      ...(oauth ? {} : { webhookSecret: 'sandbox-admin-webhook-secret-0001' }),
    }),
    201,
  );
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId: connection.id,
      scope: { projectKey: project },
    }),
    201,
  );
  return { connectionId: String(connection.id), project };
}

async function registerAt(connectionId: string, clock: Date) {
  await sb.control.setClock(clock.toISOString());
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/connections/${connectionId}/webhooks`,
    headers: t.admin,
  });
  expect(res.statusCode, res.body).toBe(200);
  await sb.control.setClock(new Date().toISOString());
  return res.json<{ links: { webhooks: { externalId: string; expiresAt: string | null }[] }[] }>();
}

const stored = (connectionId: string) =>
  t.container.store.webhookRegistrations.listByConnection(connectionId);
const sandboxExpiry = async (externalId: string) => {
  const hook = (await sb.control.webhooks()).jira.dynamic.find((h) => String(h.id) === externalId);
  return hook ? Date.parse(String(hook.expirationDate)) : null;
};
const refresh = () => t.container.services.webhookRegistration;

describe('webhook registrations and their refresh', () => {
  it('records each registration with its expiry and refreshes a dynamic webhook due within 7 days', async () => {
    const { connectionId } = await linkedJira(true);
    // Registered 25 days ago (sandbox time): 5 days are left of its 30.
    const registered = await registerAt(connectionId, new Date(Date.now() - 25 * DAY));
    const externalId = registered.links[0]?.webhooks[0]?.externalId ?? '';
    const [row] = await stored(connectionId);
    expect(row).toMatchObject({ externalId, refreshedAt: null });
    expect((row?.expiresAt?.getTime() ?? 0) - Date.now()).toBeLessThan(6 * DAY);

    const report = await refresh().refreshDue();
    expect(report.refreshed).toBeGreaterThanOrEqual(1);
    expect(report.failed).toEqual([]);
    const [after] = await stored(connectionId);
    expect(after?.externalId).toBe(externalId);
    expect((after?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(after?.refreshedAt).toBeInstanceOf(Date);
    expect(((await sandboxExpiry(externalId)) ?? 0) - Date.now()).toBeGreaterThan(29 * DAY);

    // Running it again changes nothing: the webhook is no longer due.
    const calls = (await sb.control.counters()).requests.jira.byRoute['PUT /rest/api/3/webhook/refresh'];
    await refresh().refreshDue();
    expect(await stored(connectionId)).toEqual([after]);
    expect((await sb.control.counters()).requests.jira.byRoute['PUT /rest/api/3/webhook/refresh']).toBe(
      calls,
    );
  });

  it('registers again a dynamic webhook that already expired, and forgets the dead one', async () => {
    const { connectionId } = await linkedJira(true);
    const registered = await registerAt(connectionId, new Date(Date.now() - 31 * DAY));
    const dead = registered.links[0]?.webhooks[0]?.externalId ?? '';
    expect((await stored(connectionId)).map((r) => r.externalId)).toEqual([dead]);

    const report = await refresh().refreshDue();
    expect(report.reRegistered).toBeGreaterThanOrEqual(1);
    const rows = await stored(connectionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.externalId).not.toBe(dead);
    expect((rows[0]?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(await sandboxExpiry(rows[0]?.externalId ?? '')).not.toBeNull();
  });

  it('leaves admin webhooks (API-token connections), which never expire, alone; the job runs the refresh', async () => {
    const { connectionId } = await linkedJira(false);
    await registerAt(connectionId, new Date());
    const again = await registerAt(connectionId, new Date());
    const rows = await stored(connectionId);
    expect(rows).toEqual([expect.objectContaining({ expiresAt: null, refreshedAt: expect.any(Date) })]);
    expect(rows[0]?.externalId).toBe(again.links[0]?.webhooks[0]?.externalId);

    const job = webhookRefreshProcessor({ registration: refresh() });
    const result = await job.process({}, {} as Job);
    expect(result).toMatchObject({ failed: [] });
    expect(await stored(connectionId)).toEqual(rows);
  });
});
