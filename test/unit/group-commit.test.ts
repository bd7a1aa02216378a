import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/services/group-commit.ts';

/** A write whose batches stay pending until released, recording what each batch held. */
function controlledWrite() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = (items: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(items);
      releases.push(() => resolve(items.map((i) => i * 10)));
    });
  return { batches, releases, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes one batch at a time by default: items arriving meanwhile go together next', async () => {
    const w = controlledWrite();
    const gc = createGroupCommit(w.write);
    const results = [1, 2, 3].map((i) => gc.submit(i));
    await tick();
    expect(w.batches).toEqual([[1]]);
    w.releases[0]?.();
    await tick();
    expect(w.batches).toEqual([[1], [2, 3]]);
    w.releases[1]?.();
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });

  it('starts a second batch while one is in flight when allowed, never more', async () => {
    const w = controlledWrite();
    const gc = createGroupCommit(w.write, { maxInFlight: 2 });
    const results = [1, 2, 3, 4].map((i) => gc.submit(i));
    await tick();
    expect(w.batches).toEqual([[1], [2]]);
    w.releases[1]?.();
    await tick();
    expect(w.batches).toEqual([[1], [2], [3, 4]]);
    w.releases[0]?.();
    w.releases[2]?.();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40]);
  });

  it('rejects only the callers of a failed batch', async () => {
    let calls = 0;
    const gc = createGroupCommit(async (items: number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return items;
    });
    const first = gc.submit(1);
    const second = gc.submit(2);
    await expect(first).rejects.toThrow('down');
    await expect(second).resolves.toBe(2);
  });
});

describe('group commit with a linger', () => {
  it('waits for company before its first batch: items within the window go in one write', async () => {
    const w = controlledWrite();
    const gc = createGroupCommit(w.write, { lingerMs: 30 });
    const first = gc.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    const later = [gc.submit(2), gc.submit(3)];
    await tick();
    expect(w.batches).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(w.batches).toEqual([[1, 2, 3]]);
    w.releases[0]?.();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30]);
  });

  it('lingers once per writer: items arriving during a write go next without waiting again', async () => {
    const w = controlledWrite();
    const gc = createGroupCommit(w.write, { lingerMs: 10 });
    const results = [gc.submit(1)];
    await new Promise((r) => setTimeout(r, 20));
    expect(w.batches).toEqual([[1]]);
    results.push(gc.submit(2), gc.submit(3));
    w.releases[0]?.();
    await tick();
    expect(w.batches).toEqual([[1], [2, 3]]);
    w.releases[1]?.();
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });
});
