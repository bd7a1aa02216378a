/**
 * A service process of the soak: `node bench/support/soak-child.ts` forked by bench/soak.ts with
 * an IPC channel and JALON_ROLE=api or worker. It runs the real entry point (src/main.ts) and adds
 * only an IPC handler answering the load generator's memory reads (process.memoryUsage(): the
 * worker role serves no HTTP, so /metrics cannot be read from it) and heap snapshot requests.
 * It stops (SIGTERM, the service's own graceful shutdown) when the load generator goes away.
 */
import { writeHeapSnapshot } from 'node:v8';

export type SoakRequest = { id: number } & (
  | { type: 'memory' }
  | { type: 'heapsnapshot'; path: string }
  | { type: 'gc' }
);
export interface SoakMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
export type SoakReply = { id: number } & (
  | { type: 'memory'; memory: SoakMemory }
  | { type: 'heapsnapshot'; file: string }
  | { type: 'gc'; ran: boolean }
);

const reply = (m: SoakReply) => process.send?.(m);
process.on('message', (m: SoakRequest) => {
  if (m.type === 'memory') reply({ id: m.id, type: 'memory', memory: process.memoryUsage() });
  else if (m.type === 'heapsnapshot')
    reply({ id: m.id, type: 'heapsnapshot', file: writeHeapSnapshot(m.path) });
  else if (m.type === 'gc') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    reply({ id: m.id, type: 'gc', ran: gc !== undefined });
  }
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

await import('../../src/main.ts');
