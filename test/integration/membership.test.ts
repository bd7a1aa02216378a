import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';

let t: TestApp;
let workers: Workers;
beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
});
afterAll(async () => {
  await workers?.close();
  for (const q of ['ingest', 'relay', 'sync', 'recompute', 'pushback']) {
    await t?.container.queues.queue(q).obliterate({ force: true });
  }
  await t?.close();
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tracker tasks feed the deliverables their selectors name', () => {
  it('links a Jira project, ingests a webhook, and the recompute assigns the task to its deliverable', async () => {
    const api = contractApi(t);
    const providerId = await api.provider();
    const engagementId = await api.draft(providerId);
    const checkout = await api.deliverable(engagementId, t.admin, {
      selector: { jira: { issueKeys: ['SHOP-7'] } },
    });
    const other = await api.deliverable(engagementId, t.admin, {
      selector: { jira: { issueKeys: ['SHOP-8'] } },
    });
    const connection = await api.expectStatus(
      api.call('POST', '/v1/connections', t.admin, {
        tracker: 'jira',
        name: 'shop',
        baseUrl: 'http://127.0.0.1:9', // nothing listens: the tests reach no outside host
        credentials: { email: 'bot@acme.example', apiToken: 'token' },
        webhookSecret: JIRA_SECRET,
        settings: JIRA_SETTINGS,
      }),
      201,
    );
    // Linking starts a first sync; this connection points at a closed local port, so that sync fails and
    // retries in the background: the webhook path below is what this test exercises.
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
        connectionId: connection.id,
        scope: { projectKey: 'SHOP' },
      }),
      201,
    );
    for (const [id, key] of [
      ['7001', 'SHOP-7'],
      ['7002', 'SHOP-8'],
      ['7003', 'SHOP-9'],
    ] as const) {
      const d = jiraDelivery({ id, key, category: 'in_progress', updated: new Date(), project: 'SHOP' });
      const res = await t.app.inject({
        method: 'POST',
        url: `/webhooks/jira/${connection.id}`,
        headers: d.headers,
        payload: d.body,
      });
      expect(res.statusCode).toBe(200);
    }
    const pmo = await t.keyFor('pmo');
    const tasksOf = async (deliverableId: string) =>
      (await t.app.inject({ url: `/v1/tasks?deliverableId=${deliverableId}`, headers: pmo })).json()
        .items as {
        key: string;
      }[];
    await until(async () => (await tasksOf(checkout)).length === 1 && (await tasksOf(other)).length === 1);
    expect((await tasksOf(checkout)).map((x) => x.key)).toEqual(['SHOP-7']);
    expect((await tasksOf(other)).map((x) => x.key)).toEqual(['SHOP-8']);
    const all = await t.app.inject({ url: `/v1/tasks?engagementId=${engagementId}`, headers: pmo });
    expect(
      all
        .json()
        .items.map((x: { key: string }) => x.key)
        .sort(),
    ).toEqual(['SHOP-7', 'SHOP-8', 'SHOP-9']);
  }, 30_000);
});
