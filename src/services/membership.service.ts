import type { Logger } from 'pino';
import type { Store } from '../core/ports.ts';
import { Selector, selectTasks } from '../core/selection.ts';
import type { StoredTask } from '../core/sync-ports.ts';
import type { TaskService } from './tasks.service.ts';

export interface MembershipResult {
  readonly tasks: number;
  readonly assigned: number;
  readonly conflicts: readonly { taskId: string; deliverableIds: readonly string[] }[];
}

export interface MembershipService {
  /**
   * Step 9 of FLOW.md, first half: evaluates every deliverable's selector over the engagement's
   * tasks (all its links, across trackers) and records which deliverable each task feeds.
   * A task a deliverable of another engagement holds (overlapping JQL links, scopes linked twice
   * before migration 0023) is neither taken nor dropped: the first engagement to select a task
   * keeps it until it lets it go. Tasks held here that no link of the engagement covers any more
   * (a link removed) are let go. Running it twice changes nothing.
   */
  recompute(engagementId: string): Promise<MembershipResult>;
}

export function createMembershipService(deps: {
  store: Pick<Store, 'deliverables' | 'tasks'>;
  tasks: Pick<TaskService, 'list'>;
  logger: Logger;
}): MembershipService {
  const allTasks = async (engagementId: string): Promise<StoredTask[]> => {
    const out: StoredTask[] = [];
    for (let afterId: string | null = null; ; ) {
      const page = await deps.tasks.list({ engagementId, afterId, limit: 1000 });
      out.push(...page);
      const last = page.at(-1);
      if (page.length < 1000 || !last) return out;
      afterId = last.id;
    }
  };

  return {
    async recompute(engagementId) {
      const all = await deps.store.deliverables.listByEngagement(engagementId, { includeRemoved: true });
      const ours = new Set(all.map((d) => d.id));
      const deliverables = all
        .filter((d) => !d.removedAt)
        .map((d) => ({ id: d.id, selector: Selector.parse(d.selector ?? {}) }));
      const linked = await allTasks(engagementId);
      const tasks = linked.filter(
        (t) => !t.deleted && (t.deliverableId === null || ours.has(t.deliverableId)),
      );
      const { assignments, conflicts } = selectTasks(deliverables, tasks);
      const byDeliverable = new Map<string | null, string[]>();
      for (const task of tasks) {
        const target = assignments.get(task.id) ?? null;
        if (task.deliverableId === target) continue;
        byDeliverable.set(target, [...(byDeliverable.get(target) ?? []), task.id]);
      }
      const inScope = new Set(linked.map((t) => t.id));
      const strays = (await deps.store.tasks.heldBy(engagementId)).filter((id) => !inScope.has(id));
      if (strays.length > 0) byDeliverable.set(null, [...(byDeliverable.get(null) ?? []), ...strays]);
      for (const [deliverableId, ids] of byDeliverable)
        await deps.store.tasks.setDeliverable(engagementId, ids, deliverableId);
      if (conflicts.length > 0)
        deps.logger.warn({ engagementId, conflicts }, 'tasks selected by several deliverables');
      return { tasks: tasks.length, assigned: assignments.size, conflicts };
    },
  };
}
