import type { Amendment } from '../core/change-apply.ts';
import type { ChangeOp, ChangeRequest, Engagement } from '../core/engagement.ts';
import type { NewEvent } from '../core/events.ts';

/** One change in a line: what it does and to what, without the full terms. */
function describe(change: ChangeOp): Record<string, unknown> {
  switch (change.op) {
    case 'modify_deliverable':
      return { op: change.op, deliverableId: change.deliverableId, fields: Object.keys(change.set) };
    case 'modify_milestone':
      return { op: change.op, milestoneId: change.milestoneId, fields: Object.keys(change.set) };
    case 'modify_terms':
      return { op: change.op, fields: Object.keys(change.set) };
    case 'remove_deliverable':
      return { op: change.op, deliverableId: change.deliverableId };
    case 'remove_milestone':
      return { op: change.op, milestoneId: change.milestoneId };
    case 'add_deliverable':
      return { op: change.op, title: change.deliverable.title };
    case 'add_milestone':
      return { op: change.op, label: change.milestone.label };
  }
}

/**
 * `change_request.approved`, recorded in the approval's transaction: the engagement, the contract
 * version the approval produced and a summary of what changed (ids added, modified, removed).
 */
export function changeRequestApproved(
  request: ChangeRequest,
  amended: Engagement,
  amendment: Pick<Amendment, 'deliverables' | 'milestones' | 'termsChanged'>,
): NewEvent {
  return {
    type: 'change_request.approved',
    subjectType: 'change_request',
    subjectId: request.id,
    engagementId: amended.id,
    providerId: amended.providerId,
    dedupeKey: `change_request.approved:${request.id}`,
    data: {
      changeRequestId: request.id,
      engagementId: amended.id,
      providerId: amended.providerId,
      title: request.title,
      contractVersion: amended.contractVersion,
      previousContractVersion: amended.contractVersion - 1,
      impact: request.impact,
      summary: {
        deliverables: amendment.deliverables,
        milestones: amendment.milestones,
        termsChanged: amendment.termsChanged,
      },
      changes: request.changes.map(describe),
    },
  };
}
