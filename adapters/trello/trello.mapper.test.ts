import { describe, expect, it } from 'vitest';
import { json, ownFixture, sharedFixture } from './fixtures/trello.kit.ts';
import {
  type CardView,
  completionDate,
  createdAtFromId,
  dueDateOf,
  listCategory,
  toTask,
} from './trello.mapper.ts';
import { TrelloAction, TrelloCard } from './trello.payloads.ts';
import { TrelloSettings } from './trello.settings.ts';

const defaults = TrelloSettings.parse({});
const cards = (): TrelloCard[] =>
  json(ownFixture('board-cards-all.json')).map((c: unknown) => TrelloCard.parse(c));
const placements = (): TrelloAction[] =>
  json(ownFixture('board-actions-placement.json')).map((a: unknown) => TrelloAction.parse(a));
const LISTS = new Map<string, { id: string; name: string }>(
  json(ownFixture('board-lists.json')).map((l: { id: string; name: string }) => [
    l.id,
    { id: l.id, name: l.name },
  ]),
);

function view(card: TrelloCard, actions: TrelloAction[] = []): CardView {
  return {
    card,
    list: LISTS.get(card.idList) ?? null,
    members: json(ownFixture('board-members.json')),
    actions,
  };
}

const cardNamed = (name: string): TrelloCard => {
  const found = cards().find((c) => c.name === name);
  if (!found) throw new Error(`no fixture card ${name}`);
  return found;
};

describe('list rules', () => {
  it('default rules read English and French list names, case-insensitively', () => {
    const category = (name: string) => listCategory({ id: 'l', name }, defaults);
    expect(category('DONE ✅')).toBe('done');
    expect(category('Terminé')).toBe('done');
    expect(category('Recette terminée')).toBe('done');
    expect(category('En cours')).toBe('in_progress');
    expect(category('Code review')).toBe('in_progress');
    expect(category('Backlog')).toBe('todo');
  });
  it('are configurable: by list id or pattern, first match wins, with a fallback category', () => {
    const settings = TrelloSettings.parse({
      listRules: [
        { category: 'done', listIds: ['58541760dada4cf7e9229a25'] },
        { category: 'in_progress', pattern: '^to do|shipped$' },
      ],
      fallbackCategory: 'in_progress',
    });
    expect(toTask(view(cardNamed('Set up CI')), settings).statusCategory).toBe('done');
    expect(listCategory({ id: 'x', name: 'Shipped' }, settings)).toBe('in_progress');
    expect(toTask(view(cardNamed('Payment form')), settings).statusCategory).toBe('in_progress');
    expect(listCategory({ id: 'x', name: 'Done' }, settings)).toBe('in_progress');
  });
  it('refuses a rule that is not a regular expression, or names no list', () => {
    expect(() => TrelloSettings.parse({ listRules: [{ category: 'done', pattern: '(' }] })).toThrow();
    expect(() => TrelloSettings.parse({ listRules: [{ category: 'done' }] })).toThrow();
  });
});

describe('toTask', () => {
  it('marks a card whose due date is complete as done, whatever its list', () => {
    const [dueDone] = placements();
    const task = toTask(view(cardNamed('Invoice export'), dueDone ? [dueDone] : []), defaults);
    expect(task).toMatchObject({
      statusCategory: 'done',
      status: 'To Do',
      completedAt: '2017-02-17T07:15:00.000Z',
    });
  });
  it('dates completion by the newest action into a done list, else by the last activity', () => {
    const login = cardNamed('Login page');
    const ofLogin = placements().filter((a) => a.data.card?.id === login.id);
    expect(toTask(view(login, ofLogin), defaults).completedAt).toBe('2017-02-15T08:40:00.000Z');
    expect(toTask(view(login), defaults).completedAt).toBe('2017-02-15T08:45:12.345Z');
    expect(completionDate(placements().reverse(), defaults)).toBe('2017-02-17T07:15:00.000Z');
  });
  it('does not count a move between two done lists as the completion', () => {
    const ofLogin = placements().filter((a) => a.data.card?.id === '58a0c1f2e4b0a1b2c3d4e503');
    const [toDone] = ofLogin;
    if (!toDone) throw new Error('fixture lacks the move to Done');
    const shipped = TrelloAction.parse({
      ...toDone,
      id: '58a6a2f4ee0000000000000a',
      date: '2017-02-20T10:00:00.000Z',
      data: {
        ...toDone.data,
        listBefore: toDone.data.listAfter,
        listAfter: { id: 'l-shipped', name: 'Finished' },
      },
    });
    expect(completionDate([shipped, ...ofLogin], defaults)).toBe('2017-02-15T08:40:00.000Z');
  });
  it('keeps archived cards: cancelled when archived undone, still done when archived done', () => {
    const spike = toTask(view(cardNamed('Old spike')), defaults);
    expect(spike).toMatchObject({
      cancelled: true,
      deleted: false,
      statusCategory: 'todo',
      completedAt: null,
    });
    const archivedDone = toTask(view({ ...cardNamed('Login page'), closed: true }), defaults);
    expect(archivedDone).toMatchObject({ cancelled: false, deleted: false, statusCategory: 'done' });
  });
  it('reads blocked from the configured label, by name (any case) or id', () => {
    const payment = cardNamed('Payment form');
    expect(toTask(view(payment), defaults).blocked).toBe(true);
    expect(toTask(view(payment), TrelloSettings.parse({ blockedLabel: 'BLOCKED' })).blocked).toBe(true);
    expect(
      toTask(view(payment), TrelloSettings.parse({ blockedLabel: '5854175b84e677fd36c87642' })).blocked,
    ).toBe(true);
    expect(toTask(view(payment), TrelloSettings.parse({ blockedLabel: 'On hold' })).blocked).toBe(false);
  });
  it('takes the first member as assignee, by id when the member is unknown', () => {
    expect(toTask(view(cardNamed('Login page')), defaults).assignee).toBe('Amélie Provider');
    const stranger = { ...cardNamed('Set up CI'), idMembers: ['5854175bc371136d79abbeff'] };
    expect(toTask(view(stranger), defaults).assignee).toBe('5854175bc371136d79abbeff');
  });
  it('names colour-only labels by colour and exposes ids and names as facets', () => {
    const card = TrelloCard.parse(json(sharedFixture('api-get-card-response.json')));
    const task = toTask({ card, list: null, members: [], actions: [] }, defaults);
    expect(task.labels).toEqual(['green']);
    expect(task.facets).toEqual({
      list: ['58541760dada4cf7e9229a25', '58541760dada4cf7e9229a25'],
      label: ['green', '5854175b84e677fd36c87641'],
      card: ['585833c0b83d090631bde62c', '31Akmw6l'],
    });
  });
});

describe('dates', () => {
  it('reads the creation time from the first 8 hex digits of the id', () => {
    expect(createdAtFromId('585833c0b83d090631bde62c')).toBe('2016-12-19T19:23:44.000Z');
    expect(() => createdAtFromId('not-an-id')).toThrow();
  });
  it('takes the due date in UTC', () => {
    expect(dueDateOf('2017-02-28T23:30:00.000Z')).toBe('2017-02-28');
    expect(dueDateOf('2017-03-01T00:30:00+01:00')).toBe('2017-02-28');
    expect(dueDateOf(null)).toBeNull();
  });
});
