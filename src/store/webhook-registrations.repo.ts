import { and, asc, eq, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import type { WebhookRegistrationStore } from '../core/sync-ports.ts';
import { connections, webhookRegistrations } from './connections.schema.ts';
import type { Db } from './db.ts';

const expiry = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function createWebhookRegistrationRepo(db: Db): WebhookRegistrationStore {
  return {
    async save(connectionId, scopeKey, registrations, at) {
      if (registrations.length === 0) return;
      await db
        .insert(webhookRegistrations)
        .values(
          registrations.map((r) => ({
            id: newId('whk'),
            connectionId,
            scopeKey,
            externalId: r.externalId,
            expiresAt: expiry(r.expiresAt),
            createdAt: at,
          })),
        )
        .onConflictDoUpdate({
          target: [webhookRegistrations.connectionId, webhookRegistrations.externalId],
          set: { scopeKey: sql`excluded.scope_key`, expiresAt: sql`excluded.expires_at`, refreshedAt: at },
        });
    },
    async noteRefreshed(connectionId, registrations, at) {
      for (const r of registrations) {
        await db
          .update(webhookRegistrations)
          .set({ expiresAt: expiry(r.expiresAt), refreshedAt: at })
          .where(
            and(
              eq(webhookRegistrations.connectionId, connectionId),
              eq(webhookRegistrations.externalId, r.externalId),
            ),
          );
      }
    },
    async prune(connectionId, keep) {
      const removed = await db
        .delete(webhookRegistrations)
        .where(
          and(
            eq(webhookRegistrations.connectionId, connectionId),
            keep.length > 0 ? notInArray(webhookRegistrations.externalId, [...keep]) : undefined,
          ),
        )
        .returning({ id: webhookRegistrations.id });
      return removed.length;
    },
    listByConnection: (connectionId) =>
      db
        .select()
        .from(webhookRegistrations)
        .where(eq(webhookRegistrations.connectionId, connectionId))
        .orderBy(asc(webhookRegistrations.createdAt), asc(webhookRegistrations.id)),
    async expiringBefore(before, limit) {
      const rows = await db
        .select({ registration: webhookRegistrations })
        .from(webhookRegistrations)
        .innerJoin(connections, eq(connections.id, webhookRegistrations.connectionId))
        .where(and(lt(webhookRegistrations.expiresAt, before), isNull(connections.deletedAt)))
        .orderBy(asc(webhookRegistrations.expiresAt), asc(webhookRegistrations.id))
        .limit(limit);
      return rows.map((r) => r.registration);
    },
  };
}
