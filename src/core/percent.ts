/**
 * Progress as a whole percent for people: rounded down, so that 99.6 % of the work done is never
 * shown as 100 %. The one rule of every place Jalon writes a percent: the Markdown report, the demo, and the dashboard (ui/js
 * format.js `percentOf` is this function in the browser's plain JavaScript; test/unit/percent.test.ts
 * holds the two equal).
 */
export function wholePercent(ratio: number): number {
  // 1e-9 absorbs binary noise: 0.29 × 100 is 28.999999999999996 and must read 29.
  return Math.floor(Math.min(1, Math.max(0, ratio)) * 100 + 1e-9);
}
