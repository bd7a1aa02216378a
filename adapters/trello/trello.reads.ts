import type { TrelloClient } from 'trello.js';
import { z } from 'zod';
import { TaskGone } from '../../src/core/tracker.ts';
import { call, read } from './trello.errors.ts';
import { type CardView, completes, listCategory } from './trello.mapper.ts';
import { TrelloAction, TrelloCard, TrelloList, TrelloMember } from './trello.payloads.ts';
import type { TrelloSettings } from './trello.settings.ts';

/** The SDK reads the adapter makes, each validated with the adapter's own schemas. */

/**
 * Actions that put a card somewhere (created, copied, converted, moved in, updated): the ones that
 * can complete it. Field-level filters like `updateCard:idList` exist, but none is documented for
 * `dueComplete`, so every `updateCard` is read and sorted out by the mapper.
 * https://developer.atlassian.com/cloud/trello/guides/rest-api/action-types/
 */
export const PLACEMENT_ACTIONS = 'createCard,copyCard,convertToCardFromCheckItem,moveCardToBoard,updateCard';

/** Every action type that changes what a task shows, for incremental listing. */
export const CARD_ACTIONS = [
  PLACEMENT_ACTIONS,
  'deleteCard,moveCardFromBoard,commentCard',
  'addMemberToCard,removeMemberFromCard,addChecklistToCard,removeChecklistFromCard',
  'updateCheckItemStateOnCard,addAttachmentToCard,deleteAttachmentFromCard',
].join(',');

/** The most GET /boards/{id}/actions and /cards/{id}/actions return per call. */
export const ACTIONS_PAGE_LIMIT = 1000;

const Actions = z.array(TrelloAction);

/**
 * GET /1/cards/{id} with its list and members; for a done card, its own actions are then walked
 * back to the one that completed it. Null when the card is gone.
 * https://developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-id-get
 */
export async function fetchCardView(
  trello: TrelloClient,
  cardId: string,
  settings: TrelloSettings,
): Promise<CardView | null> {
  try {
    const raw = await call(cardId, () =>
      trello.cards.getCard({ id: cardId, list: true, members: true, memberFields: 'fullName,username' }),
    );
    const card = read(TrelloCard, raw, 'card');
    const list = card.list ?? null;
    const done =
      card.dueComplete || listCategory(list ?? { id: card.idList, name: card.idList }, settings) === 'done';
    const pages = cardActionPages(trello, card.id, PLACEMENT_ACTIONS);
    const actions = done ? await completionActions(pages, new Set([card.id]), settings) : [];
    return { card, list, members: card.members ?? [], actions };
  } catch (err) {
    if (err instanceof TaskGone) return null;
    throw err;
  }
}

/**
 * Reads action pages, newest first, keeping the actions of the `wanted` cards, until each has one
 * that completed it or the history ends; a card leaves `wanted` once its completion is found.
 */
export async function completionActions(
  pages: AsyncIterable<readonly TrelloAction[]>,
  wanted: Set<string>,
  settings: TrelloSettings,
): Promise<TrelloAction[]> {
  const found: TrelloAction[] = [];
  if (wanted.size === 0) return found;
  for await (const page of pages) {
    for (const a of page) {
      const id = a.data.card?.id;
      if (id === undefined || !wanted.has(id)) continue;
      found.push(a);
      if (completes(a, settings)) wanted.delete(id);
    }
    if (wanted.size === 0) break;
  }
  return found;
}

/**
 * Every card of the board, archived ones included (`filter: all`). Trello answers in one response:
 * this endpoint takes no paging parameters.
 * https://developer.atlassian.com/cloud/trello/rest/api-group-boards/#api-boards-id-cards-filter-get
 */
export async function boardCards(trello: TrelloClient, boardId: string): Promise<readonly TrelloCard[]> {
  const raw = await call(boardId, () => trello.boards.getBoardCardsByFilter({ id: boardId, filter: 'all' }));
  return read(z.array(TrelloCard), raw, 'board cards');
}

/** Every list of the board, archived ones included, by id. */
export async function boardLists(
  trello: TrelloClient,
  boardId: string,
): Promise<ReadonlyMap<string, TrelloList>> {
  const raw = await call(boardId, () =>
    trello.boards.getBoardLists({ id: boardId, filter: 'all', fields: 'name' }),
  );
  return new Map(read(z.array(TrelloList), raw, 'board lists').map((l) => [l.id, l]));
}

/** The board's members (id, full name, username). */
export async function boardMembers(trello: TrelloClient, boardId: string): Promise<readonly TrelloMember[]> {
  const raw = await call(boardId, () => trello.boards.getBoardMembers({ id: boardId }));
  return read(z.array(TrelloMember), raw, 'board members');
}

/**
 * Actions, newest first, one page at a time. Trello pages actions with `before` (an action id: the
 * oldest of the previous page) and `limit` (at most 1000).
 */
async function* actionPages(
  subject: string,
  fetchPage: (before: string | undefined) => Promise<unknown>,
): AsyncGenerator<readonly TrelloAction[]> {
  let before: string | undefined;
  for (;;) {
    const page = read(Actions, await call(subject, () => fetchPage(before)), 'actions');
    if (page.length > 0) yield page;
    const oldest = page.at(-1);
    if (page.length < ACTIONS_PAGE_LIMIT || oldest === undefined) return;
    before = oldest.id;
  }
}

/**
 * Board actions of the given types, `since` bounding the walk.
 * https://developer.atlassian.com/cloud/trello/rest/api-group-boards/#api-boards-boardid-actions-get
 */
export const boardActionPages = (trello: TrelloClient, boardId: string, filter: string, since?: string) =>
  actionPages(boardId, (before) =>
    trello.boards.getBoardActions({ boardId, filter, limit: ACTIONS_PAGE_LIMIT, since, before }),
  );

/** A card's actions of the given types. https://developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-id-actions-get */
export const cardActionPages = (trello: TrelloClient, cardId: string, filter: string) =>
  actionPages(cardId, (before) =>
    trello.cards.getCardActions({ id: cardId, filter, limit: ACTIONS_PAGE_LIMIT, before }),
  );
