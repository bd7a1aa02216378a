import { describe, expect, it } from 'vitest';
import { decisionComment } from '../../adapters/trello/trello.decision.ts';
import { mdLines, mdLink, mdText } from '../../src/core/markdown.ts';
import { decisionMarker } from '../../src/core/tracker.ts';
import { csvCell } from '../../src/http/csv.ts';

describe('tracker and user text in Markdown', () => {
  it('escapes raw HTML, links, images, emphasis and table pipes; keeps snake_case words', () => {
    expect(mdText('<b>x</b> & [a](javascript:alert(1)) ![i](https://e.example/p.png)')).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; \\[a\\](javascript:alert(1)) !\\[i\\](https://e.example/p.png)',
    );
    expect(mdText('*bold* _em_ `code` a|b ~~s~~ #1')).toBe(
      '\\*bold\\* \\_em\\_ \\`code\\` a\\|b \\~\\~s\\~\\~ \\#1',
    );
    expect(mdText('ready_for_review')).toBe('ready_for_review');
    expect(mdText('one\ntwo\r\nthree\u0000\u202e')).toBe('one two three  ');
  });

  it('keeps a line start from opening a list, heading or code block', () => {
    expect(mdLines('- item\n1. first\n    code\n===\n> quote')).toEqual([
      '\\- item',
      '1\\. first',
      'code',
      '\\===',
      '&gt; quote',
    ]);
  });

  it('links only http(s) URLs, encoded so they cannot close the link early', () => {
    expect(mdLink('P-1', 'javascript:alert(1)').markdown).toBe('P-1');
    expect(mdLink('P-1', 'data:text/html,<b>').markdown).toBe('P-1');
    expect(mdLink('P-1', null).markdown).toBe('P-1');
    expect(mdLink('P-[1]', 'https://x.example/a b)(c').markdown).toBe(
      '[P-\\[1\\]](https://x.example/a%20b%29%28c)',
    );
  });

  it('escapes the title, names, note and criteria of a Trello decision comment, not its marker', () => {
    const text = decisionComment({
      decisionId: 'dec_1',
      decision: 'reject',
      deliverableTitle: '<img src=x onerror=alert(1)>',
      decidedBy: '[me](javascript:x)',
      decidedAt: '2027-04-03T10:00:00.000Z',
      note: 'line one\n# heading\n![p](https://e.example/p.png)',
      criteria: [{ criterion: '**all**', met: false, comment: '<script>' }],
    });
    expect(text).toContain('— &lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('Decided by \\[me\\](javascript:x) on');
    expect(text).toContain('> line one\n> \\# heading\n> !\\[p\\](https://e.example/p.png)');
    expect(text).toContain('- [not met] \\*\\*all\\*\\* — &lt;script&gt;');
    expect(text.endsWith(`\n\n${decisionMarker('dec_1')}`)).toBe(true);
  });
});

describe('CSV cells (OWASP CSV injection)', () => {
  it('neutralises a trigger at the start or after a separator or quote, quotes every field', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('\t=1')).toBe(`"'\t'=1"`);
    expect(csvCell('Go-live;=cmd')).toBe(`"Go-live;'=cmd"`);
    expect(csvCell('a, @SUM(A1)')).toBe(`"a, '@SUM(A1)"`);
    expect(csvCell('say "=x"')).toBe(`"say ""'=x"""`);
    expect(csvCell('Kick-off 2027-03-01')).toBe('"Kick-off 2027-03-01"');
    expect(csvCell(-500)).toBe('"-500"');
    expect(csvCell(null)).toBe('""');
  });
});
