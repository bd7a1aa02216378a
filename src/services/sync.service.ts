import type { Logger } from 'pino';
import { NotFound } from '../core/errors.ts';
import type { LinkRecord, LinkStore, TaskStore, TrackerLimiter } from '../core/sync-ports.ts';
import { TrackerAuthFailed } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';
import type { IngestService } from './ingest.service.ts';

export interface SyncProgress {
  readonly pages: number;
  readonly tasks: number;
  readonly changed: number;
  readonly deleted: number;
  /** Tasks the database refused to store (their external ids, the first ones); the others were stored. */
  readonly rejected: number;
  readonly rejectedExternalIds: string[];
}

/** How many refused ids a sync's progress lists (the count is always whole; the log has each). */
const LISTED_REJECTIONS = 50;

export interface SyncService {
  /**
   * Lists the link's tasks changed since its cursor (all of them when `full`) and applies them
   * like webhook snapshots. A full pass also marks deleted the tasks it no longer sees.
   */
  syncLink(
    linkId: string,
    opts: { full: boolean; onProgress?: (p: SyncProgress) => Promise<void> },
  ): Promise<SyncProgress>;
}

export function createSyncService(deps: {
  links: Pick<LinkStore, 'get' | 'saveCursor'>;
  tasks: Pick<TaskStore, 'liveIdsInScope' | 'markDeleted'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'noteHealth' | 'setIntegrationAccount'>;
  ingest: Pick<IngestService, 'apply' | 'applyDeletions'>;
  limiter: TrackerLimiter;
  scopeIdOf: (scope: LinkRecord['scope']) => string | null;
  logger: Logger;
}): SyncService {
  return {
    async syncLink(linkId, { full, onProgress }) {
      const link = await deps.links.get(linkId);
      if (!link) throw new NotFound('Link', linkId);
      const found = await deps.connections.adapterFor(link.connectionId);
      if (!found) throw new NotFound('Connection', link.connectionId);
      const { adapter, connection } = found;
      const startedAt = new Date();
      let progress: SyncProgress = {
        pages: 0,
        tasks: 0,
        changed: 0,
        deleted: 0,
        rejected: 0,
        rejectedExternalIds: [],
      };
      const seen = new Set<string>();
      let cursor = full ? null : link.syncCursor;
      try {
        if (!connection.integrationAccountId) {
          const me = await deps.limiter.run(connection.id, adapter.tracker, 'read', 1, () =>
            adapter.whoAmI(),
          );
          await deps.connections.setIntegrationAccount(connection.id, me.accountId);
        }
        const pages = adapter.listChanged(link.scope, cursor)[Symbol.asyncIterator]();
        for (;;) {
          const next = await deps.limiter.run(connection.id, adapter.tracker, 'read', 1, () => pages.next());
          if (next.done) break;
          const page = next.value;
          for (const t of page.tasks) seen.add(t.externalId);
          const applied = await deps.ingest.apply(connection.id, page.tasks);
          for (const r of applied.rejected) {
            deps.logger.warn({ linkId, externalId: r.externalId, reason: r.reason }, 'task not stored');
          }
          const changed = [
            ...applied.changed,
            ...(await deps.ingest.applyDeletions(connection.id, page.deletions ?? [])),
          ];
          cursor = page.cursor;
          progress = {
            pages: progress.pages + 1,
            tasks: progress.tasks + page.tasks.length,
            changed: progress.changed + changed.length,
            deleted: 0,
            rejected: progress.rejected + applied.rejected.length,
            rejectedExternalIds: [
              ...progress.rejectedExternalIds,
              ...applied.rejected.map((r) => r.externalId),
            ].slice(0, LISTED_REJECTIONS),
          };
          // An incremental cursor can advance page by page (the adapters overlap its boundary);
          // a full pass records it only once it has seen everything.
          if (!full) await deps.links.saveCursor(link.id, cursor, false, startedAt);
          await onProgress?.(progress);
        }
        if (full) {
          progress = { ...progress, deleted: await markVanished(link, seen) };
          if (cursor) await deps.links.saveCursor(link.id, cursor, true, startedAt);
        }
        await deps.connections.noteHealth(connection.id, {
          health: 'healthy',
          lastSyncAt: new Date(),
          lastError: null,
        });
        deps.logger.info({ linkId, full, ...progress }, 'link synced');
        return progress;
      } catch (err) {
        if (err instanceof TrackerAuthFailed) {
          await deps.connections.noteHealth(connection.id, { health: 'unhealthy', lastError: err.message });
        }
        throw err;
      }
    },
  };

  /** Tasks stored for the link's scope that a full listing no longer returns: deleted or moved out. */
  async function markVanished(link: LinkRecord, seen: ReadonlySet<string>): Promise<number> {
    const scopeId = deps.scopeIdOf(link.scope);
    if (scopeId === null) return 0; // a JQL link has no scope id to compare within
    const stored = await deps.tasks.liveIdsInScope(link.connectionId, scopeId);
    const now = new Date().toISOString();
    let deleted = 0;
    for (const externalId of stored) {
      if (seen.has(externalId)) continue;
      if (await deps.tasks.markDeleted(link.connectionId, externalId, now)) deleted += 1;
    }
    return deleted;
  }
}
