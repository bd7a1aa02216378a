import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../scripts/demo/days.ts';
import { waitUntil } from '../../scripts/demo/jalon-client.ts';
import {
  connectSandbox,
  linkScope,
  registerWebhooks,
  type TrackerName,
} from '../../scripts/demo/sandbox-connections.ts';
import { webhookRefreshJob } from '../../src/jobs/webhook-refresh.job.ts';
import { type E2eWorld, startWorld } from '../support/e2e.ts';
import { draftEngagement, tasks, untilTask } from '../support/e2e-contract.ts';
import { TEST_REDIS_URL } from '../support/env.ts';

/**
 * Jalon and the tracker sandbox as separate processes: a webhook the tracker never delivered is
 * recovered by reconciliation, a 2,000-card Trello board syncs without one 429, and a Jira dynamic
 * (OAuth) webhook is refreshed by Jalon's job before it expires and keeps delivering.
 */

let w: E2eWorld;
let engagementId: string;

beforeAll(async () => {
  w = await startWorld({ timeFactor: 0.01 });
  ({ engagementId } = await draftEngagement(w.api));
}, 90_000);
afterAll(async () => {
  await w?.close();
}, 60_000);

async function linked(tracker: TrackerName, scope: Parameters<typeof linkScope>[3], oauth = false) {
  const connectionId = await connectSandbox(w.api, w.sandbox, tracker, { oauth });
  await linkScope(w.api, engagementId, connectionId, scope);
  return connectionId;
}

describe('reconciliation behind the webhooks', () => {
  it('finds, with POST /v1/connections/{id}/sync, the items whose webhook was dropped', async () => {
    const sb = w.sandbox.control;
    await sb.jira.createProject('RECON');
    const board = await sb.trello.createBoard('Recon board');
    const project = await sb.asana.createProject('Recon project');
    const connections = {
      jira: await linked('jira', { projectKey: 'RECON' }),
      trello: await linked('trello', { boardId: board.id }),
      asana: await linked('asana', { projectGid: project.gid }),
    };
    for (const id of Object.values(connections)) await registerWebhooks(w.api, id);
    // A first item per tracker arrives by webhook, proving the webhooks work.
    const first = {
      jira: (await sb.jira.createIssue({ projectKey: 'RECON', summary: 'Delivered' })).id,
      trello: (await sb.trello.createCard({ boardId: board.id, list: 'To Do', name: 'Delivered' })).id,
      asana: (await sb.asana.createTask({ project: project.gid, name: 'Delivered' })).gid,
    };
    for (const tracker of ['jira', 'trello', 'asana'] as const)
      await untilTask(w.api, connections[tracker], first[tracker]);

    for (const tracker of ['jira', 'trello', 'asana'] as const)
      await sb.setDelivery({ tracker, dropNext: 1 });
    const lost = {
      jira: (await sb.jira.createIssue({ projectKey: 'RECON', summary: 'Lost on the way' })).id,
      trello: (await sb.trello.createCard({ boardId: board.id, list: 'Doing', name: 'Lost on the way' })).id,
      asana: (await sb.asana.createTask({ project: project.gid, name: 'Lost on the way' })).gid,
    };
    expect(await sb.settle()).toEqual({ idle: true });
    const counters = await sb.counters();
    for (const tracker of ['jira', 'trello', 'asana'] as const) {
      expect(counters.deliveries[tracker].dropped, tracker).toBe(1);
      expect(await tasks(w.api, { connectionId: connections[tracker], externalId: lost[tracker] })).toEqual(
        [],
      );
    }

    for (const tracker of ['jira', 'trello', 'asana'] as const) {
      const started = await w.api.expect<{ jobs: unknown[] }>(
        'POST',
        `/v1/connections/${connections[tracker]}/sync`,
      );
      expect(started.jobs).toHaveLength(1);
    }
    for (const tracker of ['jira', 'trello', 'asana'] as const) {
      const task = await untilTask(w.api, connections[tracker], lost[tracker]);
      expect(task.title).toBe('Lost on the way');
    }
  });
});

describe('Trello rate limits', () => {
  it('syncs a 2,000-card board on linking without a single 429', async () => {
    const sb = w.sandbox.control;
    const board = await sb.trello.createBoard('Big board');
    expect((await sb.trello.bulkCards(board.id, 2000, 'To Do', 'Card')).created).toBe(2000);
    const before = (await sb.counters()).requests.trello;
    const connectionId = await linked('trello', { boardId: board.id });
    await waitUntil(
      async () => {
        const [row] = await w.query<{ n: number }>(
          'select count(*)::int as n from tasks where connection_id = $1 and not deleted',
          [connectionId],
        );
        return row?.n === 2000;
      },
      '2,000 tasks stored',
      50_000,
    );
    const after = (await sb.counters()).requests.trello;
    expect(after.requests).toBeGreaterThan(before.requests);
    expect(after.rateLimited).toBe(before.rateLimited);
    expect(after.lockouts).toBe(before.lockouts);
  }, 60_000);
});

describe('Jira dynamic webhooks', () => {
  it('are refreshed by Jalon’s job before they expire, and keep delivering', async () => {
    const sb = w.sandbox.control;
    await sb.jira.createProject('DYN');
    const connectionId = await linked('jira', { projectKey: 'DYN' }, true);
    // Registered 25 days ago by the tracker's clock: 5 of its 30 days are left.
    await sb.setClock(new Date(Date.now() - 25 * DAY_MS).toISOString());
    const registered = await registerWebhooks(w.api, connectionId);
    await sb.setClock(new Date().toISOString());
    const externalId = registered.links[0]?.webhooks[0]?.externalId ?? '';
    const stored = () =>
      w.query<{ expires_at: Date; refreshed_at: Date | null }>(
        'select expires_at, refreshed_at from webhook_registrations where connection_id = $1',
        [connectionId],
      );
    const [before] = await stored();
    expect((before?.expires_at.getTime() ?? 0) - Date.now()).toBeLessThan(6 * DAY_MS);

    const queue = new Queue(webhookRefreshJob.queue, {
      connection: { url: TEST_REDIS_URL },
      prefix: w.queueNamespace,
    });
    try {
      const job = await queue.add(webhookRefreshJob.name, {});
      await waitUntil(async () => (await queue.getJob(job.id ?? ''))?.isCompleted(), 'the refresh job');
    } finally {
      await queue.close();
    }
    const [after] = await stored();
    expect((after?.expires_at.getTime() ?? 0) - Date.now()).toBeGreaterThan(29 * DAY_MS);
    expect(after?.refreshed_at).toBeInstanceOf(Date);
    const hook = (await sb.webhooks()).jira.dynamic.find((h) => String(h.id) === externalId);
    expect(Date.parse(String(hook?.expirationDate)) - Date.now()).toBeGreaterThan(29 * DAY_MS);

    // Twenty-six days on, well past its first expiry, the refreshed webhook still delivers, signed.
    await sb.advanceClock(26 * DAY_MS);
    const issue = await sb.jira.createIssue({ projectKey: 'DYN', summary: 'Still heard' });
    await sb.setClock(new Date().toISOString());
    expect((await untilTask(w.api, connectionId, issue.id)).title).toBe('Still heard');
  });
});
