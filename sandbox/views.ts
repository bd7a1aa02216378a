import type { AsanaWorld } from './asana-model.ts';
import type { AsanaTask } from './asana-types.ts';
import { textFromAdf } from './jira-json.ts';
import type { JiraWorld } from './jira-model.ts';
import { FLAGGED_FIELD, type JiraIssue, STORY_POINTS_FIELD, statusById } from './jira-types.ts';
import type { TrelloWorld } from './trello-model.ts';
import type { TrelloCard } from './trello-types.ts';

/**
 * Plain summaries of an issue, card or task: what the control API answers and what the "web
 * page" links of each emulated tracker (`/browse/KEY`, `/c/shortLink`, `/0/project/task`) show.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function jiraView(world: JiraWorld, issue: JiraIssue, site: string) {
  const status = statusById(issue.statusId);
  return {
    tracker: 'jira' as const,
    id: issue.id,
    key: issue.key,
    url: `${site}/browse/${issue.key}`,
    summary: issue.summary,
    issuetype: issue.issuetype,
    status: status.name,
    statusCategory: status.category,
    resolution: issue.resolution,
    labels: [...issue.labels],
    duedate: issue.duedate,
    storyPoints: issue.custom[STORY_POINTS_FIELD] ?? null,
    flagged: Array.isArray(issue.custom[FLAGGED_FIELD]),
    assignee: world.user(issue.assigneeId)?.displayName ?? issue.assigneeId,
    parentKey: world.parentOf(issue)?.key ?? null,
    custom: Object.fromEntries(
      Object.entries(issue.custom).filter(([k]) => k !== STORY_POINTS_FIELD && k !== FLAGGED_FIELD),
    ),
    comments: issue.comments.map((c) => ({
      id: c.id,
      author: world.user(c.authorId)?.displayName ?? c.authorId,
      text: textFromAdf(c.body),
      created: iso(c.created),
    })),
    created: iso(issue.created),
    updated: iso(issue.updated),
    deleted: issue.deleted,
  };
}

export function trelloView(world: TrelloWorld, card: TrelloCard, site: string) {
  const list = world.lists.get(card.idList);
  return {
    tracker: 'trello' as const,
    id: card.id,
    shortLink: card.shortLink,
    url: `${site}/c/${card.shortLink}`,
    name: card.name,
    idBoard: card.idBoard,
    idList: card.idList,
    list: list?.name ?? null,
    closed: card.closed,
    due: iso(card.due),
    dueComplete: card.dueComplete,
    labels: card.idLabels.flatMap((id) => {
      const l = world.labels.get(id);
      return l ? [{ id: l.id, name: l.name, color: l.color }] : [];
    }),
    members: card.idMembers.map((id) => world.members.get(id)?.fullName ?? id),
    comments: world.actions
      .filter((a) => a.idCard === card.id && a.type === 'commentCard')
      .map((a) => ({
        id: a.id,
        author: world.members.get(a.idMemberCreator)?.fullName ?? a.idMemberCreator,
        text: String(a.data.text ?? ''),
        date: iso(a.date),
      })),
    dateLastActivity: iso(card.dateLastActivity),
  };
}

export function asanaView(world: AsanaWorld, task: AsanaTask, site: string) {
  const fields = Object.entries(task.fieldValues).map(([gid, value]) => {
    const f = world.customFields.get(gid);
    const option = f?.enum_options.find((o) => o.gid === value);
    return [f?.name ?? gid, option?.name ?? value] as const;
  });
  return {
    tracker: 'asana' as const,
    gid: task.gid,
    url: `${site}/0/${task.memberships[0]?.projectGid ?? '0'}/${task.gid}`,
    name: task.name,
    resource_subtype: task.resource_subtype,
    approval_status: task.approval_status,
    completed: task.completed,
    completed_at: iso(task.completed_at),
    due_on: task.due_on,
    sections: task.memberships.map((m) =>
      m.sectionGid ? (world.sections.get(m.sectionGid)?.name ?? m.sectionGid) : null,
    ),
    projects: task.memberships.map((m) => m.projectGid),
    tags: task.tagGids.map((g) => world.tags.get(g)?.name ?? g),
    customFields: Object.fromEntries(fields),
    comments: [...world.stories.values()]
      .filter((s) => s.taskGid === task.gid && s.type === 'comment')
      .map((s) => ({
        gid: s.gid,
        author: world.users.get(s.createdByGid)?.name ?? s.createdByGid,
        text: s.text,
        created_at: iso(s.created_at),
      })),
    created_at: iso(task.created_at),
    modified_at: iso(task.modified_at),
    deleted: task.deleted,
  };
}
