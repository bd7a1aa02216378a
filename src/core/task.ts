import { z } from 'zod';

export const Tracker = z.enum(['jira', 'trello', 'asana']);
export type Tracker = z.infer<typeof Tracker>;

export const StatusCategory = z.enum(['todo', 'in_progress', 'done']);
export type StatusCategory = z.infer<typeof StatusCategory>;

/**
 * A Jira issue, Trello card or Asana task in Jalon's words. Adapters produce it; nothing outside
 * `adapters/` knows a vendor field.
 */
export interface Task {
  readonly tracker: Tracker;
  /** The tracker's own id: Jira issue id, Trello card id, Asana task gid. */
  readonly externalId: string;
  /** Human key where the tracker has one (Jira `PROJ-12`, Trello short link). */
  readonly key: string | null;
  readonly url: string;
  readonly title: string;
  readonly statusCategory: StatusCategory;
  /** The raw status as the tracker names it (Jira status, Trello list name, Asana section). */
  readonly status: string;
  /** Closed without being done (Jira "Won't Do"/"Duplicate", Trello archived undone…). */
  readonly cancelled: boolean;
  readonly blocked: boolean;
  readonly assignee: string | null;
  /** `YYYY-MM-DD` */
  readonly dueDate: string | null;
  readonly labels: readonly string[];
  readonly parentExternalId: string | null;
  readonly estimate: number | null;
  /** ISO 8601 UTC */
  readonly completedAt: string | null;
  readonly createdAt: string;
  /** ISO 8601 UTC, the tracker's last-modified time: newest wins when snapshots race. */
  readonly updatedAt: string;
  /**
   * Set by ingest when the tracker's `updatedAt` was later than the receipt and `updatedAt` was
   * clamped to it: the tracker's own claim. Two snapshots claiming one instant are a tie.
   */
  readonly claimedUpdatedAt?: string;
  readonly deleted: boolean;
  /**
   * Values deliverable selectors match on, by facet name: `epic`, `label`, `component`,
   * `fixVersion`, `issueKey` (Jira); `list`, `label`, `card` (Trello); `section`, `tag`, `task`,
   * `cf:<gid>` (Asana). Ids and names both appear where a PMO may write either.
   */
  readonly facets: Readonly<Record<string, readonly string[]>>;
  /** The link scope the item lives in (project key, board id, project gids). */
  readonly scopeIds: readonly string[];
}

/** Where a task lives at its tracker: enough to fetch it again or write to it. */
export interface TaskRef {
  readonly externalId: string;
  readonly key?: string | null;
}

/** What part of a connection an engagement follows. */
export type LinkScope =
  | { readonly tracker: 'jira'; readonly projectKey?: string; readonly jql?: string }
  | { readonly tracker: 'trello'; readonly boardId: string }
  | { readonly tracker: 'asana'; readonly projectGid: string };
