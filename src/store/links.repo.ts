import { and, asc, eq, sql } from 'drizzle-orm';
import type { LinkStore } from '../core/sync-ports.ts';
import type { LinkScope } from '../core/task.ts';
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
  return {
    async insert(record) {
      const [row] = await db.insert(links).values(record).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
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
      const rows = await db.select().from(links).where(eq(links.connectionId, connectionId));
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
