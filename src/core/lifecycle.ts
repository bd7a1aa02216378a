import type { z } from 'zod';
import { defineMachine } from './state-machine.ts';

/**
 * The four lifecycles of DOMAIN.md. Each machine exposes `Status` / `Action` (zod enums),
 * `transition(current, action)` (throws InvalidTransition naming the current status and the allowed
 * actions), `allowedActions(current)`, `canTransition`, `nextStatuses`, `isFinal` and its `table`.
 * The functions use no `this`: `const { transition } = deliverableLifecycle` works.
 */

/** `draft → active → closed`. Terms are freely editable only while `draft`. */
export const engagementLifecycle = defineMachine({
  entity: 'engagement',
  statuses: ['draft', 'active', 'closed'],
  actions: ['activate', 'close'],
  initial: 'draft',
  table: {
    draft: { activate: 'active' },
    active: { close: 'closed' },
    closed: {},
  },
});
export const EngagementStatus = engagementLifecycle.Status;
export type EngagementStatus = z.infer<typeof EngagementStatus>;
export const EngagementAction = engagementLifecycle.Action;
export type EngagementAction = z.infer<typeof EngagementAction>;

/**
 * `planned → in_progress → ready_for_review → accepted | rejected`, `rejected → in_progress`.
 *
 * - `start`: a selected task left `todo`.
 * - `submit_for_review`: every selected task is done. Allowed from `planned` too, because a first
 *   sync can find all the tasks already done; forcing a detour through `in_progress` would record a
 *   state the deliverable was never observed in.
 * - `reopen`: a task was reopened at the tracker before the client decided; back to `in_progress`.
 * - `accept` / `reject`: the client's decision, only from `ready_for_review`.
 * - `override_accept`: a PMO accepts before the tasks are all done (API `override: true`), from
 *   `planned` or `in_progress`; a separate action so the decision is recorded as an override.
 *   There is no override reject: rejecting work that was never submitted has no meaning.
 * - `rework`: after a rejection the provider works again. A rejected deliverable goes back to
 *   review only through `in_progress` (`rework` then `submit_for_review`), as DOMAIN.md draws it.
 * - `accepted` is final.
 */
export const deliverableLifecycle = defineMachine({
  entity: 'deliverable',
  statuses: ['planned', 'in_progress', 'ready_for_review', 'accepted', 'rejected'],
  actions: ['start', 'submit_for_review', 'reopen', 'accept', 'reject', 'override_accept', 'rework'],
  initial: 'planned',
  table: {
    planned: { start: 'in_progress', submit_for_review: 'ready_for_review', override_accept: 'accepted' },
    in_progress: { submit_for_review: 'ready_for_review', override_accept: 'accepted' },
    ready_for_review: { reopen: 'in_progress', accept: 'accepted', reject: 'rejected' },
    accepted: {},
    rejected: { rework: 'in_progress' },
  },
});
export const DeliverableStatus = deliverableLifecycle.Status;
export type DeliverableStatus = z.infer<typeof DeliverableStatus>;
export const DeliverableAction = deliverableLifecycle.Action;
export type DeliverableAction = z.infer<typeof DeliverableAction>;

/**
 * The action a client decision (`POST /v1/deliverables/{id}/decision`) maps to. `override: true`
 * turns an early accept into `override_accept`; on a deliverable already `ready_for_review` the
 * decision is an ordinary `accept`, since nothing was overridden. The returned action is then passed
 * to `deliverableLifecycle.transition`, which rejects it when the status does not allow it.
 */
export function decisionAction(
  current: DeliverableStatus,
  decision: 'accept' | 'reject',
  override = false,
): DeliverableAction {
  if (decision === 'reject') return 'reject';
  return override && current !== 'ready_for_review' ? 'override_accept' : 'accept';
}

/**
 * `locked → unlocked → invoiced → paid`. `unlock` is taken by Jalon itself the moment every required
 * deliverable is accepted and `notBefore` has passed; `invoice` and `pay` by finance.
 */
export const milestoneLifecycle = defineMachine({
  entity: 'payment milestone',
  statuses: ['locked', 'unlocked', 'invoiced', 'paid'],
  actions: ['unlock', 'invoice', 'pay'],
  initial: 'locked',
  table: {
    locked: { unlock: 'unlocked' },
    unlocked: { invoice: 'invoiced' },
    invoiced: { pay: 'paid' },
    paid: {},
  },
});
export const MilestoneStatus = milestoneLifecycle.Status;
export type MilestoneStatus = z.infer<typeof MilestoneStatus>;
export const MilestoneAction = milestoneLifecycle.Action;
export type MilestoneAction = z.infer<typeof MilestoneAction>;

/**
 * `draft → submitted → approved | rejected | withdrawn`; the author may withdraw a draft or a
 * submitted request. `approved`, `rejected` and `withdrawn` are final.
 */
export const changeRequestLifecycle = defineMachine({
  entity: 'change request',
  statuses: ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'],
  actions: ['submit', 'approve', 'reject', 'withdraw'],
  initial: 'draft',
  table: {
    draft: { submit: 'submitted', withdraw: 'withdrawn' },
    submitted: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
    approved: {},
    rejected: {},
    withdrawn: {},
  },
});
export const ChangeRequestStatus = changeRequestLifecycle.Status;
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;
export const ChangeRequestAction = changeRequestLifecycle.Action;
export type ChangeRequestAction = z.infer<typeof ChangeRequestAction>;
