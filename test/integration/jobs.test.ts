import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noopJob } from '../../src/jobs/noop.job.ts';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { uniq } from '../support/env.ts';

let t: TestApp;
let workers: Workers;
let events: QueueEvents;
beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  events = new QueueEvents(noopJob.queue, {
    connection: { url: t.config.redisUrl },
    prefix: t.container.queues.prefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await workers?.close();
  // The queue lives under this test's own prefix: removing it removes only what the test created.
  await t?.container.queues.queue(noopJob.queue).obliterate({ force: true });
  await t?.close();
});

describe('the job loop through real Redis', () => {
  it('processes a no-op job to completion', async () => {
    const id = uniq('noop');
    const jobId = await t.container.queues.enqueue(noopJob, { id });
    const job = await t.container.queues.queue(noopJob.queue).getJob(jobId);
    expect(await job?.waitUntilFinished(events, 10_000)).toEqual({ echoed: id });
  });

  it('enqueues the same work once while BullMQ knows it (jobId rule)', async () => {
    const id = uniq('twice');
    const [a, b] = await Promise.all([
      t.container.queues.enqueue(noopJob, { id }),
      t.container.queues.enqueue(noopJob, { id }),
    ]);
    expect(a).toBe(b);
    const job = await t.container.queues.queue(noopJob.queue).getJob(a);
    await job?.waitUntilFinished(events, 10_000);
    expect(await t.container.queues.queue(noopJob.queue).getJobCounts('completed')).toMatchObject({
      completed: 2,
    });
  });

  it('refuses a payload that breaks the job schema before it reaches Redis', async () => {
    await expect(t.container.queues.enqueue(noopJob, { id: '' })).rejects.toThrow();
  });
});
