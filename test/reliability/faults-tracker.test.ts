import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { untilStatus } from '../support/decisions.ts';
import { contractApi, rawQuery } from '../support/engagement.ts';
import { recordRequests } from '../support/http-recorder.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../support/jira-deliveries.ts';
import { progressKit, until } from '../support/progress-kit.ts';
import { followScope } from '../support/scope.ts';
import {
  acceptDeliverable,
  type EffectsWorld,
  ledgerContract,
  startEffectsWorld,
  verifyEffects,
} from './effects.ts';
import { type Change, converge, deliveryOf, generate, newest, send, shuffle, verify } from './harness.ts';

/**
 * The ledger harness against a misbehaving tracker: a 429/500 storm on the issue fetches that
 * `comment_created` deliveries force (nock plays Jira); a storm on the push-back path (the tracker
 * sandbox answers every issue call with 429 + Retry-After, then 500, for JALON_FAULT_STORM_MS: 4 s
 * in CI, 5 minutes with `npm run reliability -- --full`), through which each decision must reach
 * the tracker exactly once, never sooner than a Retry-After allowed; and 1 % of the deliveries
 * silently dropped then recovered by a full sync, checked by the ledger's invariants, with progress
 * equal to a from-scratch recompute and the ledger.
 */

const TASKS = Number(process.env.JALON_FAULT_TASKS ?? 10);
const CHANGES = Number(process.env.JALON_FAULT_CHANGES ?? 4);
const STORM_MS = Number(process.env.JALON_FAULT_STORM_MS ?? 4000);
const RETRY_AFTER_S = 1;
const SITE = 'https://faults.atlassian.net';
const QUEUES = ['ingest', 'relay', 'sync', 'recompute', 'events', 'pushback', 'noop', 'unlock-check'];
const comment = JSON.parse(
  readFileSync(new URL('../fixtures/jira/webhook-comment_created.json', import.meta.url), 'utf8'),
);

let t: TestApp;
let workers: Workers;
let world: EffectsWorld;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  t = await buildTestApp();
  workers = t.container.startWorkers();
  world = await startEffectsWorld(t);
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await workers?.close();
  await world?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

async function siteConnection(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name: 'tracker-faults',
      baseUrl: SITE,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: SITE, jqlTimeZone: 'UTC' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** The issue as Jira's REST API returns it in the change's state. */
const issueOf = (c: Change) => JSON.parse(deliveryOf(c).body.toString()).issue;

/** A signed `comment_created` delivery: its slim issue makes ingest fetch the issue. */
function commentDelivery(c: Change) {
  const body = Buffer.from(JSON.stringify({ ...comment, issue: { ...comment.issue, id: c.issueId } }));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': c.deliveryId,
      'x-hub-signature': `sha256=${createHmac('sha256', JIRA_SECRET).update(body).digest('hex')}`,
    },
  };
}

