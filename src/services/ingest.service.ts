import type { Logger } from 'pino';
import type { InboxStore, StoredTask, TaskStore, TrackerLimiter } from '../core/sync-ports.ts';
import type { Task } from '../core/task.ts';
import { type TaskPage, type TrackerAdapter, TrackerAuthFailed, type TrackerEvent } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';

export interface IngestResult {
  readonly status: 'processed' | 'already_processed' | 'missing' | 'connection_gone';
  readonly changed: number;
}

export interface IngestService {
  /** Applies one stored delivery. Running it twice changes nothing the second time. */
  process(inboxId: number): Promise<IngestResult>;
  /** Applies task snapshots (from a delivery or a sync); returns those that changed. */
  apply(connectionId: string, tasks: readonly Task[]): Promise<StoredTask[]>;
  /**
   * Marks deleted the tasks a listing reports deleted by id only (TaskPage.deletions): each keeps
   * its last known fields; a deletion older than the stored snapshot changes nothing.
   */
  applyDeletions(connectionId: string, deletions: NonNullable<TaskPage['deletions']>): Promise<StoredTask[]>;
}

export function createIngestService(deps: {
  inbox: Pick<InboxStore, 'get' | 'markProcessed' | 'markFailed'>;
  tasks: Pick<TaskStore, 'upsertIfNewer' | 'upsertManyIfNewer' | 'markDeleted'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'noteHealth'>;
  limiter: TrackerLimiter;
  publicUrl: string;
  /** Told about every task that changed, to schedule the engagements' recompute. */
  onTasksChanged: (connectionId: string, changed: readonly StoredTask[]) => Promise<void>;
  logger: Logger;
}): IngestService {
  const applyEvent = async (
    connectionId: string,
    adapter: TrackerAdapter,
    event: TrackerEvent,
    fetched: Map<string, Promise<Task | null>>,
  ): Promise<StoredTask | null> => {
    if (event.kind === 'deleted')
      return deps.tasks.markDeleted(connectionId, event.externalId, event.occurredAt);
    let snapshot: Task | null = event.task;
    if (!snapshot) {
      // Partial payload (Asana always, Jira comments, Trello actions): fetch once per delivery.
      let pending = fetched.get(event.externalId);
      if (!pending) {
        pending = deps.limiter.run(connectionId, adapter.tracker, 'read', 1, () =>
          adapter.fetchTask({ externalId: event.externalId }),
        );
        fetched.set(event.externalId, pending);
      }
      snapshot = await pending;
      if (!snapshot) return deps.tasks.markDeleted(connectionId, event.externalId, new Date().toISOString());
    }
    return deps.tasks.upsertIfNewer(connectionId, snapshot);
  };

  const service: IngestService = {
    async process(inboxId) {
      const row = await deps.inbox.get(inboxId);
      if (!row) return { status: 'missing', changed: 0 };
      if (row.status === 'processed') return { status: 'already_processed', changed: 0 };
      const found = await deps.connections.adapterFor(row.connectionId);
      if (!found) {
        await deps.inbox.markFailed(inboxId, 'the connection no longer exists');
        return { status: 'connection_gone', changed: 0 };
      }
      const { adapter, connection } = found;
      const parsed = adapter.parseWebhook({
        method: 'POST',
        headers: row.headers,
        body: row.body,
        callbackUrl: `${deps.publicUrl}/webhooks/${connection.tracker}/${connection.id}`,
        receivedAt: row.receivedAt,
      });
      const fetched = new Map<string, Promise<Task | null>>();
      const changed: StoredTask[] = [];
      try {
        for (const event of parsed.events) {
          const task = await applyEvent(connection.id, adapter, event, fetched);
          if (task) changed.push(task);
        }
      } catch (err) {
        if (err instanceof TrackerAuthFailed) {
          await deps.connections.noteHealth(connection.id, { health: 'unhealthy', lastError: err.message });
        }
        throw err;
      }
      // Marked only after every effect is stored: a crash before this line replays the delivery,
      // and the newest-wins upsert makes the replay a no-op.
      await deps.inbox.markProcessed(inboxId);
      if (changed.length > 0) await deps.onTasksChanged(connection.id, changed);
      deps.logger.debug(
        { inboxId, events: parsed.events.length, changed: changed.length },
        'delivery ingested',
      );
      return { status: 'processed', changed: changed.length };
    },

    async apply(connectionId, snapshots) {
      const changed = await deps.tasks.upsertManyIfNewer(connectionId, snapshots);
      if (changed.length > 0) await deps.onTasksChanged(connectionId, changed);
      return changed;
    },

    async applyDeletions(connectionId, deletions) {
      const changed: StoredTask[] = [];
      for (const d of deletions) {
        const task = await deps.tasks.markDeleted(connectionId, d.externalId, d.at);
        if (task) changed.push(task);
      }
      if (changed.length > 0) await deps.onTasksChanged(connectionId, changed);
      return changed;
    },
  };
  return service;
}
