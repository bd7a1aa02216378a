import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/auth.ts';
import type { DashboardReads } from '../../src/core/dashboard.ts';
import type { JsonPage } from '../../src/core/engagement-ports.ts';
import type { Store } from '../../src/core/ports.ts';
import { createDashboardService } from '../../src/services/dashboard.service.ts';

function fakeReads() {
  const calls: { afterId: string | null; limit: number }[] = [];
  const waiting: { resolve: (v: JsonPage) => void; reject: (e: Error) => void }[] = [];
  const reads: DashboardReads = {
    providers: async () => [],
    providersPage: (page) => {
      calls.push(page);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    engagement: async () => ({ deliverables: [], taskGroups: new Map(), journal: [], changeRequests: [] }),
  };
  return { reads, calls, waiting };
}

const EMPTY: JsonPage = { items: '', lastId: null, more: false };

const service = (reads: DashboardReads) =>
  createDashboardService({ store: {} as Pick<Store, 'engagements' | 'milestones'>, dashboard: reads });

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the portfolio read', () => {
  it('shares one query between identical reads, each from a query started after it arrived', async () => {
    const f = fakeReads();
    const s = service(f.reads);
    const page = { afterId: null, limit: 51 };
    const a = s.providersPage(SYSTEM_ACTOR, page);
    const sameTurn = s.providersPage(SYSTEM_ACTOR, { ...page });
    const other = s.providersPage(SYSTEM_ACTOR, { afterId: 'prv_1', limit: 51 });
    await turn();
    expect(f.calls).toHaveLength(2);
    // Arrive while the first query runs: wait for the next one, shared by both.
    const b = s.providersPage(SYSTEM_ACTOR, { ...page });
    const c = s.providersPage(SYSTEM_ACTOR, { ...page });
    await turn();
    expect(f.calls).toHaveLength(2);
    f.waiting[0]?.resolve(EMPTY);
    f.waiting[1]?.resolve(EMPTY);
    expect(await a).toBe(await sameTurn);
    await other;
    await turn();
    expect(f.calls).toHaveLength(3);
    const next: JsonPage = { items: '{}', lastId: 'prv_2', more: true };
    f.waiting[2]?.resolve(next);
    expect(await b).toBe(next);
    expect(await c).toBe(next);
    const d = s.providersPage(SYSTEM_ACTOR, page);
    await turn();
    expect(f.calls).toHaveLength(4);
    f.waiting[3]?.reject(new Error('database down'));
    await expect(d).rejects.toThrow('database down');
    void s.providersPage(SYSTEM_ACTOR, page);
    await turn();
    expect(f.calls).toHaveLength(5);
  });
});
