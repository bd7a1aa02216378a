import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/auth.ts';
import type { DashboardReads, ProviderPortfolio } from '../../src/core/dashboard.ts';
import type { Store } from '../../src/core/ports.ts';
import { createDashboardService } from '../../src/services/dashboard.service.ts';

function fakeReads() {
  const calls: { afterId: string | null; limit: number }[] = [];
  const waiting: { resolve: (v: ProviderPortfolio[]) => void; reject: (e: Error) => void }[] = [];
  const reads: DashboardReads = {
    providers: (page) => {
      calls.push(page);
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    engagement: async () => ({ deliverables: [], taskGroups: new Map(), journal: [], changeRequests: [] }),
  };
  return { reads, calls, waiting };
}

const service = (reads: DashboardReads) =>
  createDashboardService({ store: {} as Pick<Store, 'engagements' | 'milestones'>, dashboard: reads });

describe('the portfolio read', () => {
  it('shares one query between identical reads running at the same moment, and keeps nothing after', async () => {
    const f = fakeReads();
    const s = service(f.reads);
    const page = { afterId: null, limit: 51 };
    const a = s.providers(SYSTEM_ACTOR, page);
    const b = s.providers(SYSTEM_ACTOR, { ...page });
    const other = s.providers(SYSTEM_ACTOR, { afterId: 'prv_1', limit: 51 });
    expect(f.calls).toHaveLength(2);
    f.waiting[0]?.resolve([]);
    f.waiting[1]?.resolve([]);
    expect(await a).toBe(await b);
    await other;
    const c = s.providers(SYSTEM_ACTOR, page);
    expect(f.calls).toHaveLength(3);
    f.waiting[2]?.reject(new Error('database down'));
    await expect(c).rejects.toThrow('database down');
    void s.providers(SYSTEM_ACTOR, page);
    expect(f.calls).toHaveLength(4);
  });
});
