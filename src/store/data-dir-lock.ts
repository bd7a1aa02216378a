import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface DataDirLock {
  /** Removes the lock file if this process still holds it. */
  release(): void;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * Makes this process the only one on an embedded (PGlite) data directory. PGlite is an in-process
 * database: a second process on the same directory starts as well, sees only its own writes, and
 * one process's writes are lost when the other's overwrite the files. Like PostgreSQL's
 * postmaster.pid, the lock is a file naming its owner's pid and host; a lock whose pid no longer
 * runs on this host (the owner was killed) is stale and taken over. The file is created whole by
 * a hard link from a file of this process's own, so a reader never sees it half written.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'jalon.lock');
  if (heldHere.has(file)) throw new Error(lockedMessage(file, readOwner(file)));
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, me)) break;
    const owner = readOwner(file);
    if (owner === 'gone' && attempt < 5) continue; // released in between: try again
    // A pid on another host (a shared volume) cannot be checked: that lock is taken as held.
    const stale =
      owner === 'unreadable' ||
      (typeof owner === 'object' &&
        owner.host === me.host &&
        (owner.pid === me.pid || !isRunning(owner.pid)));
    if (!stale || attempt >= 5) throw new Error(lockedMessage(file, owner));
    removeIfSame(file, owner);
  }
  heldHere.add(file);
  const release = () => {
    removeIfSame(file, me);
    heldHere.delete(file);
    process.off('exit', release);
  };
  // A process that exits without closing its database (process.exit at start) leaves no lock.
  process.on('exit', release);
  return { release };
}

/**
 * The locks this process holds. A lock naming this process's pid that is not among them was left
 * by an earlier process that had the same pid: a container restarted on its volume runs Jalon
 * under the same pid again.
 */
const heldHere = new Set<string>();

function tryCreate(file: string, owner: Owner): boolean {
  const own = `${file}.${owner.pid}`;
  writeFileSync(own, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  try {
    linkSync(own, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(own);
  }
}

/** The lock's owner; `unreadable` (not written by Jalon: taken as stale) or `gone`. */
function readOwner(file: string): Owner | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host, since: String(owner.since) }
      : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

const sameOwner = (a: Owner | 'gone' | 'unreadable', b: Owner | 'unreadable'): boolean =>
  typeof a === 'object' && typeof b === 'object'
    ? a.pid === b.pid && a.host === b.host && a.since === b.since
    : a === b;

/**
 * Removes the lock file if it still names `owner`: two processes that found the same stale lock
 * do not remove the new one the first of them made (a narrow window remains between the read and
 * the unlink; a process that lost it there would run beside the other).
 */
function removeIfSame(file: string, owner: Owner | 'unreadable'): void {
  if (!sameOwner(readOwner(file), owner)) return;
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: checks the process exists, sends nothing
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function lockedMessage(file: string, owner: Owner | 'gone' | 'unreadable'): string {
  const who =
    typeof owner === 'object'
      ? `process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`} (since ${owner.since})`
      : 'another process';
  return [
    `it is already used by ${who}.`,
    'The embedded database serves one process only: a second one would see only its own writes and',
    'lose them. Stop the other process, or set DATABASE_URL to a PostgreSQL database to run several',
    `processes (api and worker roles, replicas). If no such process runs any more, delete ${file}.`,
  ].join('\n');
}
