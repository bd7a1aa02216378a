import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Unavailable } from '../core/errors.ts';
import { DEFAULT_JOB_OPTIONS, type JobDefinition } from './job.ts';
import { producerConnection } from './redis.ts';

export interface Queues {
  /** Adds a job; resolves to its id. Rejects with Unavailable when Redis is down. */
  enqueue<P>(def: JobDefinition<P>, payload: P, opts?: { delay?: number; jobId?: string }): Promise<string>;
  /** Adds many jobs of one definition in one Redis round trip (BullMQ addBulk); same failures. */
  enqueueMany<P>(def: JobDefinition<P>, payloads: readonly P[]): Promise<void>;
  queue(name: string): Queue;
  readonly prefix: string;
  readonly connection: Redis;
  /** Resolves once the producer connection is up (it fails fast, so wait for it at start). */
  ready(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where an installation's queues live in Redis: JALON_QUEUE_PREFIX, then the installation id its
 * database was created with (migration 0022). Installations that share a Redis and a prefix (the
 * defaults) are so kept apart without being told: their job ids come from database serials and
 * would collide, and each one's workers would run the other's jobs and schedulers. The api and
 * worker processes of one installation read the same id from their database, so they share queues.
 */
export const queueNamespace = (prefix: string, installationId: string): string =>
  `${prefix}:${installationId}`;

export function createQueues(opts: { redisUrl: string; prefix: string }): Queues {
  const connection = producerConnection(opts.redisUrl);
  connection.on('error', () => {}); // surfaced through ping() and enqueue rejections
  const queues = new Map<string, Queue>();
  const queue = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix: opts.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', () => {});
      queues.set(name, q);
    }
    return q;
  };
  // Fail fast while Redis is away: a Queue first used now would wait for it to come back.
  const assertReady = () => {
    if (connection.status !== 'ready')
      throw new Unavailable('The job queue (Redis)', new Error(`Redis connection ${connection.status}`));
  };
  return {
    prefix: opts.prefix,
    connection,
    queue,
    async enqueue(def, payload, extra = {}) {
      const data = def.payload.parse(payload);
      const jobId = extra.jobId ?? def.jobId?.(data);
      assertReady();
      try {
        if (jobId) await freeFinished(connection, queue(def.queue), [jobId]);
        const job = await queue(def.queue).add(def.name, data, {
          ...def.options,
          ...(jobId ? { jobId } : {}),
          ...(extra.delay ? { delay: extra.delay } : {}),
        });
        return job.id ?? jobId ?? '';
      } catch (err) {
        throw new Unavailable('The job queue (Redis)', err);
      }
    },
    async enqueueMany(def, payloads) {
      if (payloads.length === 0) return;
      const jobs = payloads.map((payload) => {
        const data = def.payload.parse(payload);
        const jobId = def.jobId?.(data);
        return { name: def.name, data, opts: { ...def.options, ...(jobId ? { jobId } : {}) } };
      });
      assertReady();
      try {
        const ids = jobs.flatMap((j) => (j.opts.jobId ? [j.opts.jobId] : []));
        await freeFinished(connection, queue(def.queue), ids);
        // One job goes by `add`: addBulk's pipeline costs it about twice the CPU (bench/).
        const [only] = jobs;
        if (jobs.length === 1 && only) await queue(def.queue).add(only.name, only.data, only.opts);
        else await queue(def.queue).addBulk(jobs);
      } catch (err) {
        throw new Unavailable('The job queue (Redis)', err);
      }
    },
    ready: () =>
      connection.status === 'ready'
        ? Promise.resolve()
        : new Promise((resolve) => connection.once('ready', () => resolve())),
    async ping() {
      await connection.ping();
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

/** The ids (ARGV) a completed (KEYS[1]) or failed (KEYS[2]) job holds, in one round trip. */
const FINISHED_AMONG = `local held = {}
for _, id in ipairs(ARGV) do
  if redis.call('ZSCORE', KEYS[1], id) or redis.call('ZSCORE', KEYS[2], id) then held[#held + 1] = id end
end
return held`;

/**
 * Removes the finished jobs that hold any of `jobIds`, so the add after it is not absorbed by them.
 * BullMQ keeps finished jobs (an hour, a week when failed: DEFAULT_JOB_OPTIONS) and an add under
 * the id of one is a silent no-op. Job ids come from database serials (inbox rows, event
 * deliveries), and a database restored to an older backup keeps its installation id and hands the
 * same serials out again: its first deliveries would wait for a relay (or, with none, be lost)
 * behind the finished jobs of the history the restore undid. Chosen over a per-incarnation token in
 * the ids because nothing inside a database tells a restored copy from the original it copies, and
 * safe because payloads carry ids only and running finished work again changes nothing (the
 * database row decides); a live job under the id still absorbs the add, as the jobId rule wants.
 * It costs one Redis round trip per add (not per job).
 */
async function freeFinished(connection: Redis, queue: Queue, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  const held = (await connection.eval(
    FINISHED_AMONG,
    2,
    queue.toKey('completed'),
    queue.toKey('failed'),
    ...jobIds,
  )) as string[];
  await Promise.all(held.map((id) => queue.remove(id)));
}
