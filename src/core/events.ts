import { z } from 'zod';

/** The events Jalon announces to subscribers (finance tools and others). */
export const EventType = z.enum([
  'deliverable.ready_for_review',
  'deliverable.accepted',
  'deliverable.rejected',
  'deliverable.rework_started',
  'deliverable.at_risk',
  'deliverable.late',
  'milestone.unlocked',
  'milestone.resettled',
  'milestone.removed',
  'milestone.invoiced',
  'milestone.paid',
  'milestone.retention_released',
  'change_request.approved',
]);
export type EventType = z.infer<typeof EventType>;

export interface NewEvent {
  readonly type: EventType;
  readonly subjectType: 'deliverable' | 'milestone' | 'change_request';
  readonly subjectId: string;
  readonly engagementId: string | null;
  readonly providerId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * Makes recording idempotent: the same business fact (e.g. `milestone.unlocked:<id>`) is
   * recorded once however often the transaction that announces it is retried.
   */
  readonly dedupeKey: string;
}

export interface OutboxEvent extends NewEvent {
  readonly id: string;
  readonly seq: number;
  readonly occurredAt: Date;
}

export interface OutboxStore {
  /** Records the event inside the caller's transaction; false when its dedupe key exists. */
  append(event: NewEvent): Promise<boolean>;
}
