import type { Logger } from 'pino';
import { SYSTEM_ACTOR } from '../core/auth.ts';
import type { Deliverable, Engagement } from '../core/engagement.ts';
import type { EventType } from '../core/events.ts';
import { type DeliverableStatus, deliverableLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import {
  automaticAction,
  type Completion,
  computeProgress,
  forecastDate,
  type ProgressFigures,
  type ProgressTask,
  type Schedule,
  scheduleEvent,
  scheduleOf,
  THROUGHPUT_WINDOW_DAYS,
  taskWeights,
  throughputPerDay,
  todayIn,
} from '../core/progress.ts';
import type { DeliverableProgress, Rejection, StoredProgress } from '../core/progress-ports.ts';
import { type SummaryLine, summarize } from '../core/progress-summary.ts';

export interface ProgressResult {
  readonly deliverables: number;
  /** Deliverables whose stored figures changed. */
  readonly written: number;
  /** The engagement's summary row changed. */
  readonly summaryWritten: boolean;
  readonly moved: readonly { deliverableId: string; from: DeliverableStatus; to: DeliverableStatus }[];
  readonly events: number;
}

export interface ProgressService {
  /**
   * FLOW.md steps 9–10 after membership: progress, forecast and schedule status of every
   * deliverable of the engagement, stored; the status moves Jalon makes by itself, each with its
   * audit row and outbox event in the same transaction. Running it twice changes nothing.
   */
  recompute(engagementId: string): Promise<ProgressResult>;
  /**
   * The same inside the caller's transaction, which holds (or now takes) the engagement's row lock:
   * a decision or a rework stores the figures its new status implies before it commits, so no
   * reader sees a rejected deliverable with the figures of one in review.
   */
  recomputeIn(repos: Repos, engagementId: string): Promise<ProgressResult>;
}

interface Snapshot {
  readonly engagement: Engagement;
  readonly live: boolean;
  readonly now: Date;
  readonly today: string;
  readonly completions: readonly Completion[];
  readonly previous: ReadonlyMap<string, StoredProgress>;
  readonly rejections: ReadonlyMap<string, Rejection>;
}

/** Enough for rejected → in_progress → ready_for_review in one round. */
const MAX_MOVES = 3;

const DAY_MS = 86_400_000;

const sameFigures = (a: DeliverableProgress, b: DeliverableProgress): boolean =>
  (Object.keys(b) as (keyof DeliverableProgress)[]).every((k) =>
    k === 'reasons' ? a.reasons.join('\n') === b.reasons.join('\n') : a[k] === b[k],
  );

export function createProgressService(deps: {
  store: Pick<Store, 'transaction'>;
  logger: Logger;
  now?: () => Date;
}): ProgressService {
  const clock = deps.now ?? (() => new Date());

  const event = (
    repos: Repos,
    s: Snapshot,
    d: Deliverable,
    type: EventType,
    dedupeKey: string,
    data: object,
  ) =>
    repos.outbox.append({
      type,
      subjectType: 'deliverable',
      subjectId: d.id,
      engagementId: d.engagementId,
      providerId: s.engagement.providerId,
      data: {
        deliverableId: d.id,
        engagementId: d.engagementId,
        title: d.title,
        dueDate: d.dueDate,
        ...data,
      },
      dedupeKey,
    });

  /** Applies one automatic lifecycle move, if any: compare and set, audited, announced. */
  async function step(repos: Repos, s: Snapshot, d: Deliverable, figures: ProgressFigures) {
    const action = automaticAction(d.status, figures, s.rejections.get(d.id)?.reopenedSince ?? false);
    if (!action) return null;
    const to = deliverableLifecycle.transition(d.status, action);
    const after = await repos.deliverables.setStatus(d.id, d.status, to);
    if (!after) return null; // a decision moved it meanwhile; the next recompute sees the new status
    await repos.audit.append(SYSTEM_ACTOR, {
      entityType: 'deliverable',
      entityId: d.id,
      action,
      before: d,
      after,
    });
    // Keyed by the state it left: a retried transaction records it once, a later round anew.
    const announceMove = async (type: EventType, data: object) =>
      (await event(repos, s, after, type, `${type}:${d.id}:${d.updatedAt}`, data)) ? 1 : 0;
    let events = 0;
    if (to === 'ready_for_review')
      events += await announceMove('deliverable.ready_for_review', {
        from: d.status,
        taskCount: figures.taskCount,
      });
    if (action === 'rework')
      events += await announceMove('deliverable.rework_started', { from: d.status, by: 'tasks' });
    deps.logger.info({ deliverableId: d.id, from: d.status, to, action }, 'deliverable moved by its tasks');
    return { after, events };
  }

  /** The automatic moves the tasks imply, one after the other (rework, then back to review). */
  async function move(repos: Repos, s: Snapshot, d: Deliverable, figures: ProgressFigures) {
    let current = d;
    let events = 0;
    for (let i = 0; i < MAX_MOVES; i++) {
      const moved = await step(repos, s, current, figures);
      if (!moved) break;
      current = moved.after;
      events += moved.events;
    }
    if (current === d) return null;
    return { after: current, move: { deliverableId: d.id, from: d.status, to: current.status }, events };
  }

  async function announce(repos: Repos, s: Snapshot, d: Deliverable, schedule: Schedule) {
    const type = scheduleEvent(s.previous.get(d.id)?.scheduleStatus ?? null, schedule.status);
    if (!type) return 0;
    // Late once per due date (an amended date can be missed again); at risk at most once a day.
    const key = type === 'deliverable.late' ? `${type}:${d.id}:${d.dueDate}` : `${type}:${d.id}:${s.today}`;
    return (await event(repos, s, d, type, key, {
      scheduleStatus: schedule.status,
      reasons: schedule.reasons,
    }))
      ? 1
      : 0;
  }

  async function one(repos: Repos, s: Snapshot, d: Deliverable, tasks: readonly ProgressTask[]) {
    const weights = taskWeights(tasks, s.engagement.weightByEstimate);
    const figures = computeProgress(tasks, weights);
    const doneNow = new Map(
      tasks
        .filter((t) => t.statusCategory === 'done' && weights.has(t.id))
        .map((t) => [t.id, weights.get(t.id) ?? 1]),
    );
    const perDay = throughputPerDay(s.completions, doneNow, s.now);
    const forecast = forecastDate(figures, perDay, s.today);
    const moved = s.live ? await move(repos, s, d, figures) : null;
    const current = moved?.after ?? d;
    const rejection = current.status === 'rejected' ? s.rejections.get(d.id) : undefined;
    const schedule = scheduleOf({
      status: current.status,
      dueDate: d.dueDate,
      today: s.today,
      figures,
      forecast,
      rejectedOn: rejection ? todayIn(rejection.rejectedAt, s.engagement.timeZone) : null,
    });
    const { startedCount: _s, ...stored } = figures;
    const next: DeliverableProgress = {
      ...stored,
      deliverableId: d.id,
      engagementId: d.engagementId,
      throughputPerDay: perDay,
      forecastDate: forecast,
      scheduleStatus: schedule.status,
      reasons: schedule.reasons,
    };
    // The common case of the hourly round: nothing new, no statement at all.
    const before = s.previous.get(d.id);
    const written = before && sameFigures(before, next) ? false : await repos.progress.save(next);
    const events = (moved?.events ?? 0) + (s.live ? await announce(repos, s, current, schedule) : 0);
    const line = {
      id: d.id,
      title: d.title,
      dueDate: d.dueDate,
      weight: d.weight,
      status: current.status,
      progress: figures.progress,
      blockedCount: figures.blockedCount,
      scheduleStatus: schedule.status,
    };
    return { written, move: moved?.move ?? null, events, line };
  }

  async function recomputeIn(repos: Repos, engagementId: string): Promise<ProgressResult> {
    // The engagement row lock serializes this with decisions and contract changes.
    const engagement = await repos.engagements.findById(engagementId, { forUpdate: true });
    if (!engagement) return { deliverables: 0, written: 0, summaryWritten: false, moved: [], events: 0 };
    const now = clock();
    const s: Snapshot = {
      engagement,
      // A closed contract is over: its figures stay current, but Jalon moves and announces nothing.
      live: engagement.status !== 'closed',
      now,
      today: todayIn(now, engagement.timeZone),
      completions: await repos.progress.completions(
        engagementId,
        new Date(now.getTime() - THROUGHPUT_WINDOW_DAYS * DAY_MS),
      ),
      previous: new Map(
        (await repos.progress.listByEngagement(engagementId)).map((p) => [p.deliverableId, p]),
      ),
      rejections: await repos.progress.rejections(engagementId),
    };
    const byDeliverable = Map.groupBy(
      await repos.progress.selectedTasks(engagementId),
      (t) => t.deliverableId,
    );
    const deliverables = await repos.deliverables.listByEngagement(engagementId);
    const moved: ProgressResult['moved'][number][] = [];
    const lines: Omit<SummaryLine, 'acceptedAt'>[] = [];
    let written = 0;
    let events = 0;
    for (const d of deliverables) {
      const r = await one(repos, s, d, byDeliverable.get(d.id) ?? []);
      written += r.written ? 1 : 0;
      events += r.events;
      if (r.move) moved.push(r.move);
      lines.push(r.line);
    }
    const accepted = await repos.progress.acceptances(engagementId);
    const summaryWritten = await repos.progress.saveSummary(
      summarize({
        engagementId,
        providerId: engagement.providerId,
        timeZone: engagement.timeZone,
        lines: lines.map((l) => ({ ...l, acceptedAt: accepted.get(l.id) ?? null })),
      }),
    );
    return { deliverables: deliverables.length, written, summaryWritten, moved, events };
  }

  return {
    recompute: (engagementId) => deps.store.transaction((repos) => recomputeIn(repos, engagementId)),
    recomputeIn,
  };
}
