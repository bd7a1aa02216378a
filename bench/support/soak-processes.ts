/**
 * The soak's service processes: `node bench/support/soak-child.ts` forked once per role (api,
 * worker) with an IPC channel. RSS is read from /proc/<pid>/status (VmRSS, what the kernel
 * charges the process), heap from the child's process.memoryUsage() over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { SoakReply, SoakRequest } from './soak-child.ts';

export type Role = 'api' | 'worker';

export interface ServiceProcess {
  readonly role: Role;
  readonly pid: number;
  /** VmRSS of /proc/<pid>/status in bytes. */
  rss(): number;
  /** User + system CPU time so far in seconds (/proc/<pid>/stat utime + stime, 100 ticks/s). */
  cpuSeconds(): number;
  memory(): Promise<Extract<SoakReply, { type: 'memory' }>['memory']>;
  heapSnapshot(path: string): Promise<string>;
  /** Stops it as an orchestrator would (SIGTERM, the graceful shutdown); resolves with its exit code. */
  stop(): Promise<number | null>;
}

let nextId = 1;

export function startProcess(
  role: Role,
  env: Record<string, string>,
  execArgv: readonly string[],
): ServiceProcess {
  const child: ChildProcess = fork(new URL('./soak-child.ts', import.meta.url), [], {
    env: { ...process.env, ...env, JALON_ROLE: role },
    execArgv: [...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (m: SoakReply) => void>();
  child.on('message', (m: SoakReply) => {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ask = <T extends SoakReply['type']>(
    request: Omit<Extract<SoakRequest, { type: T }>, 'id'>,
  ): Promise<Extract<SoakReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, resolve as (m: SoakReply) => void);
      child.send({ ...request, id }, (err) => {
        if (err) {
          pending.delete(id);
          reject(err);
        }
      });
    });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`the ${role} process did not start`);
  return {
    role,
    pid,
    rss() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb) * 1024;
    },
    cpuSeconds() {
      // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    memory: async () => (await ask<'memory'>({ type: 'memory' })).memory,
    heapSnapshot: async (path) => (await ask<'heapsnapshot'>({ type: 'heapsnapshot', path })).file,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
