import type { CloudClient } from 'jira.js';
import type { TaskRef } from '../../src/core/task.ts';
import { type DecisionMark, decisionMarker, type PushResult } from '../../src/core/tracker.ts';
import { adfText, decisionDocument } from './jira.adf.ts';
import { jiraCall } from './jira.errors.ts';
import { JiraIssue, type MapperConfig, mapIssue } from './jira.mapper.ts';
import type { JiraSettings, TransitionTarget } from './jira.settings.ts';

/**
 * Writing a client decision back into the issue, idempotently: the comment is looked for (by its
 * marker) before it is posted; the label, field and transition are set-to-value operations that a
 * retry repeats harmlessly.
 */

export interface PushDeps {
  readonly api: CloudClient;
  readonly settings: JiraSettings;
  readonly mapper: () => Promise<MapperConfig>;
}

const COMMENTS_PAGE = 100;

/** Jalon's category → Jira's `statusCategory.key`. */
const CATEGORY_KEY = { todo: 'new', in_progress: 'indeterminate', done: 'done' } as const;

/** Reads every comment page: a marker may sit anywhere in a long thread. */
async function hasComment(api: CloudClient, issueId: string, marker: string): Promise<boolean> {
  for (let startAt = 0; ; ) {
    const page = await jiraCall(issueId, () =>
      api.issueComments.getComments({ issueIdOrKey: issueId, startAt, maxResults: COMMENTS_PAGE }),
    );
    const comments = page.comments ?? [];
    if (comments.some((c) => adfText(c.body).includes(marker))) return true;
    startAt += comments.length;
    if (comments.length === 0 || startAt >= (page.total ?? 0)) return false;
  }
}

/**
 * Label (and optional custom field) in one edit. Label `update` operations add and remove without
 * rewriting the other labels: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
 */
async function mark(deps: PushDeps, issueId: string, decision: DecisionMark['decision']): Promise<void> {
  const { acceptedLabel, rejectedLabel, decisionField: field } = deps.settings;
  const [add, remove] =
    decision === 'accept' ? [acceptedLabel, rejectedLabel] : [rejectedLabel, acceptedLabel];
  const value = field ? (decision === 'accept' ? field.accepted : field.rejected) : null;
  const fields = field && value ? { [field.id]: field.kind === 'option' ? { value } : value } : undefined;
  await jiraCall(issueId, () =>
    deps.api.issues.editIssue({
      issueIdOrKey: issueId,
      update: { labels: [{ remove }, { add }] },
      ...(fields ? { fields } : {}),
    }),
  );
}

/**
 * Runs the configured transition unless the issue already stands where it would lead. Transitions
 * are per workflow, so one is chosen by its target's status category or by name:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 */
async function transition(deps: PushDeps, issueId: string, target: TransitionTarget): Promise<boolean> {
  const mapper = await deps.mapper();
  const issue = await jiraCall(issueId, () =>
    deps.api.issues.getIssue({
      issueIdOrKey: issueId,
      fields: ['status', 'resolution', 'created', 'updated'],
    }),
  );
  const current = mapIssue(JiraIssue.parse(issue), mapper);
  if (current.status === target.name || current.statusCategory === target.statusCategory) return false;
  const { transitions = [] } = await jiraCall(issueId, () =>
    deps.api.issues.getTransitions({ issueIdOrKey: issueId }),
  );
  const chosen = transitions.find(
    (t) =>
      t.isAvailable !== false &&
      ((target.name !== undefined && (t.name === target.name || t.to?.name === target.name)) ||
        (target.statusCategory !== undefined &&
          t.to?.statusCategory?.key === CATEGORY_KEY[target.statusCategory])),
  );
  if (!chosen?.id) return false;
  const id = chosen.id;
  await jiraCall(issueId, () => deps.api.issues.doTransition({ issueIdOrKey: issueId, transition: { id } }));
  return true;
}

export async function pushJiraDecision(
  deps: PushDeps,
  ref: TaskRef,
  decision: DecisionMark,
): Promise<PushResult> {
  const issueId = ref.externalId;
  const marker = decisionMarker(decision.decisionId);
  const commented = !(await hasComment(deps.api, issueId, marker));
  if (commented) {
    const body = decisionDocument(decision);
    await jiraCall(issueId, () => deps.api.issueComments.addComment({ issueIdOrKey: issueId, body }));
  }
  await mark(deps, issueId, decision.decision);
  const target =
    decision.decision === 'accept' ? deps.settings.acceptTransition : deps.settings.rejectTransition;
  if (target) await transition(deps, issueId, target);
  return { commented, marked: true };
}
