import type { StatusCategory, Task } from '../../src/core/task.ts';
import { normaliseTaskText } from '../../src/core/tracker-text.ts';
import type { TrelloAction, TrelloCard, TrelloLabel, TrelloMember } from './trello.payloads.ts';
import type { ListRule, TrelloSettings } from './trello.settings.ts';

/**
 * Trello card → Jalon task. Pure: everything it needs is handed in. Field sources are tabled in
 * adapters/README.md; the decisions Trello leaves open are documented here, next to the code.
 */

/** What a card is normalised from: the card, its list and members, and the actions that placed it. */
export interface CardView {
  readonly card: TrelloCard;
  /** The card's list; null when it could not be read (the list id then stands in for its name). */
  readonly list: { readonly id: string; readonly name: string } | null;
  readonly members: readonly TrelloMember[];
  /** Recent actions on the card (any order); the newest one that completed it dates completion. */
  readonly actions: readonly TrelloAction[];
}

const iso = (instant: string): string => new Date(instant).toISOString();

type Rules = Pick<TrelloSettings, 'listRules' | 'fallbackCategory'>;

const ruleMatches = (rule: ListRule, list: { id: string; name: string }): boolean =>
  (rule.listIds?.includes(list.id) ?? false) ||
  (rule.pattern !== undefined && new RegExp(rule.pattern, 'i').test(list.name));

/** The category the list rules give a list (first matching rule wins). */
export function listCategory(list: { id: string; name: string }, rules: Rules): StatusCategory {
  return rules.listRules.find((r) => ruleMatches(r, list))?.category ?? rules.fallbackCategory;
}

/**
 * Trello ids are MongoDB ObjectIds: the first 8 hex digits are the creation time in Unix seconds.
 * https://support.atlassian.com/trello/docs/getting-the-time-a-card-or-board-was-created/
 */
export function createdAtFromId(id: string): string {
  const seconds = Number.parseInt(id.slice(0, 8), 16);
  if (!/^[0-9a-f]{8}/i.test(id) || !Number.isFinite(seconds)) {
    throw new Error(`Trello id ${id} does not embed a timestamp`);
  }
  return new Date(seconds * 1000).toISOString();
}

/**
 * Trello's `due` is an instant; the UI shows it in the viewer's zone. Jalon's `dueDate` is a civil
 * date, taken in UTC so every reader of Jalon gets the same day; a card due at 00:30 in Paris is
 * due the previous day in UTC (a known skew, listed in adapters/README.md).
 */
export function dueDateOf(due: string | null | undefined): string | null {
  return due ? new Date(due).toISOString().slice(0, 10) : null;
}

/** Did this action put the card into a done state (a done list, or its due date marked complete)? */
export function completes(action: TrelloAction, rules: Rules): boolean {
  const { data } = action;
  if (action.type === 'updateCard') {
    // A move between two done lists (Done → Shipped) is not a completion: the card was done already.
    const intoDone = data.listAfter !== undefined && listCategory(data.listAfter, rules) === 'done';
    const fromDone = data.listBefore !== undefined && listCategory(data.listBefore, rules) === 'done';
    if (intoDone) return !fromDone;
    return data.card?.dueComplete === true && data.old?.dueComplete === false;
  }
  // Cards can be born in a done list: created, copied, converted from a check item or moved in.
  const list = data.list;
  return list?.name !== undefined && listCategory({ id: list.id, name: list.name }, rules) === 'done';
}

/** The date of the newest action that completed the card, if it is among `actions`. */
export function completionDate(actions: readonly TrelloAction[], rules: Rules): string | null {
  let newest: string | null = null;
  for (const a of actions) {
    if (completes(a, rules) && (newest === null || Date.parse(a.date) > Date.parse(newest))) newest = a.date;
  }
  return newest === null ? null : iso(newest);
}

/** Trello allows colour-only labels (empty name): the UI names them by colour, and so does Jalon. */
const labelName = (l: TrelloLabel): string | null => (l.name ? l.name : (l.color ?? null));

const memberName = (m: TrelloMember): string => m.fullName || m.username || m.id;

/** Trello has no single assignee: the first member of `idMembers` stands for it. */
function assigneeOf(card: TrelloCard, members: readonly TrelloMember[]): string | null {
  const first = card.idMembers[0];
  if (first === undefined) return null;
  const member = members.find((m) => m.id === first);
  return member ? memberName(member) : first;
}

function isBlocked(labels: readonly TrelloLabel[], blockedLabel: string): boolean {
  const wanted = blockedLabel.toLowerCase();
  return labels.some((l) => l.id === blockedLabel || (l.name ?? '').toLowerCase() === wanted);
}

/**
 * Category: `dueComplete` means done; otherwise the list rules decide. Archived (`closed`) cards are
 * not deleted (Trello can restore them): archived and done stays done, archived and not done is
 * `cancelled` with the category of the list it was archived from.
 */
export function toTask(view: CardView, settings: TrelloSettings): Task {
  const { card } = view;
  const list = view.list ?? { id: card.idList, name: card.idList };
  const statusCategory = card.dueComplete ? 'done' : listCategory(list, settings);
  const done = statusCategory === 'done';
  const labels = card.labels.flatMap((l) => labelName(l) ?? []);
  return normaliseTaskText({
    tracker: 'trello',
    externalId: card.id,
    key: card.shortLink ?? null,
    url: card.url ?? card.shortUrl ?? `https://trello.com/c/${card.shortLink ?? card.id}`,
    title: card.name,
    statusCategory,
    status: list.name,
    cancelled: card.closed && !done,
    blocked: isBlocked(card.labels, settings.blockedLabel),
    assignee: assigneeOf(card, view.members),
    dueDate: dueDateOf(card.due),
    labels,
    parentExternalId: null,
    estimate: null,
    completedAt: done ? (completionDate(view.actions, settings) ?? iso(card.dateLastActivity)) : null,
    createdAt: createdAtFromId(card.id),
    updatedAt: iso(card.dateLastActivity),
    deleted: false,
    facets: {
      list: [list.id, list.name],
      label: [...labels, ...card.labels.map((l) => l.id)],
      card: [card.id, ...(card.shortLink ? [card.shortLink] : [])],
    },
    scopeIds: [card.idBoard],
  });
}