describe('ledger harness: a misbehaving tracker', () => {
  it('applies every change once through a 429/500 storm on the issue fetches', async () => {
    // Each task: one comment delivery; its fetch meets a 429 (Retry-After: 1), then a 500, then the issue.
    const connectionId = await siteConnection();
    await followScope({ app: t.app, store: t.container.store }, connectionId, {
      tracker: 'jira',
      projectKey: 'PAY',
    });
    const ledger = generate(connectionId, TASKS, 1);
    for (const c of ledger.changes) {
      const path = `/rest/api/3/issue/${c.issueId}`;
      nock(SITE)
        .get(path)
        .query(true)
        .reply(429, {}, { 'retry-after': '1' })
        .get(path)
        .query(true)
        .reply(500, { errorMessages: ['storm'] })
        .get(path)
        .query(true)
        .reply(200, issueOf(c));
    }
    const statuses = await send(t, ledger, ledger.changes.map(commentDelivery));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await converge(t, ledger, 60_000);
    expect(nock.pendingMocks()).toEqual([]);
    await verify(t, ledger);
  }, 90_000);

  it(
    'delivers each decision once through a 429 then 500 storm on the push-back path, waiting as Retry-After says',
    async () => {
      const c = await ledgerContract(t, world, TASKS, CHANGES);
      const { ledger } = c;
      expect(
        (
          await send(
            t,
            ledger,
            ledger.changes.map((x) => deliveryOf(x)),
          )
        ).every((s) => s === 200),
      ).toBe(true);
      await converge(t, ledger);
      await verify(t, ledger);
      await untilStatus(t, c.acceptedId, 'ready_for_review');
      const sb = world.sandbox.control;
      const recorder = recordRequests(world.sandbox.urls.jira);
      try {
        // Every issue call (comments, labels) answered 429 with Retry-After, then 500, for the storm.
        const storm = { tracker: 'jira' as const, pathPrefix: 'api/3/issue/' };
        await sb.addFault({ ...storm, kind: 'rate_limit', retryAfterSeconds: RETRY_AFTER_S });
        const decisionId = await acceptDeliverable(t, c);
        await new Promise((r) => setTimeout(r, STORM_MS / 2));
        await sb.clearFaults('jira');
        await sb.addFault({ ...storm, kind: 'error', status: 500 });
        await new Promise((r) => setTimeout(r, STORM_MS / 2));
        await sb.clearFaults('jira');
        // BullMQ's backoff after the 500s (2 s doubling) decides when the last push-back goes out.
        await verifyEffects(t, world, c, decisionId, 60_000 + STORM_MS);
        const calls = recorder.requests().filter((r) => r.path.startsWith('/rest/api/3/issue/'));
        expect(calls.filter((r) => r.status === 429).length, 'push-backs met the 429 storm').toBeGreaterThan(
          0,
        );
        expect(calls.filter((r) => r.status === 500).length, 'push-backs met the 500 storm').toBeGreaterThan(
          0,
        );
        // Retry-After honoured: after a 429, the next call about that issue waits at least that long.
        const byIssue = Map.groupBy(calls, (r) => r.path.split('/')[5] ?? '');
        const early: string[] = [];
        for (const [issue, rs] of byIssue) {
          rs.forEach((r, i) => {
            const next = rs[i + 1];
            if (r.status === 429 && next && next.at - r.at < (r.retryAfterSeconds ?? 0) * 1000 - 50)
              early.push(`${issue}: ${next.at - r.at} ms after a 429`);
          });
        }
        expect(early, 'calls sooner than Retry-After').toEqual([]);
      } finally {
        recorder.stop();
        await sb.clearFaults('jira');
      }
    },
    120_000 + 2 * STORM_MS,
  );

  it('recovers 1 % of deliveries silently dropped with a full sync; the ledger invariants hold, progress equals a from-scratch recompute', async () => {
    const connectionId = await siteConnection();
    const ledger = generate(connectionId, TASKS, CHANGES);
    // 1 % of the deliveries (2 at least) are never sent: the newest change of one task (only the
    // reconciliation sync can bring it) and others at random.
    const dropCount = Math.max(2, Math.round(ledger.changes.length / 100));
    const [lost] = newest(ledger);
    const dropped = [
      lost as Change,
      ...shuffle(ledger.changes.filter((c) => c !== lost)).slice(0, dropCount - 1),
    ];
    const sent = ledger.changes.filter((c) => !dropped.includes(c));
    expect(
      (
        await send(
          t,
          ledger,
          sent.map((c) => deliveryOf(c)),
        )
      ).every((s) => s === 200),
    ).toBe(true);
    await converge(t, ledger);
    // Jira's search lists every issue in its newest state.
    nock(SITE)
      .persist()
      .get('/rest/api/3/field')
      .reply(200, [])
      .get('/rest/api/3/serverInfo')
      .reply(200, { baseUrl: SITE })
      .get('/rest/api/3/myself')
      .reply(200, { accountId: 'bot', timeZone: 'UTC' })
      .get('/rest/api/3/search/jql')
      .query(true)
      .reply(200, { isLast: true, issues: newest(ledger).map(issueOf) });
    const kit = progressKit(t);
    const api = contractApi(t);
    const engagementId = await api.draft(await api.provider());
    const deliverableId = await api.deliverable(engagementId, t.admin, {
      selector: { jira: { issueKeys: newest(ledger).map((c) => c.key) } },
    });
    await api.expectStatus(
      api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
        connectionId,
        scope: { projectKey: 'PAY' },
      }),
      201,
    );
    const sync = await t.app.inject({
      method: 'POST',
      url: `/v1/connections/${connectionId}/sync`,
      headers: t.admin,
    });
    expect(sync.statusCode, sync.body).toBe(202);
    const tasksMatch = async () => {
      const rows = await rawQuery<{ external_id: string; status_category: string }>(
        t,
        'select external_id, status_category from tasks where connection_id = $1',
        [connectionId],
      );
      const want = new Map(newest(ledger).map((c) => [c.issueId, c.category]));
      return rows.length === want.size && rows.every((r) => want.get(r.external_id) === r.status_category);
    };
    await until(tasksMatch, 30_000);
    // Everything sent was stored once and applied; the dropped states arrived through the sync, once.
    await verify(t, ledger, { dropped: new Set(dropped.map((c) => c.deliveryId)) });
    // (4) progress: what the workers' recompute stored equals a from-scratch recompute, and the ledger.
    const figures = () =>
      rawQuery<{ progress: number | null; task_count: number; done_count: number }>(
        t,
        'select progress, task_count, done_count from deliverable_progress where deliverable_id = $1',
        [deliverableId],
      );
    await kit.recompute(engagementId);
    const first = await figures();
    await kit.recompute(engagementId);
    expect(await figures()).toEqual(first);
    const done = newest(ledger).filter((c) => c.category === 'done').length;
    expect(first).toEqual([{ progress: done / TASKS, task_count: TASKS, done_count: done }]);
  }, 90_000);
});
