import { and, eq } from 'drizzle-orm';
import type { ContractSnapshot, ContractVersion } from '../core/engagement.ts';
import type { ContractVersionStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { contractVersions } from './engagement.schema.ts';
import { iso, one } from './repo-helpers.ts';

/** Contract snapshots: append-only in the database (a trigger refuses UPDATE and DELETE). */
export function createContractVersionRepo(db: Db): ContractVersionStore {
  return {
    async insert(v) {
      // jsonb keeps plain JSON: the snapshot is stored exactly as the API reads it.
      const snapshot = JSON.parse(JSON.stringify(v.snapshot));
      return toVersion(
        one(
          await db
            .insert(contractVersions)
            .values({ ...v, snapshot })
            .returning(),
          'insert version',
        ),
      );
    },
    async find(engagementId, version) {
      const [row] = await db
        .select()
        .from(contractVersions)
        .where(and(eq(contractVersions.engagementId, engagementId), eq(contractVersions.version, version)))
        .limit(1);
      return row ? toVersion(row) : null;
    },
  };
}

function toVersion(row: typeof contractVersions.$inferSelect): ContractVersion {
  return {
    engagementId: row.engagementId,
    version: row.version,
    changeRequestId: row.changeRequestId,
    recordedAt: iso(row.recordedAt),
    recordedBy: row.recordedBy,
    snapshot: withCurrentFields(row.snapshot),
  };
}

/**
 * Snapshots recorded before migration 0024 lack the milestone fields it added: they read as that
 * migration reads the rows it found (no warranty, lateness before grace unknown, no retention
 * status), so that an old version stays readable through today's schema.
 */
function withCurrentFields(snapshot: ContractSnapshot): ContractSnapshot {
  return {
    ...snapshot,
    milestones: snapshot.milestones.map((m) => ({
      ...m,
      warrantyDays: m.warrantyDays ?? 0,
      daysLateRaw: m.daysLateRaw ?? null,
      daysCharged: m.daysCharged ?? null,
      retentionStatus: m.retentionStatus ?? null,
    })),
  };
}
