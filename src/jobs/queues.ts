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
