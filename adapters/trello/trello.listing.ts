import type { TrelloClient } from 'trello.js';
import type { Task } from '../../src/core/task.ts';
import type { Cursor, TaskPage } from '../../src/core/tracker.ts';
import { completes, listCategory, toTask } from './trello.mapper.ts';
import type { TrelloAction, TrelloCard } from './trello.payloads.ts';
import {
  boardActionPages,
  boardCards,
  boardLists,
  boardMembers,
  CARD_ACTIONS,
  completionActions,
  fetchCardView,
  PLACEMENT_ACTIONS,
} from './trello.reads.ts';
import type { TrelloSettings } from './trello.settings.ts';

/**
 * listChanged for a board. The cursor is an ISO instant: the newest change seen, minus an overlap.
 *
 * - Full (no cursor): every card of the board (`cards/all`), with its list and members from the
 *   board; deletions are found by the caller comparing id sets.
 * - Incremental: the board's actions since the cursor name the cards that changed, were deleted
 *   (reported as deletions: the action carries only the card's id, so the stored task keeps what
 *   it knew) or left the board (fetched one by one); cards whose `dateLastActivity` is newer
 *   than the cursor are added, because Trello leaves some action types (label changes among them)
 *   out of nested action listings: https://developer.atlassian.com/cloud/trello/guides/rest-api/action-types/
 *
 * Completion dates come from placement actions (see the mapper); for done cards whose completing
 * action is not among the actions already read, older board actions are walked until all are found.
 *
 * Trello returns a board's cards in one response, so pages are chunks of `pageSize` tasks. Every
 * page but the last carries the incoming cursor (resuming from it re-lists, never skips); a full
 * listing's pages all carry the final cursor, as a partial full listing is redone from scratch.
 */

interface Window {
  readonly actions: readonly TrelloAction[];
  readonly cardIds: ReadonlySet<string>;
  readonly deletions: readonly TrelloAction[];
}

async function readWindow(trello: TrelloClient, boardId: string, since: string): Promise<Window> {
  const actions: TrelloAction[] = [];
  for await (const page of boardActionPages(trello, boardId, CARD_ACTIONS, since)) actions.push(...page);
  const cardIds = new Set(actions.flatMap((a) => (a.data.card ? [a.data.card.id] : [])));
  return { actions, cardIds, deletions: actions.filter((a) => a.type === 'deleteCard') };
}

function groupByCard(actions: readonly TrelloAction[]): Map<string, TrelloAction[]> {
  const byCard = new Map<string, TrelloAction[]>();
  for (const a of actions) {
    const id = a.data.card?.id;
    if (id === undefined) continue;
    const list = byCard.get(id);
    if (list) list.push(a);
    else byCard.set(id, [a]);
  }
  return byCard;
}

/** The latest of some instants (no spread: a board can hold tens of thousands of cards). */
const latest = (instants: Iterable<number>): number | null => {
  let max: number | null = null;
  for (const t of instants) if (max === null || t > max) max = t;
  return max;
};

function isDone(card: TrelloCard, settings: TrelloSettings, listName: string | undefined): boolean {
  return (
    card.dueComplete || listCategory({ id: card.idList, name: listName ?? card.idList }, settings) === 'done'
  );
}

interface Snapshot {
  readonly tasks: readonly Task[];
  readonly newest: number | null;
}

