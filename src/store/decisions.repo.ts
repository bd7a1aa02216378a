import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Decision } from '../core/decision.ts';
import type { DecisionStore } from '../core/decision-ports.ts';
import type { Db } from './db.ts';
import { decisions } from './decisions.schema.ts';
import { after, iso, one } from './repo-helpers.ts';

type Row = typeof decisions.$inferSelect;

export function createDecisionRepo(db: Db): DecisionStore {
  return {
    async insert(d) {
      const rows = await db
        .insert(decisions)
        .values({ ...d, criteria: [...d.criteria], decidedAt: new Date(d.decidedAt) })
        .returning();
      return toDecision(one(rows, 'insert decision'));
    },
    async findById(id) {
      const [row] = await db.select().from(decisions).where(eq(decisions.id, id)).limit(1);
      return row ? toDecision(row) : null;
    },
    async listByDeliverable(deliverableId, page) {
      const rows = await db
        .select()
        .from(decisions)
        .where(and(eq(decisions.deliverableId, deliverableId), after(decisions.id, page)))
        .orderBy(asc(decisions.id))
        .limit(page.limit);
      return rows.map(toDecision);
    },
    async acceptances(deliverableIds) {
      if (deliverableIds.length === 0) return [];
      const rows = await db
        .select({
          deliverableId: decisions.deliverableId,
          decisionId: decisions.id,
          decidedAt: decisions.decidedAt,
          override: decisions.override,
        })
        .from(decisions)
        .where(and(inArray(decisions.deliverableId, [...deliverableIds]), eq(decisions.decision, 'accept')));
      return rows.map((r) => ({ ...r, decidedAt: iso(r.decidedAt) }));
    },
  };
}

function toDecision(row: Row): Decision {
  return { ...row, decidedAt: iso(row.decidedAt) };
}
