import { describe, expect, it } from 'vitest';
import { checkCriteria, type EvidenceTask, isOverride, pushBackTargets } from '../../src/core/decision.ts';
import { toCsv, wantsCsv } from '../../src/http/csv.ts';
import { requestHash } from '../../src/services/idempotency.ts';

const CRITERIA = ['Documented', 'Audited'];

const task = (connectionId: string, externalId: string, parent: string | null = null): EvidenceTask => ({
  id: `tsk_${connectionId}_${externalId}`,
  connectionId,
  tracker: 'jira',
  externalId,
  key: `K-${externalId}`,
  title: externalId,
  url: `https://x/${externalId}`,
  statusCategory: 'done',
  status: 'Done',
  cancelled: false,
  blocked: false,
  assignee: null,
  parentExternalId: parent,
  estimate: null,
  completedAt: null,
  updatedAt: '2027-03-01T00:00:00.000Z',
});

describe('checkCriteria', () => {
  it('accepts a partial list of known criteria, each once', () => {
    expect(
      checkCriteria({ decision: 'accept', criteria: [{ criterion: 'Audited', met: true }] }, CRITERIA),
    ).toEqual([]);
  });
  it('names unknown and repeated criteria by their index', () => {
    const errors = checkCriteria(
      {
        decision: 'accept',
        criteria: [
          { criterion: 'Audited', met: true },
          { criterion: 'Audited', met: true },
          { criterion: 'Fast', met: true },
        ],
      },
      CRITERIA,
    );
    expect(errors.map((e) => e.path)).toEqual(['body.criteria.1.criterion', 'body.criteria.2.criterion']);
  });
  it('needs override to accept with an unmet criterion, and a reason to reject', () => {
    const unmet = [{ criterion: 'Audited', met: false }];
    expect(checkCriteria({ decision: 'accept', criteria: unmet }, CRITERIA).map((e) => e.path)).toEqual([
      'body.criteria',
    ]);
    expect(checkCriteria({ decision: 'accept', criteria: unmet, override: true }, CRITERIA)).toEqual([]);
    expect(checkCriteria({ decision: 'reject' }, CRITERIA).map((e) => e.path)).toEqual(['body.note']);
    expect(checkCriteria({ decision: 'reject', note: '  ' }, CRITERIA).map((e) => e.path)).toEqual([
      'body.note',
    ]);
    expect(checkCriteria({ decision: 'reject', note: 'Contrast' }, CRITERIA)).toEqual([]);
    expect(checkCriteria({ decision: 'reject', criteria: unmet }, CRITERIA)).toEqual([]);
  });
});

describe('isOverride', () => {
  it('is an override only when something was overridden', () => {
    expect(isOverride({ decision: 'accept', override: true }, 'ready_for_review')).toBe(false);
    expect(isOverride({ decision: 'accept', override: true }, 'in_progress')).toBe(true);
    expect(
      isOverride(
        { decision: 'accept', override: true, criteria: [{ criterion: 'a', met: false }] },
        'ready_for_review',
      ),
    ).toBe(true);
    expect(isOverride({ decision: 'reject', override: true }, 'ready_for_review')).toBe(false);
  });
});

describe('pushBackTargets', () => {
  it('one per task, per connection, when nothing is shared', () => {
    expect(pushBackTargets([task('a', '1'), task('a', '2'), task('b', '3')])).toEqual([
      { connectionId: 'a', externalId: '1', key: 'K-1' },
      { connectionId: 'a', externalId: '2', key: 'K-2' },
      { connectionId: 'b', externalId: '3', key: 'K-3' },
    ]);
  });
  it('the shared parent alone: two children, or the parent among the tasks', () => {
    expect(pushBackTargets([task('a', '1', 'E'), task('a', '2', 'E')])).toEqual([
      { connectionId: 'a', externalId: 'E', key: null },
    ]);
    expect(pushBackTargets([task('a', 'E'), task('a', '1', 'E')])).toEqual([
      { connectionId: 'a', externalId: 'E', key: 'K-E' },
    ]);
  });
  it('each task when one child alone, two parents, or a task outside the parent', () => {
    expect(pushBackTargets([task('a', '1', 'E')])).toHaveLength(1);
    expect(pushBackTargets([task('a', '1', 'E')])[0]?.externalId).toBe('1');
    expect(pushBackTargets([task('a', '1', 'E'), task('a', '2', 'F')])).toHaveLength(2);
    expect(pushBackTargets([task('a', '1', 'E'), task('a', '2', 'E'), task('a', '3')])).toHaveLength(3);
  });
});

describe('CSV and request fingerprints', () => {
  it('quotes every field per RFC 4180 and defuses formulas in text cells', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=1+1', -5],
          [null, 'line\nbreak'],
        ],
      ),
    ).toBe('"a","b"\r\n"x,y","say ""hi"""\r\n"\'=1+1","-5"\r\n"","line\nbreak"\r\n');
  });
  it('serves CSV when text/csv comes before JSON', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('text/csv;q=0.9, application/json')).toBe(true);
    expect(wantsCsv('application/json, text/csv')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
    expect(wantsCsv('*/*')).toBe(false);
  });
  it('fingerprints the body independently of key order', () => {
    const a = requestHash('POST', '/v1/x', { a: 1, b: [1, { c: 2, d: 3 }] });
    expect(requestHash('POST', '/v1/x', { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(a);
    expect(requestHash('POST', '/v1/y', { a: 1, b: [1, { c: 2, d: 3 }] })).not.toBe(a);
  });
});
