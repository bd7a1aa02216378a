import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, LoadOutcome } from './load.ts';

/**
 * The load generator, on a thread of its own so it does not share the service's event loop.
 * Request n carries pool body n (modulo the pool) and delivery key `<keyPrefix>-<n>`: every request
 * is a distinct delivery, and the bodies' signatures were computed once, ahead of the run.
 */
const opts = workerData as LoadOptions;
// Buffers arrive as Uint8Arrays; view them as Buffers once, without copying.
const pool = opts.pool.map((p) => ({
  body: Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength),
  signature: p.signature,
}));
const acked: string[] = [];
const ackedAt: number[] = [];
let next = 0;

const options: autocannon.Options = {
  url: opts.url,
  method: 'POST',
  connections: opts.connections,
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS ?? 10 }),
  ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
  requests: [
    {
      setupRequest: (request, context) => {
        const n = next++;
        const pooled = pool[n % pool.length];
        if (!pooled) throw new Error('empty pool');
        const key = `${opts.keyPrefix}-${n}`;
        (context as { key?: string }).key = key;
        return {
          ...request,
          body: pooled.body,
          headers: {
            'content-type': 'application/json',
            'x-atlassian-webhook-identifier': key,
            'x-hub-signature': pooled.signature,
          },
        };
      },
      onResponse: (status, _body, context) => {
        if (status < 200 || status > 299) return;
        acked.push((context as { key: string }).key);
        if (opts.recordAckTimes) ackedAt.push(Date.now());
      },
    },
  ],
};
// Off the main thread autocannon hands back raw histograms for a parent to aggregate: do it here.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], opts: autocannon.Options): autocannon.Result;
};
const result = aggregateResult([await autocannon(options)], options);

const outcome: Omit<LoadOutcome, 'mainThreadBusy'> = { result, acked, ackedAt };
parentPort?.postMessage(outcome);
