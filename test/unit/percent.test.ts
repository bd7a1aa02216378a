import { describe, expect, it } from 'vitest';
import { wholePercent } from '../../src/core/percent.ts';

// The dashboard's plain-JavaScript copy of the rule (the browser loads it without a build step);
// ui/ is type-checked by its own tsconfig, so it is typed here by hand.
const { percentOf } = (await import('../../ui/js/format.js' as string)) as {
  percentOf: (ratio: number) => number;
};

describe('wholePercent: the one rounding of progress', () => {
  it('rounds down, so that nearly done is not shown done', () => {
    expect(wholePercent(0.996)).toBe(99);
    expect(wholePercent(1)).toBe(100);
    expect(wholePercent(0.29)).toBe(29);
    expect(wholePercent(0)).toBe(0);
    expect(wholePercent(1.2)).toBe(100);
  });

  it('is what the dashboard shows, for every ratio of up to four decimals', () => {
    for (let i = 0; i <= 10_000; i++) expect(percentOf(i / 10_000)).toBe(wholePercent(i / 10_000));
  });
});
