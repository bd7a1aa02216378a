import type { Logger } from 'pino';
import { clampIso, clampTask, coveredBy } from '../core/ingest-rules.ts';
import type {
  InboxStore,
  LinkStore,
  ManyUpserted,
  SnapshotSource,
  StoredTask,
  TaskStore,
  TrackerLimiter,
} from '../core/sync-ports.ts';
import type { LinkScope, Task } from '../core/task.ts';
import { type TaskPage, type TrackerAdapter, TrackerAuthFailed, type TrackerEvent } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';

export interface IngestResult {
  readonly status: 'processed' | 'already_processed' | 'missing' | 'connection_gone';
  readonly changed: number;
}

export interface IngestService {
  /** Applies one stored delivery. Running it twice changes nothing the second time. */
  process(inboxId: number): Promise<IngestResult>;
  /** Applies task snapshots fresh from the tracker (a sync page); returns those that changed and those refused. */
  apply(connectionId: string, tasks: readonly Task[]): Promise<ManyUpserted>;
  /**
   * Marks deleted the tasks a listing reports deleted by id only (TaskPage.deletions): each keeps
   * its last known fields; a deletion older than the stored snapshot changes nothing.
   */
  applyDeletions(connectionId: string, deletions: NonNullable<TaskPage['deletions']>): Promise<StoredTask[]>;
}

/** One delivery being applied: its connection, when it arrived, and what was fetched for it. */
interface Delivery {
  readonly connectionId: string;
  readonly adapter: TrackerAdapter;
  readonly receivedAt: Date;
  readonly covers: (task: Task) => boolean;
  readonly fetched: Map<string, Promise<{ task: Task | null; at: Date }>>;
}

export function createIngestService(deps: {
  inbox: Pick<InboxStore, 'get' | 'markProcessed' | 'markFailed'>;
  tasks: Pick<TaskStore, 'upsertIfNewer' | 'upsertManyIfNewer' | 'markDeleted'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'noteHealth'>;
  /** The connection's links: only tasks inside a linked scope are stored. */
  links: Pick<LinkStore, 'listByConnection'>;
  scopeIdOf: (scope: LinkScope) => string | null;
  limiter: TrackerLimiter;
  publicUrl: string;
  /** Told about every task that changed, to schedule the engagements' recompute. */
  onTasksChanged: (connectionId: string, changed: readonly StoredTask[]) => Promise<void>;
  logger: Logger;
}): IngestService {
  const linkedScope = async (connectionId: string) =>
    coveredBy((await deps.links.listByConnection(connectionId)).map((l) => deps.scopeIdOf(l.scope)));

  /**
   * A snapshot inside a linked scope is stored (newest wins, its times clamped to `at`, when Jalon
   * received it); one outside every linked scope is not, and a stored copy (the task moved out of
   * the linked project or board) is marked deleted.
   */
  const keep = (d: Delivery, task: Task, at: Date, source: SnapshotSource): Promise<StoredTask | null> =>
    d.covers(task)
      ? deps.tasks.upsertIfNewer(d.connectionId, clampTask(task, at), source)
      : deps.tasks.markDeleted(d.connectionId, task.externalId, at.toISOString());

  /** The item as the tracker has it now, read once per delivery, and when it was read. */
  const fetchOnce = (d: Delivery, externalId: string) => {
    let pending = d.fetched.get(externalId);
    if (!pending) {
      pending = deps.limiter
        .run(d.connectionId, d.adapter.tracker, 'read', 1, () => d.adapter.fetchTask({ externalId }))
        .then((task) => ({ task, at: new Date() }));
      d.fetched.set(externalId, pending);
    }
    return pending;
  };

  const applyEvent = async (d: Delivery, event: TrackerEvent): Promise<StoredTask | null> => {
    if (event.task) {
      // A snapshot signed with the connection's own secret (Jira, Trello) says what happened,
      // deletion included. A deletion is stamped with the event's time, clamped to the receipt:
      // a stamp in the future would beat every later genuine update.
      if (event.kind === 'deleted') {
        return deps.tasks.markDeleted(
          d.connectionId,
          event.externalId,
          clampIso(event.occurredAt, d.receivedAt),
        );
      }
      // The payload's own snapshot: the item when the event fired, which never wins a tie.
      return keep(d, event.task, d.receivedAt, 'event');
    }
    // Partial payload (Asana always, Jira comments, Trello actions): fetch it. A compact "deleted"
    // or "removed" is believed only when the fetch confirms it: the item is gone (404/410) or no
    // longer in a linked scope; a live, linked item is stored as it is instead.
    const { task, at } = await fetchOnce(d, event.externalId);
    // Fetched just now: the tracker's current state, which wins an equal-timestamp tie.
    return task
      ? keep(d, task, at, 'read')
      : deps.tasks.markDeleted(d.connectionId, event.externalId, at.toISOString());
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
      const delivery: Delivery = {
        connectionId: connection.id,
        adapter,
        receivedAt: row.receivedAt,
        covers: await linkedScope(connection.id),
        fetched: new Map(),
      };
      const changed: StoredTask[] = [];
      try {
        for (const event of parsed.events) {
          const task = await applyEvent(delivery, event);
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
      const covers = await linkedScope(connectionId);
      // The page was read before this call: its times are clamped to now, no earlier than the read.
      const at = new Date();
      const inside = snapshots.filter(covers).map((t) => clampTask(t, at));
      const result: ManyUpserted =
        inside.length > 0
          ? await deps.tasks.upsertManyIfNewer(connectionId, inside, 'read')
          : { changed: [], rejected: [] };
      const changed = [...result.changed];
      for (const outside of snapshots.filter((t) => !covers(t))) {
        const gone = await deps.tasks.markDeleted(connectionId, outside.externalId, at.toISOString());
        if (gone) changed.push(gone);
      }
      if (changed.length > 0) await deps.onTasksChanged(connectionId, changed);
      return { changed, rejected: result.rejected };
    },

    async applyDeletions(connectionId, deletions) {
      const changed: StoredTask[] = [];
      for (const d of deletions) {
        // A deletion time later than now is the tracker's clock (or a forger's): clamped to the read.
        const task = await deps.tasks.markDeleted(connectionId, d.externalId, clampIso(d.at, new Date()));
        if (task) changed.push(task);
      }
      if (changed.length > 0) await deps.onTasksChanged(connectionId, changed);
      return changed;
    },
  };
  return service;
}
