import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { type AuditFields, auditHashInput, GENESIS_HASH } from '../core/audit.ts';
import { newId } from '../core/ids.ts';
import type { AuditStore } from '../core/ports.ts';
import { auditLog } from './audit.schema.ts';
import type { Db } from './db.ts';

/** Appends serialize on this advisory lock so the chain has one order across all processes. */
const AUDIT_LOCK = 7_271_002;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** What jsonb will give back: plain JSON (dates as strings, no undefined). */
const asJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

export function createAuditRepo(db: Db): AuditStore {
  return {
    async append(actor, change) {
      await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
      const [last] = await db
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1);
      const fields: AuditFields = {
        id: newId('aud'),
        at: new Date().toISOString(),
        actorKeyId: actor.keyId,
        actorRole: actor.role,
        entityType: change.entityType,
        entityId: change.entityId,
        action: change.action,
        before: asJson(change.before),
        after: asJson(change.after),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      await db
        .insert(auditLog)
        .values({ ...fields, prevHash, hash: sha256(auditHashInput(prevHash, fields)) });
    },

    async list(filter) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
            filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
            filter.afterSeq !== undefined ? gt(auditLog.seq, filter.afterSeq) : undefined,
          ),
        )
        .orderBy(asc(auditLog.seq))
        .limit(filter.limit);
      return rows.map(({ prevHash: _p, hash: _h, ...r }) => r);
    },

    async verify() {
      let prev = GENESIS_HASH;
      let checked = 0;
      let afterSeq = 0;
      for (;;) {
        const rows = await db
          .select()
          .from(auditLog)
          .where(gt(auditLog.seq, afterSeq))
          .orderBy(asc(auditLog.seq))
          .limit(1000);
        for (const { seq: _s, prevHash, hash, ...fields } of rows) {
          checked += 1;
          if (prevHash !== prev || sha256(auditHashInput(prevHash, fields)) !== hash) {
            return { valid: false, checked, firstBrokenId: fields.id };
          }
          prev = hash;
        }
        const tail = rows.at(-1);
        if (!tail) return { valid: true, checked };
        afterSeq = tail.seq;
      }
    },
  };
}
