import { type Clock, HttpError, objectIds, shortCode } from './common.ts';
import type {
  CardChange,
  CardInput,
  TrelloAction,
  TrelloActor,
  TrelloBoard,
  TrelloCard,
  TrelloLabel,
  TrelloList,
  TrelloMember,
} from './trello-types.ts';

/**
 * Trello's data in memory. Every change is recorded as the action Trello would record
 * (https://developer.atlassian.com/cloud/trello/guides/rest-api/action-types/): actions feed both
 * the action listings and the webhooks. Label changes are delivered to webhooks but, as on Trello,
 * left out of nested action listings.
 */

const LABEL_COLOURS = ['green', 'yellow', 'orange', 'red', 'purple', 'blue'];
const notFound = () => new HttpError(404, 'The requested resource was not found.');

export type TrelloWorld = ReturnType<typeof createTrelloWorld>;

export function createTrelloWorld(clock: Clock) {
  const newId = objectIds(clock);
  const integration: TrelloMember = {
    id: newId(),
    fullName: 'Jalon Integration',
    username: 'jalonbot',
    initials: 'JI',
  };
  const provider: TrelloMember = {
    id: newId(),
    fullName: 'Priya Provider',
    username: 'priyaprovider',
    initials: 'PP',
  };
  const members = new Map([integration, provider].map((m) => [m.id, m]));
  const boards = new Map<string, TrelloBoard>();
  const lists = new Map<string, TrelloList>();
  const labels = new Map<string, TrelloLabel>();
  const cards = new Map<string, TrelloCard>();
  const actions: TrelloAction[] = [];
  const listeners: ((a: TrelloAction) => void)[] = [];
  let idShort = 0;

  const byIdOrShort = <T extends { id: string; shortLink?: string }>(map: Map<string, T>, id: string): T => {
    const found = map.get(id) ?? [...map.values()].find((x) => x.shortLink === id);
    if (!found)
      throw /^[0-9a-fA-F]{24}$/.test(id) || /^[A-Za-z0-9]{8}$/.test(id)
        ? notFound()
        : new HttpError(400, 'invalid id');
    return found;
  };
  const board = (id: string) => byIdOrShort(boards, id);
  const list = (id: string) => byIdOrShort(lists, id);
  const card = (id: string) => byIdOrShort(cards, id);
  const label = (id: string) => byIdOrShort(labels, id);
  const member = (id: string) => (id === 'me' ? integration : byIdOrShort(members, id));

  const boardRef = (b: TrelloBoard) => ({ shortLink: b.shortLink, name: b.name, id: b.id });
  const listRef = (l: TrelloList) => ({ name: l.name, id: l.id });
  const cardRef = (c: TrelloCard, extra: Record<string, unknown> = {}) => ({
    shortLink: c.shortLink,
    idShort: c.idShort,
    name: c.name,
    id: c.id,
    ...extra,
  });

  function record(
    type: string,
    by: TrelloActor,
    idBoard: string,
    c: TrelloCard | null,
    data: Record<string, unknown>,
    listed = true,
  ) {
    const action: TrelloAction = {
      id: newId(),
      idMemberCreator: by.user.id,
      type,
      date: clock.now(),
      data,
      idBoard,
      idCard: c?.id ?? null,
      listed,
    };
    actions.push(action);
    if (c) c.dateLastActivity = action.date;
    for (const l of listeners) l(action);
    return action;
  }

  function createBoard(name: string, listNames: readonly string[], by: TrelloActor): TrelloBoard {
    const b: TrelloBoard = { id: newId(), name, shortLink: shortCode(8), closed: false };
    boards.set(b.id, b);
    for (const colour of LABEL_COLOURS) {
      const l: TrelloLabel = { id: newId(), idBoard: b.id, name: '', color: colour };
      labels.set(l.id, l);
    }
    for (const n of listNames) createList(b.id, n, by);
    return b;
  }

  function createList(idBoard: string, name: string, by: TrelloActor): TrelloList {
    const b = board(idBoard);
    const l: TrelloList = { id: newId(), idBoard: b.id, name, closed: false, pos: (lists.size + 1) * 16384 };
    lists.set(l.id, l);
    record('createList', by, b.id, null, { board: boardRef(b), list: listRef(l) });
    return l;
  }

  /** Trello allows several labels with one name: creating always adds one. */
  function createLabel(idBoard: string, name: string, color: string | null): TrelloLabel {
    const l: TrelloLabel = { id: newId(), idBoard: board(idBoard).id, name, color };
    labels.set(l.id, l);
    return l;
  }

  function findOrCreateLabel(idBoard: string, name: string, color: string | null): TrelloLabel {
    const existing = [...labels.values()].find(
      (l) => l.idBoard === idBoard && l.name.toLowerCase() === name.toLowerCase(),
    );
    return existing ?? createLabel(idBoard, name, color);
  }

  function createCard(input: CardInput, by: TrelloActor): TrelloCard {
    const l = list(input.idList);
    const b = board(l.idBoard);
    const c: TrelloCard = {
      id: newId(),
      idBoard: b.id,
      idList: l.id,
      name: input.name,
      desc: input.desc ?? '',
      closed: false,
      due: input.due ? Date.parse(input.due) : null,
      dueComplete: false,
      dateLastActivity: clock.now(),
      idMembers: [...(input.idMembers ?? [])],
      idLabels: (input.labels ?? []).map((n) => findOrCreateLabel(b.id, n, 'blue').id),
      comments: 0,
      idShort: ++idShort,
      pos: idShort * 16384,
      shortLink: shortCode(8),
    };
    cards.set(c.id, c);
    record('createCard', by, b.id, c, { board: boardRef(b), list: listRef(l), card: cardRef(c) });
    return c;
  }

  function moveCard(c: TrelloCard, idList: string, by: TrelloActor): TrelloAction | null {
    const to = list(idList);
    if (to.id === c.idList) return null;
    const from = list(c.idList);
    c.idList = to.id;
    return record('updateCard', by, c.idBoard, c, {
      listAfter: listRef(to),
      listBefore: listRef(from),
      board: boardRef(board(c.idBoard)),
      card: cardRef(c, { idList: to.id }),
      old: { idList: from.id },
    });
  }

  function updateCard(c: TrelloCard, change: CardChange, by: TrelloActor): TrelloAction[] {
    const done: TrelloAction[] = [];
    const b = board(c.idBoard);
    const apply = <K extends 'name' | 'desc' | 'due' | 'dueComplete' | 'closed'>(
      key: K,
      value: TrelloCard[K],
    ) => {
      if (c[key] === value) return;
      const old = key === 'due' && c.due !== null ? new Date(c.due).toISOString() : c[key];
      c[key] = value;
      const shown = key === 'due' && c.due !== null ? new Date(c.due).toISOString() : value;
      done.push(
        record('updateCard', by, c.idBoard, c, {
          list: listRef(list(c.idList)),
          board: boardRef(b),
          card: cardRef(c, { [key]: shown }),
          old: { [key]: old },
        }),
      );
    };
    if (change.name !== undefined) apply('name', change.name);
    if (change.desc !== undefined) apply('desc', change.desc);
    if (change.due !== undefined) apply('due', change.due === null ? null : Date.parse(change.due));
    if (change.dueComplete !== undefined) apply('dueComplete', change.dueComplete);
    if (change.closed !== undefined) apply('closed', change.closed);
    return done;
  }

  function addLabel(c: TrelloCard, l: TrelloLabel, by: TrelloActor): boolean {
    if (c.idLabels.includes(l.id)) return false;
    c.idLabels.push(l.id);
    const data = {
      board: boardRef(board(c.idBoard)),
      card: cardRef(c),
      label: { id: l.id, name: l.name, color: l.color },
      text: l.name,
    };
    record('addLabelToCard', by, c.idBoard, c, data, false);
    return true;
  }

  function removeLabel(c: TrelloCard, l: TrelloLabel, by: TrelloActor): boolean {
    if (!c.idLabels.includes(l.id)) return false;
    c.idLabels = c.idLabels.filter((x) => x !== l.id);
    const data = {
      board: boardRef(board(c.idBoard)),
      card: cardRef(c),
      label: { id: l.id, name: l.name, color: l.color },
      text: l.name,
    };
    record('removeLabelFromCard', by, c.idBoard, c, data, false);
    return true;
  }

  function comment(c: TrelloCard, text: string, by: TrelloActor): TrelloAction {
    c.comments += 1;
    return record('commentCard', by, c.idBoard, c, {
      list: listRef(list(c.idList)),
      board: boardRef(board(c.idBoard)),
      card: cardRef(c),
      text,
    });
  }

  function deleteCard(c: TrelloCard, by: TrelloActor): void {
    cards.delete(c.id);
    record('deleteCard', by, c.idBoard, null, {
      board: boardRef(board(c.idBoard)),
      list: listRef(list(c.idList)),
      card: { id: c.id, idShort: c.idShort, shortLink: c.shortLink },
    });
  }

  /** Actions of a board or card, newest first, as Trello pages them (`before`/`since`: ids or dates). */
  function listActions(filter: {
    idBoard?: string;
    idCard?: string;
    types: readonly string[] | null;
    since?: string;
    before?: string;
    limit: number;
  }) {
    const bound = (value: string | undefined) => {
      if (value === undefined) return null;
      const byId = actions.find((a) => a.id === value);
      if (byId) return { id: byId.id, date: byId.date };
      if (/^[0-9a-f]{24}$/i.test(value))
        return { id: value, date: Number.parseInt(value.slice(0, 8), 16) * 1000 };
      const date = Date.parse(value);
      if (Number.isNaN(date)) throw new HttpError(400, `invalid value for ${value}`);
      return { id: null, date };
    };
    const since = bound(filter.since);
    const before = bound(filter.before);
    const out: TrelloAction[] = [];
    for (let i = actions.length - 1; i >= 0 && out.length < filter.limit; i--) {
      const a = actions[i] as TrelloAction;
      if (!a.listed) continue;
      if (filter.idBoard !== undefined && a.idBoard !== filter.idBoard) continue;
      if (
        filter.idCard !== undefined &&
        a.idCard !== filter.idCard &&
        (a.data.card as { id?: string } | undefined)?.id !== filter.idCard
      )
        continue;
      if (filter.types !== null && !filter.types.includes(a.type)) continue;
      if (before && (before.id ? a.id >= before.id : a.date >= before.date)) continue;
      if (since && (since.id ? a.id <= since.id : a.date < since.date)) continue;
      out.push(a);
    }
    return out;
  }

  return {
    integration,
    provider,
    members,
    boards,
    lists,
    labels,
    cards,
    actions,
    board,
    list,
    card,
    label,
    member,
    createBoard,
    createList,
    createLabel,
    findOrCreateLabel,
    createCard,
    moveCard,
    updateCard,
    addLabel,
    removeLabel,
    comment,
    deleteCard,
    listActions,
    onAction: (listener: (a: TrelloAction) => void) => listeners.push(listener),
  };
}
