import { describe, expect, it } from 'vitest';
import { toTask as asanaTask } from '../../adapters/asana/asana.mapper.ts';
import { AsanaTask } from '../../adapters/asana/asana.payloads.ts';
import { defaultAsanaSettings } from '../../adapters/asana/asana.settings.ts';
import { JiraIssue, mapIssue } from '../../adapters/jira/jira.mapper.ts';
import { toTask as trelloTask } from '../../adapters/trello/trello.mapper.ts';
import { TrelloCard } from '../../adapters/trello/trello.payloads.ts';
import { TrelloSettings } from '../../adapters/trello/trello.settings.ts';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH, trackerText } from '../../src/core/tracker-text.ts';

/** A title and a label no database column takes as they are: U+0000, other controls, a lone surrogate. */
const TITLE = `Pay\u0000ment\u0007\tAPI\r\nv2 \ud800${'é'.repeat(2 * MAX_TITLE_LENGTH)}`;
const LABEL = `back\u0000end${'x'.repeat(1000)}`;
const CLEAN_TITLE = `Payment API v2 \ufffd${'é'.repeat(MAX_TITLE_LENGTH - 16)}`;
const CLEAN_LABEL = `backend${'x'.repeat(MAX_NAME_LENGTH - 7)}`;

describe('tracker text as Jalon stores it', () => {
  it('drops controls, flattens line breaks, repairs lone surrogates and caps by code point', () => {
    expect(trackerText('a\u0000b\u001fc\u007fd\u009fe', 10)).toBe('abcde');
    expect(trackerText('one\ntwo\r\nthree\tfour', 100)).toBe('one two three four');
    expect(trackerText('one\r\ntwo\tthree\u0000', 100, { multiline: true })).toBe('one\ntwo\tthree');
    expect(trackerText('😀😀😀', 2)).toBe('😀😀');
  });

  it('is applied alike by the Jira, Trello and Asana mappers', () => {
    const jira = mapIssue(
      JiraIssue.parse({
        id: '10001',
        key: 'P-1',
        fields: {
          summary: TITLE,
          labels: [LABEL],
          status: { name: 'To\u0000 Do', statusCategory: { key: 'new' } },
          created: '2027-01-01T09:00:00.000+0000',
          updated: '2027-01-02T09:00:00.000+0000',
        },
      }),
      {
        browseRoot: 'https://x.atlassian.net',
        storyPointsFields: [],
        flaggedField: null,
        blockedStatuses: [],
        blockedLabels: [],
        cancelledResolutions: [],
        statusCategories: {},
      },
    );
    const trello = trelloTask(
      {
        card: TrelloCard.parse({
          id: '5f1d7e2a9c1b2a0012345678',
          name: TITLE,
          idList: 'list1',
          idBoard: 'board1',
          idMembers: [],
          labels: [{ id: 'l1', name: LABEL, color: 'red' }],
          closed: false,
          dueComplete: false,
          due: null,
          dateLastActivity: '2027-01-02T09:00:00.000Z',
        }),
        list: { id: 'list1', name: 'Doing\u0000' },
        members: [],
        actions: [],
      },
      TrelloSettings.parse({}),
    );
    const asana = asanaTask(
      AsanaTask.parse({
        gid: '1201',
        name: TITLE,
        tags: [{ gid: 't1', name: LABEL }],
        completed: false,
        created_at: '2027-01-01T09:00:00.000Z',
        modified_at: '2027-01-02T09:00:00.000Z',
      }),
      defaultAsanaSettings,
    );
    for (const task of [jira, trello, asana]) {
      expect(task.title, task.tracker).toBe(CLEAN_TITLE);
      expect(task.labels, task.tracker).toEqual([CLEAN_LABEL]);
      expect(JSON.stringify(task), task.tracker).not.toMatch(/\\u0000|\\ud800/);
    }
    expect([jira.status, trello.status]).toEqual(['To Do', 'Doing']);
  });
});
