import { avg, count, eq } from 'drizzle-orm';
import type { Evaluation } from '../core/engagement.ts';
import type { EvaluationStore } from '../core/engagement-ports.ts';
import type { Db } from './db.ts';
import { engagements, evaluations } from './engagement.schema.ts';
import { iso } from './repo-helpers.ts';

export function createEvaluationRepo(db: Db): EvaluationStore {
  const read = async (engagementId: string): Promise<Evaluation | null> => {
    const [row] = await db
      .select({ e: evaluations, providerId: engagements.providerId })
      .from(evaluations)
      .innerJoin(engagements, eq(engagements.id, evaluations.engagementId))
      .where(eq(evaluations.engagementId, engagementId))
      .limit(1);
    return row ? toEvaluation(row.e, row.providerId) : null;
  };
  return {
    async upsert(e) {
      const { engagementId: _key, ...changes } = e;
      await db
        .insert(evaluations)
        .values(e)
        .onConflictDoUpdate({ target: evaluations.engagementId, set: { ...changes, updatedAt: new Date() } });
      const saved = await read(e.engagementId);
      if (!saved) throw new Error('upsert evaluation: no row');
      return saved;
    },
    findByEngagement: read,
    async summary(providerId) {
      const [row] = await db
        .select({
          count: count(),
          quality: avg(evaluations.quality),
          timeliness: avg(evaluations.timeliness),
          communication: avg(evaluations.communication),
          autonomy: avg(evaluations.autonomy),
          budget: avg(evaluations.budget),
        })
        .from(evaluations)
        .innerJoin(engagements, eq(engagements.id, evaluations.engagementId))
        .where(eq(engagements.providerId, providerId));
      const num = (v: string | null | undefined) => (v == null ? null : Math.round(Number(v) * 100) / 100);
      return {
        count: Number(row?.count ?? 0),
        averages: {
          quality: num(row?.quality),
          timeliness: num(row?.timeliness),
          communication: num(row?.communication),
          autonomy: num(row?.autonomy),
          budget: num(row?.budget),
        },
      };
    },
  };
}

function toEvaluation(row: typeof evaluations.$inferSelect, providerId: string): Evaluation {
  return {
    engagementId: row.engagementId,
    providerId,
    quality: row.quality,
    timeliness: row.timeliness,
    communication: row.communication,
    autonomy: row.autonomy,
    budget: row.budget,
    strengths: row.strengths,
    improvements: row.improvements,
    lessons: row.lessons,
    evaluatedBy: row.evaluatedBy,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