async function snapshot(
  trello: TrelloClient,
  boardId: string,
  settings: TrelloSettings,
  cards: readonly TrelloCard[],
  window: Window | null,
): Promise<Snapshot> {
  if (cards.length === 0) return { tasks: [], newest: null };
  const [lists, members] = await Promise.all([boardLists(trello, boardId), boardMembers(trello, boardId)]);
  const known = groupByCard(window?.actions ?? []);
  const completedKnown = (id: string) => (known.get(id) ?? []).some((a) => completes(a, settings));
  const wanted = new Set(
    cards
      .filter((c) => isDone(c, settings, lists.get(c.idList)?.name) && !completedKnown(c.id))
      .map((c) => c.id),
  );
  const pages = boardActionPages(trello, boardId, PLACEMENT_ACTIONS);
  const older = groupByCard(await completionActions(pages, wanted, settings));
  const tasks = cards.map((card) =>
    toTask(
      {
        card,
        list: lists.get(card.idList) ?? null,
        members,
        actions: [...(known.get(card.id) ?? []), ...(older.get(card.id) ?? [])],
      },
      settings,
    ),
  );
  return { tasks, newest: latest(cards.map((c) => Date.parse(c.dateLastActivity))) };
}

/** Cards an action names that are no longer on the board (moved away): fetched one by one. */
async function departedCards(trello: TrelloClient, ids: readonly string[], settings: TrelloSettings) {
  const tasks: Task[] = [];
  for (const id of ids) {
    const view = await fetchCardView(trello, id, settings);
    if (view) tasks.push(toTask(view, settings));
  }
  return tasks;
}

function cursorAfter(newest: number | null, sinceMs: number | null, settings: TrelloSettings): Cursor {
  const base = newest ?? sinceMs ?? Date.now();
  const overlapped = base - settings.cursorOverlapSeconds * 1000;
  return new Date(sinceMs === null ? overlapped : Math.max(overlapped, sinceMs)).toISOString();
}

const parseCursor = (since: Cursor | null): number | null => {
  const ms = since === null ? Number.NaN : Date.parse(since);
  return Number.isNaN(ms) ? null : ms; // an unreadable cursor means a full listing, never a skip
};

async function collect(
  trello: TrelloClient,
  boardId: string,
  settings: TrelloSettings,
  sinceMs: number | null,
): Promise<{ tasks: Task[]; deletions: NonNullable<TaskPage['deletions']>; cursor: Cursor }> {
  const window = sinceMs === null ? null : await readWindow(trello, boardId, new Date(sinceMs).toISOString());
  const all = await boardCards(trello, boardId);
  const onBoard = new Set(all.map((c) => c.id));
  const changed =
    window === null || sinceMs === null
      ? all
      : all.filter((c) => window.cardIds.has(c.id) || Date.parse(c.dateLastActivity) >= sinceMs);
  const snap = await snapshot(trello, boardId, settings, changed, window);
  const deleted = new Set(window?.deletions.flatMap((a) => (a.data.card ? [a.data.card.id] : [])) ?? []);
  const departed = [...(window?.cardIds ?? [])].filter((id) => !onBoard.has(id) && !deleted.has(id));
  const deletions = (window?.deletions ?? []).flatMap((a) =>
    a.data.card ? [{ externalId: a.data.card.id, at: new Date(a.date).toISOString() }] : [],
  );
  const tasks = [...snap.tasks, ...(await departedCards(trello, departed, settings))];
  const actionDates = (window?.actions ?? []).map((a) => Date.parse(a.date));
  const newest = latest([...(snap.newest === null ? [] : [snap.newest]), ...actionDates]);
  return { tasks, deletions, cursor: cursorAfter(newest, sinceMs, settings) };
}

export async function* listBoardChanges(
  trello: TrelloClient,
  settings: TrelloSettings,
  boardId: string,
  since: Cursor | null,
): AsyncGenerator<TaskPage> {
  const sinceMs = parseCursor(since);
  const { tasks, deletions, cursor } = await collect(trello, boardId, settings, sinceMs);
  const interim = sinceMs === null ? cursor : new Date(sinceMs).toISOString();
  const size = settings.pageSize;
  for (let start = 0; start === 0 || start < tasks.length; start += size) {
    const last = start + size >= tasks.length;
    // The deletions go with the last page, after every snapshot of the window.
    const page = { tasks: tasks.slice(start, start + size), cursor: last ? cursor : interim };
    yield last && deletions.length > 0 ? { ...page, deletions } : page;
  }
}
