import type { EventEmitter } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { ReadLoadOptions, ReadLoadOutcome } from './read-load.ts';

/**
 * GET load on a thread of its own (not the service's event loop). autocannon's histogram keeps
 * whole milliseconds; the 'response' event carries each answer's time as a float, kept here so the
 * percentiles are exact to the microsecond.
 */
const opts = workerData as ReadLoadOptions;
const options: autocannon.Options = {
  url: opts.url,
  method: 'GET',
  connections: opts.connections,
  duration: opts.durationS,
  headers: opts.headers,
};
const times: number[] = [];
// Without a callback autocannon returns its tracker (an EventEmitter) made thenable; the types say Promise.
const instance = autocannon(options) as unknown as EventEmitter & Promise<autocannon.Result>;
instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
  if (status >= 200 && status < 300) times.push(responseTime);
});
// Off the main thread autocannon hands back raw histograms for a parent to aggregate: do it here.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], opts: autocannon.Options): autocannon.Result;
};
const result = aggregateResult([await instance], options);
const outcome: ReadLoadOutcome = { result, timesMs: Float64Array.from(times) };
parentPort?.postMessage(outcome);
