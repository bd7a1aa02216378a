import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/sandbox.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { until } from '../support/progress-kit.ts';

/**
 * docs/GETTING-STARTED.md steps 4–9 through the API: a deliverable selecting Jira issues by label,
 * a link to the project at the tracker sandbox (the real jira.js SDK on loopback), the first sync
 * started by the link, and the workers running. The PMO sees the deliverable's progress on the
 * dashboard and on the deliverable's own reads (`figures`) within seconds of that sync, whether the
 * engagement was activated before the link or the deliverable was added to a draft after it.
 */

let sb: Sandbox;
let t: TestApp;
let workers: Workers;
let pmo: { authorization: string };
beforeAll(async () => {
  sb = await startSandbox({ timeFactor: 0.001 });
  // Nothing listens there: the sandbox's webhook deliveries fail quietly; the sync does the work.
  t = await buildTestApp({ env: { JALON_PUBLIC_URL: 'http://127.0.0.1:9' } });
  workers = t.container.startWorkers();
  pmo = await t.keyFor('pmo');
}, 60_000);
afterAll(async () => {
  await workers?.close();
  // Every queue lives under this test's own prefix: removing them removes only what it created.
  for (const q of [
    'ingest',
    'relay',
    'sync',
    'recompute',
    'pushback',
    'events',
    'event-delivery',
    'unlock-check',
  ])
    await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
  await sb?.close();
});

/** A Jira project of its own with two `checkout` issues (one done) and an `ops` one. */
async function project(): Promise<string> {
  const key = uniq('S')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 8);
  await sb.control.jira.createProject(key, 'Webshop');
  await sb.control.jira.createIssue({ projectKey: key, summary: 'Cart service', labels: ['checkout'] });
  await sb.control.jira.createIssue({
    projectKey: key,
    summary: 'Payment provider',
    labels: ['checkout'],
    status: 'Done',
  });
  await sb.control.jira.createIssue({ projectKey: key, summary: 'Deployment tooling', labels: ['ops'] });
  return key;
}

async function link(engagementId: string, projectKey: string) {
  const api = contractApi(t);
  const c = sb.credentials.jira;
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: uniq('jira'),
      baseUrl: sb.urls.jira,
      credentials: { email: c.email, apiToken: c.apiToken },
      webhookSecret: 'sandbox-admin-webhook-secret-0001',
    }),
    201,
  );
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, pmo, {
      connectionId: connection.id,
      scope: { projectKey },
    }),
    201,
  );
}

/** The dashboard line's figures once they count `taskCount` tasks, and how long that took. */
async function figuresWithin(engagementId: string, deliverableId: string, taskCount: number, ms: number) {
  const api = contractApi(t);
  const started = Date.now();
  const figures = await until(async () => {
    const board = await api.expectStatus(
      api.call('GET', `/v1/engagements/${engagementId}/dashboard`, pmo),
      200,
    );
    const line = (board.deliverables as { id: string; figures: Record<string, unknown> | null }[]).find(
      (d) => d.id === deliverableId,
    );
    return line?.figures?.taskCount === taskCount && line.figures;
  }, ms);
  return { figures, ms: Date.now() - started };
}

/** GET /v1/deliverables/{id} and the engagement's deliverable list show the dashboard's figures. */
async function expectOnReads(engagementId: string, deliverableId: string, figures: Record<string, unknown>) {
  const api = contractApi(t);
  const one = await api.expectStatus(api.call('GET', `/v1/deliverables/${deliverableId}`, pmo), 200);
  expect(one).toMatchObject({ id: deliverableId, figures });
  const listed = await api.expectStatus(
    api.call('GET', `/v1/engagements/${engagementId}/deliverables`, pmo),
    200,
  );
  expect(listed.items).toEqual([expect.objectContaining({ id: deliverableId, figures })]);
}

const selector = { jira: { labels: ['checkout'] } };

describe('progress after the first sync of a new link', () => {
  it('shows an active engagement’s deliverable progress within seconds of its first sync', async () => {
    const api = contractApi(t);
    const key = await project();
    const engagementId = await api.draft(await api.provider(), pmo);
    const deliverableId = await api.deliverable(engagementId, pmo, { selector, weight: 1 });
    await api.milestone(engagementId, [deliverableId], pmo);
    await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, pmo), 200);

    await link(engagementId, key);
    const { figures } = await figuresWithin(engagementId, deliverableId, 2, 10_000);
    expect(figures).toMatchObject({
      progress: 0.5,
      taskCount: 2,
      doneCount: 1,
      noTasks: false,
      scheduleStatus: 'on_track',
    });
    const tasks = await api.expectStatus(
      api.call('GET', `/v1/tasks?deliverableId=${deliverableId}`, pmo),
      200,
    );
    expect((tasks.items as { title: string }[]).map((x) => x.title).sort()).toEqual([
      'Cart service',
      'Payment provider',
    ]);
    // The deliverable moved by its tasks: one is started (done), so it is in progress.
    const board = await api.expectStatus(
      api.call('GET', `/v1/engagements/${engagementId}/dashboard`, pmo),
      200,
    );
    expect(board.deliverables[0]).toMatchObject({ id: deliverableId, status: 'in_progress' });
    await expectOnReads(engagementId, deliverableId, figures);
  }, 30_000);

  it('shows a draft’s progress within seconds when the deliverable is added after the first sync', async () => {
    const api = contractApi(t);
    const key = await project();
    const engagementId = await api.draft(await api.provider(), pmo);
    await link(engagementId, key);
    await until(async () => {
      const res = await api.call('GET', `/v1/tasks?engagementId=${engagementId}`, pmo);
      return res.json().items.length === 3;
    }, 10_000);

    const deliverableId = await api.deliverable(engagementId, pmo, { selector, weight: 1 });
    const { figures } = await figuresWithin(engagementId, deliverableId, 2, 10_000);
    expect(figures).toMatchObject({ progress: 0.5, taskCount: 2, doneCount: 1 });
    await expectOnReads(engagementId, deliverableId, figures);
  }, 30_000);
});
