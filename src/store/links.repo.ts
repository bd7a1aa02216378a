import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { LinkRecord, LinkStore } from '../core/sync-ports.ts';
import type { LinkScope } from '../core/task.ts';
import { createGroupCommit } from '../services/group-commit.ts';
import type { Db } from './db.ts';
import { links } from './links.schema.ts';

/** The scope id a link's tasks carry in their `scopeIds` (see the adapters' normalisation). */
export function scopeIdOf(scope: LinkScope): string | null {
  switch (scope.tracker) {
    case 'jira':
      return scope.projectKey ?? null;
    case 'trello':
      return scope.boardId;
    case 'asana':
      return scope.projectGid;
  }
}

export function createLinkRepo(db: Db): LinkStore {
  // Concurrent ingest jobs ask which engagements a connection's tasks belong to: they share one
  // `SELECT … IN` per batch instead of one round trip each. Not cached: links are created by API
  // processes and read by worker processes, and a stale answer would skip a new link's recompute.
  const linksOf = createGroupCommit<string, LinkRecord[]>(async (connectionIds) => {
    const rows = await db
      .select()
      .from(links)
      .where(inArray(links.connectionId, [...new Set(connectionIds)]));
    return connectionIds.map((id) => rows.filter((l) => l.connectionId === id));
  });
  return {
    async insert(record) {
      // A scope already linked (links_one_per_scope, migrations/0023) inserts nothing: null.
      const [row] = await db.insert(links).values(record).onConflictDoNothing().returning();
      return row ?? null;
    },
    async holderOf(connectionId, scopeKey) {
      const [row] = await db
        .select()
        .from(links)
        .where(and(eq(links.connectionId, connectionId), eq(links.scopeKey, scopeKey)))
        .orderBy(asc(links.createdAt), asc(links.id))
        .limit(1);
      return row ?? null;
    },
    async remove(id) {
      const [row] = await db.delete(links).where(eq(links.id, id)).returning();
      return row ?? null;
    },
    async get(id) {
      const [row] = await db.select().from(links).where(eq(links.id, id)).limit(1);
      return row ?? null;
    },
    async findByKey(engagementId, connectionId, scopeKey) {
      const [row] = await db
        .select()
        .from(links)
        .where(
          and(
            eq(links.engagementId, engagementId),
            eq(links.connectionId, connectionId),
            eq(links.scopeKey, scopeKey),
          ),
        )
        .limit(1);
      return row ?? null;
    },
    listByEngagement: (engagementId) =>
      db.select().from(links).where(eq(links.engagementId, engagementId)).orderBy(asc(links.id)),
    listByConnection: (connectionId) =>
      db.select().from(links).where(eq(links.connectionId, connectionId)).orderBy(asc(links.id)),
    all: () => db.select().from(links).orderBy(asc(links.id)),
    async engagementsFor(connectionId, scopeIds) {
      const rows = await linksOf.submit(connectionId);
      const wanted = new Set(scopeIds);
      // A JQL link has no scope id: every task of its connection may belong to it.
      return [
        ...new Set(
          rows
            .filter((l) => {
              const id = scopeIdOf(l.scope);
              return id === null || wanted.has(id);
            })
            .map((l) => l.engagementId),
        ),
      ];
    },
    async engagementProvider(engagementId) {
      const result = await db.execute(sql`select provider_id from engagements where id = ${engagementId}`);
      const [row] = (result as unknown as { rows: { provider_id: string }[] }).rows;
      return row?.provider_id ?? null;
    },
    async saveCursor(id, cursor, full, at) {
      await db
        .update(links)
        .set({ syncCursor: cursor, lastSyncAt: at, ...(full ? { lastFullSyncAt: at } : {}) })
        .where(eq(links.id, id));
    },
  };
}
