import { and, asc, eq } from 'drizzle-orm';
import type { JournalEntry } from '../core/engagement.ts';
import type { JournalStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { journalEntries } from './engagement.schema.ts';
import { after, iso, one } from './repo-helpers.ts';

/** Journal entries: append-only in the database (a trigger refuses UPDATE and DELETE). */
export function createJournalRepo(db: Db): JournalStore {
  return {
    async insert(e) {
      const rows = await db
        .insert(journalEntries)
        .values({
          id: e.id,
          engagementId: e.engagementId,
          kind: e.kind,
          occurredAt: new Date(e.occurredAt),
          participants: [...e.participants],
          summary: e.summary,
          decisions: [...e.decisions],
          actionItems: e.actionItems.map((a) => ({
            description: a.description,
            owner: a.owner ?? null,
            dueDate: a.dueDate ?? null,
          })),
          authorKeyId: e.author.keyId,
          authorRole: e.author.role,
        })
        .returning();
      return toEntry(one(rows, 'insert journal entry'));
    },
    async list(filter, page) {
      const rows = await db
        .select()
        .from(journalEntries)
        .where(
          and(
            eq(journalEntries.engagementId, filter.engagementId),
            filter.kind !== undefined ? eq(journalEntries.kind, filter.kind) : undefined,
            after(journalEntries.id, page),
          ),
        )
        .orderBy(asc(journalEntries.id))
        .limit(page.limit);
      return rows.map(toEntry);
    },
    async hasKind(engagementId, kind) {
      const [row] = await db
        .select({ id: journalEntries.id })
        .from(journalEntries)
        .where(and(eq(journalEntries.engagementId, engagementId), eq(journalEntries.kind, kind)))
        .limit(1);
      return row !== undefined;
    },
  };
}

function toEntry(row: typeof journalEntries.$inferSelect): JournalEntry {
  return {
    id: row.id,
    engagementId: row.engagementId,
    kind: row.kind,
    occurredAt: iso(row.occurredAt),
    participants: row.participants,
    summary: row.summary,
    decisions: row.decisions,
    actionItems: row.actionItems,
    author: { keyId: row.authorKeyId, role: row.authorRole },
    createdAt: iso(row.createdAt),
  };
}
