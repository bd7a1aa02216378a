import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOX_PRUNE_PATTERN, inboxPruneJob, inboxPruneProcessor } from '../../src/jobs/inbox-prune.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/progress-kit.ts';

/**
 * Stored webhook deliveries do not grow forever: processed ones older than
 * JALON_INBOX_RETENTION_DAYS are deleted by a daily BullMQ job, in batches; pending and failed
 * ones stay whatever their age.
 */

let t: TestApp;
let workers: Workers | undefined;
beforeAll(async () => {
  t = await buildTestApp({ env: { JALON_INBOX_RETENTION_DAYS: '30' } });
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
});

const raw = <R>(text: string, params: unknown[] = []) =>
  t.container.database.rawTransaction((tx) => tx.query<R>(text, params));

/** A connection of the test's own with deliveries of every status and age; returns its id. */
async function seeded(): Promise<string> {
  const id = `con_${randomBytes(6).toString('hex')}`;
  await raw(
    `insert into connections (id, tracker, name, credentials_enc) values ($1, 'jira', 'prune test', 'x')`,
    [id],
  );
  const rows: [key: string, status: string, ageDays: number][] = [
    ['old-1', 'processed', 40],
    ['old-2', 'processed', 35],
    ['old-3', 'processed', 31],
    ['old-4', 'processed', 90],
    ['old-5', 'processed', 400],
    ['recent', 'processed', 29],
    ['pending', 'pending', 60],
    ['failed', 'failed', 60],
  ];
  for (const [key, status, age] of rows) {
    await raw(
      `insert into webhook_inbox (connection_id, delivery_key, headers, body, received_at, status, processed_at)
       values ($1, $2, '{}', '\\x7b7d', now() - make_interval(days => $3::int), $4,
               case when $4 = 'processed' then now() - make_interval(days => $3::int) end)`,
      [id, key, age, status],
    );
  }
  return id;
}

const keysOf = async (connectionId: string) =>
  (
    await raw<{ delivery_key: string }>(
      'select delivery_key from webhook_inbox where connection_id = $1 order by delivery_key',
      [connectionId],
    )
  ).map((r) => r.delivery_key);

describe('the inbox prune job', () => {
  it('deletes processed deliveries past the retention in batches, never pending or failed ones; twice is harmless', async () => {
    const connectionId = await seeded();
    const prune = inboxPruneProcessor({
      inbox: t.container.store.inbox,
      retentionDays: t.config.inboxRetentionDays,
      batch: 2,
    });
    expect(await prune.process({}, {} as Job)).toEqual({ deleted: 5 });
    expect(await keysOf(connectionId)).toEqual(['failed', 'pending', 'recent']);
    expect(await prune.process({}, {} as Job)).toEqual({ deleted: 0 });
    expect(await keysOf(connectionId)).toEqual(['failed', 'pending', 'recent']);
  });

  it('is scheduled daily when a worker starts, and runs as a BullMQ job', async () => {
    workers = t.container.startWorkers();
    const queue = t.container.queues.queue(inboxPruneJob.queue);
    const scheduler = await until(() => queue.getJobScheduler('inbox-prune-daily'));
    expect(scheduler).toMatchObject({ pattern: INBOX_PRUNE_PATTERN, tz: 'UTC' });
    const connectionId = await seeded();
    const job = await queue.add(inboxPruneJob.name, {});
    await until(async () => ((await queue.getJob(job.id ?? ''))?.finishedOn ? true : null));
    expect((await queue.getJob(job.id ?? ''))?.returnvalue).toEqual({ deleted: 5 });
    expect(await keysOf(connectionId)).toEqual(['failed', 'pending', 'recent']);
  });
});
