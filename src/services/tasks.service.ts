import type { Store } from '../core/ports.ts';
import type { LinkRecord, StoredTask } from '../core/sync-ports.ts';
import type { StatusCategory } from '../core/task.ts';

export interface TaskQuery {
  readonly engagementId?: string | undefined;
  readonly deliverableId?: string | undefined;
  readonly connectionId?: string | undefined;
  readonly externalId?: string | undefined;
  readonly statusCategory?: StatusCategory | undefined;
  readonly afterId: string | null;
  readonly limit: number;
}

export interface TaskService {
  list(q: TaskQuery): Promise<StoredTask[]>;
}

/** Normalised tasks, filtered by where they come from and what they feed. */
export function createTaskService(deps: {
  store: Pick<Store, 'tasks' | 'links'>;
  scopeIdOf: (scope: LinkRecord['scope']) => string | null;
}): TaskService {
  return {
    async list(q) {
      let connectionIds = q.connectionId ? [q.connectionId] : undefined;
      let scopeIds: string[] | undefined;
      if (q.engagementId) {
        const links = await deps.store.links.listByEngagement(q.engagementId);
        const inScope = links.filter((l) => !connectionIds || connectionIds.includes(l.connectionId));
        if (inScope.length === 0) return [];
        connectionIds = [...new Set(inScope.map((l) => l.connectionId))];
        const ids = inScope.map((l) => deps.scopeIdOf(l.scope));
        // A JQL link has no scope id: its connection's tasks all count.
        scopeIds = ids.includes(null) ? undefined : (ids as string[]);
      }
      return deps.store.tasks.list({
        connectionIds,
        scopeIds,
        externalId: q.externalId,
        statusCategory: q.statusCategory,
        deliverableId: q.deliverableId,
        afterId: q.afterId,
        limit: q.limit,
      });
    },
  };
}
