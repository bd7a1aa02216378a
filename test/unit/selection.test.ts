import { describe, expect, it } from 'vitest';
import { matches, selectTasks } from '../../src/core/selection.ts';

const jira = (id: string, facets: Record<string, string[]>) => ({ id, tracker: 'jira' as const, facets });
const trello = (id: string, facets: Record<string, string[]>) => ({ id, tracker: 'trello' as const, facets });
const asana = (id: string, facets: Record<string, string[]>) => ({ id, tracker: 'asana' as const, facets });

describe('deliverable selectors', () => {
  it('match any listed value of the task’s own tracker only', () => {
    expect(matches({ jira: { epicKeys: ['PAY-1'] } }, jira('a', { epic: ['PAY-1'] }))).toBe(true);
    expect(matches({ jira: { labels: ['x'] } }, jira('a', { label: ['y'] }))).toBe(false);
    expect(matches({ jira: { labels: ['x'] } }, trello('a', { label: ['x'] }))).toBe(false);
    expect(matches({ trello: { listIds: ['L1'] } }, trello('a', { list: ['L1', 'Doing'] }))).toBe(true);
    expect(
      matches(
        { asana: { customField: { gid: '9', values: ['Phase 2'] } } },
        asana('a', { 'cf:9': ['Phase 2'] }),
      ),
    ).toBe(true);
    expect(matches({}, jira('a', { epic: ['PAY-1'] }))).toBe(false);
  });

  it('assigns a task to at most one deliverable and reports conflicts across trackers', () => {
    const result = selectTasks(
      [
        { id: 'd1', selector: { jira: { epicKeys: ['PAY-1'] }, trello: { labels: ['checkout'] } } },
        { id: 'd2', selector: { jira: { labels: ['shared'] }, asana: { sectionGids: ['S1'] } } },
      ],
      [
        jira('t1', { epic: ['PAY-1'] }),
        trello('t2', { label: ['checkout'] }),
        asana('t3', { section: ['S1'] }),
        jira('t4', { epic: ['PAY-1'], label: ['shared'] }),
        jira('t5', { label: ['other'] }),
      ],
    );
    expect(Object.fromEntries(result.assignments)).toEqual({ t1: 'd1', t2: 'd1', t3: 'd2' });
    expect(result.conflicts).toEqual([{ taskId: 't4', deliverableIds: ['d1', 'd2'] }]);
  });
});
