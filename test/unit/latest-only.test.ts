import { afterEach, describe, expect, it, vi } from 'vitest';
import { latestOnly } from '../../src/services/webhook-receiver.ts';

/** The receiver's "last delivery at" writer (src/services/webhook-receiver.ts). */
describe('latestOnly', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the first time at once, then at most once a second per connection, with the newest time', async () => {
    vi.useFakeTimers({ now: 0 });
    const writes: [string, number][] = [];
    const note = latestOnly(async (id, at) => {
      writes.push([id, at.getTime()]);
    }, 1000);
    note('a', new Date(10));
    note('b', new Date(11));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([
      ['a', 10],
      ['b', 11],
    ]);
    // A burst on "a": folded into one write of its newest time, one second after the first.
    for (let t = 20; t < 900; t += 10) note('a', new Date(t));
    note('a', new Date(15)); // older than what is waiting: ignored
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(writes.slice(2)).toEqual([['a', 890]]);
    // Quiet for long enough: the next delivery is written at once again.
    await vi.advanceTimersByTimeAsync(2000);
    note('a', new Date(5000));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.at(-1)).toEqual(['a', 5000]);
    expect(writes).toHaveLength(4);
  });

  it('keeps one write in flight and survives a failing write', async () => {
    vi.useFakeTimers({ now: 0 });
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const note = latestOnly(async (_id, at) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1500)); // slower than the interval
      inFlight -= 1;
      seen.push(at.getTime());
      if (seen.length === 1) throw new Error('database away');
    }, 1000);
    note('a', new Date(1));
    note('a', new Date(2));
    note('a', new Date(3));
    await vi.advanceTimersByTimeAsync(5000);
    expect(most).toBe(1);
    expect(seen).toEqual([1, 3]);
  });
});
