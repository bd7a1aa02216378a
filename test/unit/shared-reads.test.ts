import { describe, expect, it } from 'vitest';
import { sharedReads } from '../../src/services/shared-reads.ts';

/** A read whose answers the test releases one by one. */
function controlled() {
  const started: { key: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const read = (key: string) => () =>
    new Promise<string>((resolve, reject) => started.push({ key, resolve, reject }));
  return { started, read };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('shared reads', () => {
  it('shares a query among the reads of one turn, never joins a running one', async () => {
    const shared = sharedReads<string>();
    const c = controlled();
    const first = shared('k', c.read('k'));
    const sameTurn = shared('k', c.read('k'));
    const other = shared('other', c.read('other'));
    expect(c.started).toHaveLength(0);
    await turn();
    expect(c.started.map((s) => s.key)).toEqual(['k', 'other']);
    // Arrive while the first query runs (it may predate a write they have seen): they wait.
    const second = shared('k', c.read('k'));
    const third = shared('k', c.read('k'));
    await turn();
    expect(c.started).toHaveLength(2);
    c.started[0]?.resolve('before the write');
    expect(await first).toBe('before the write');
    expect(await sameTurn).toBe('before the write');
    await turn();
    // The next query started after they arrived; both share it.
    expect(c.started.map((s) => s.key)).toEqual(['k', 'other', 'k']);
    c.started[2]?.resolve('after the write');
    expect(await second).toBe('after the write');
    expect(await third).toBe('after the write');
    c.started[1]?.resolve('other');
    expect(await other).toBe('other');
  });

  it('keeps nothing once answered, and a failure fails only the reads that shared it', async () => {
    const shared = sharedReads<string>();
    const c = controlled();
    const a = shared('k', c.read('k'));
    await turn();
    const b = shared('k', c.read('k'));
    c.started[0]?.reject(new Error('database down'));
    await expect(a).rejects.toThrow('database down');
    await turn();
    // b waited for the failed query, then ran its own.
    expect(c.started).toHaveLength(2);
    c.started[1]?.resolve('fine');
    expect(await b).toBe('fine');
    // Nothing running or waiting: a new read starts a new query on the next turn.
    void shared('k', c.read('k'));
    await turn();
    expect(c.started).toHaveLength(3);
  });
});
