import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/store/data-dir-lock.ts';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jalon-lock-unit-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const owner = (pid: number, host = hostname()) =>
  `${JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z' })}\n`;
/** A pid that ran and is gone: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;

describe('the data directory lock', () => {
  it('is held until released: a second open is refused, naming the owner and DATABASE_URL', () => {
    const d = dir();
    const lock = lockDataDir(d);
    expect(() => lockDataDir(d)).toThrow(/already used by process \d+[\s\S]*DATABASE_URL/);
    lock.release();
    expect(existsSync(join(d, 'jalon.lock'))).toBe(false);
    lockDataDir(d).release();
  });

  it('takes over the lock of a pid that no longer runs, of an earlier holder of its pid, or unreadable', () => {
    // Its own pid, not held by this process: an earlier process had it (a restarted container).
    for (const content of [owner(deadPid()), 'garbage', owner(process.pid)]) {
      const d = dir();
      writeFileSync(join(d, 'jalon.lock'), content);
      const lock = lockDataDir(d);
      expect(JSON.parse(readFileSync(join(d, 'jalon.lock'), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('leaves a live owner’s lock alone, and one from another host (its pid cannot be checked)', () => {
    for (const content of [owner(process.ppid), owner(deadPid(), 'another-host')]) {
      const d = dir();
      writeFileSync(join(d, 'jalon.lock'), content);
      expect(() => lockDataDir(d)).toThrow(/already used by process/);
      expect(readFileSync(join(d, 'jalon.lock'), 'utf8')).toBe(content);
    }
  });

  it('releases only its own lock', () => {
    const d = dir();
    const lock = lockDataDir(d);
    writeFileSync(join(d, 'jalon.lock'), owner(process.ppid)); // someone deleted ours and took it
    lock.release();
    expect(readFileSync(join(d, 'jalon.lock'), 'utf8')).toBe(owner(process.ppid));
  });
});
