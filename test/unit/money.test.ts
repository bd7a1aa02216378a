import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../src/core/errors.ts';
import {
  computeSettlement,
  MAX_AMOUNT_MINOR,
  roundHalfAwayFromZero,
  type SettlementInput,
} from '../../src/core/money.ts';

const amount = fc.bigInt({ min: 0n, max: BigInt(MAX_AMOUNT_MINOR) }).map(Number);
const bps = fc.integer({ min: 0, max: 10_000 });
const latePenalty = fc.record({ bpsPerDay: bps, graceDays: fc.integer({ min: 0, max: 3650 }), capBps: bps });
const earlyBonus = fc.record({ bpsPerDay: bps, capBps: bps });
const settlementInput: fc.Arbitrary<SettlementInput> = fc.record({
  amountMinor: amount,
  lateness: fc.integer({ min: -5000, max: 5000 }),
  latePenalty: fc.option(latePenalty, { nil: undefined }),
  earlyBonus: fc.option(earlyBonus, { nil: undefined }),
  retentionBps: fc.option(bps, { nil: undefined }),
});

/** round(amount × bps / 10000) by an independent route: the remainder against half the divisor. */
function capOf(amountMinor: number, capBps: number): bigint {
  const product = BigInt(amountMinor) * BigInt(capBps);
  return product / 10_000n + (product % 10_000n >= 5_000n ? 1n : 0n);
}

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [7n, 2n, 4n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-1n, 3n, 0n],
    [-2n, 3n, -1n],
    [0n, 7n, 0n],
    [15_000n, 10_000n, 2n],
    [14_999n, 10_000n, 1n],
    [-15_000n, 10_000n, -2n],
    [-14_999n, 10_000n, -1n],
    [10n ** 30n + 5n, 10n, 10n ** 29n + 1n],
  ])('%s / %s rounds to %s', (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('is the nearest integer, ties away from zero, and odd-symmetric', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), nonZero, (n, d) => {
        const r = roundHalfAwayFromZero(n, d);
        const absD = d < 0n ? -d : d;
        const gap = n - r * d; // n/d − r, scaled by d
        const absGap = gap < 0n ? -gap : gap;
        expect(2n * absGap <= absD).toBe(true);
        if (2n * absGap === absD) expect(r < 0n ? -r : r).toBeGreaterThan(n / d < 0n ? -(n / d) : n / d);
        expect(roundHalfAwayFromZero(-n, d)).toBe(-r);
      }),
    );
  });
});

describe('computeSettlement: the Money rule', () => {
  it('computes the worked example: 3 days late past grace, retention on the gross', () => {
    const s = computeSettlement({
      amountMinor: 1_000_000,
      lateness: 5,
      latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
      retentionBps: 500,
    });
    expect(s).toEqual({
      daysLateRaw: 5,
      daysLate: 3,
      daysCharged: 3,
      daysEarly: 0,
      penaltyMinor: 15_000,
      bonusMinor: 0,
      retentionMinor: 50_000,
      netMinor: 935_000,
    });
  });

  it('caps the penalty and the bonus', () => {
    const late = computeSettlement({
      amountMinor: 1_000_000,
      lateness: 400,
      latePenalty: { bpsPerDay: 50, graceDays: 0, capBps: 1000 },
    });
    expect(late.penaltyMinor).toBe(100_000);
    const early = computeSettlement({
      amountMinor: 1_000_000,
      lateness: -4,
      earlyBonus: { bpsPerDay: 25, capBps: 75 },
    });
    expect(early).toMatchObject({ daysEarly: 4, bonusMinor: 7_500, netMinor: 1_007_500 });
  });

  it('charges nothing within the grace period and pays no bonus on the due date', () => {
    const terms = {
      latePenalty: { bpsPerDay: 100, graceDays: 3, capBps: 2000 },
      earlyBonus: { bpsPerDay: 10, capBps: 100 },
    };
    expect(computeSettlement({ amountMinor: 500_000, lateness: 3, ...terms })).toMatchObject({
      daysLate: 0,
      penaltyMinor: 0,
    });
    expect(computeSettlement({ amountMinor: 500_000, lateness: 0, ...terms })).toMatchObject({
      daysLate: 0,
      daysEarly: 0,
      penaltyMinor: 0,
      bonusMinor: 0,
      netMinor: 500_000,
    });
  });

  it('tells the days late before grace from the days charged after it', () => {
    // The demo's case: accepted 4 days late, 2 grace days: 2 days charged, not "2 days late".
    expect(
      computeSettlement({
        amountMinor: 1_000_000,
        lateness: 4,
        latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
      }),
    ).toMatchObject({ daysLateRaw: 4, daysLate: 2, daysCharged: 2, penaltyMinor: 10_000 });
    expect(
      computeSettlement({
        amountMinor: 1_000_000,
        lateness: 1,
        latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
      }),
    ).toMatchObject({ daysLateRaw: 1, daysLate: 0, daysCharged: 0, penaltyMinor: 0 });
    expect(computeSettlement({ amountMinor: 100, lateness: -3 })).toMatchObject({
      daysLateRaw: 0,
      daysEarly: 3,
    });
  });

  it('reports days late without a penalty rule, at no cost', () => {
    expect(computeSettlement({ amountMinor: 100, lateness: 4 })).toMatchObject({
      daysLate: 4,
      daysLateRaw: 4,
      daysCharged: 0,
      penaltyMinor: 0,
      netMinor: 100,
    });
  });

  it('rounds once, half away from zero, to the minor unit', () => {
    // 1 × 5000 / 10000 = 0.5 → 1; 3 × 5 bps = 0.0015 → 0; 15 × 3333 / 10000 = 4.9995 → 5
    expect(computeSettlement({ amountMinor: 1, lateness: 0, retentionBps: 5000 }).retentionMinor).toBe(1);
    expect(computeSettlement({ amountMinor: 3, lateness: 0, retentionBps: 5 }).retentionMinor).toBe(0);
    expect(computeSettlement({ amountMinor: 15, lateness: 0, retentionBps: 3333 }).retentionMinor).toBe(5);
  });

  it('is exact near 10^15 where a double is not', () => {
    // 999999999999997 × 5000 / 10000 = 499999999999998.5: a tie, rounded up. In doubles it rounds down.
    const amountMinor = 999_999_999_999_997;
    expect(Math.round((amountMinor * 5000) / 10_000)).toBe(499_999_999_999_998);
    expect(computeSettlement({ amountMinor, lateness: 0, retentionBps: 5000 }).retentionMinor).toBe(
      499_999_999_999_999,
    );
    const s = computeSettlement({
      amountMinor: 999_999_999_999_998,
      lateness: 1,
      latePenalty: { bpsPerDay: 7777, graceDays: 0, capBps: 10_000 },
    });
    expect(s.penaltyMinor).toBe(777_699_999_999_998); // 777699999999998.4446
    const top = computeSettlement({
      amountMinor: MAX_AMOUNT_MINOR,
      lateness: -1,
      earlyBonus: { bpsPerDay: 10_000, capBps: 10_000 },
    });
    expect(top.netMinor).toBe(2 * MAX_AMOUNT_MINOR);
  });

  it('keeps net + penalty + retention = amount + bonus, exactly', () => {
    fc.assert(
      fc.property(settlementInput, (input) => {
        const s = computeSettlement(input);
        expect(BigInt(s.netMinor) + BigInt(s.penaltyMinor) + BigInt(s.retentionMinor)).toBe(
          BigInt(input.amountMinor) + BigInt(s.bonusMinor),
        );
        for (const v of Object.values(s)) expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });

  it('keeps penalty and bonus between 0 and their caps, and never both at once', () => {
    fc.assert(
      fc.property(settlementInput, (input) => {
        const s = computeSettlement(input);
        expect(s.penaltyMinor).toBeGreaterThanOrEqual(0);
        expect(s.bonusMinor).toBeGreaterThanOrEqual(0);
        expect(BigInt(s.penaltyMinor)).toBeLessThanOrEqual(
          capOf(input.amountMinor, input.latePenalty?.capBps ?? 0),
        );
        expect(BigInt(s.bonusMinor)).toBeLessThanOrEqual(
          capOf(input.amountMinor, input.earlyBonus?.capBps ?? 0),
        );
        expect(s.penaltyMinor > 0 && s.bonusMinor > 0).toBe(false);
        expect(s.daysLate > 0 && s.daysEarly > 0).toBe(false);
      }),
    );
  });

  it('matches the formula computed independently for every figure', () => {
    fc.assert(
      fc.property(settlementInput, (input) => {
        const s = computeSettlement(input);
        const grace = input.latePenalty?.graceDays ?? 0;
        const daysLate = Math.max(0, input.lateness - grace);
        const daysEarly = Math.max(0, -input.lateness);
        const p = input.latePenalty;
        const b = input.earlyBonus;
        expect(s.daysLate).toBe(daysLate);
        expect(s.daysEarly).toBe(daysEarly);
        expect(BigInt(s.penaltyMinor)).toBe(
          p ? capOf(input.amountMinor, Math.min(p.bpsPerDay * daysLate, p.capBps)) : 0n,
        );
        expect(BigInt(s.bonusMinor)).toBe(
          b ? capOf(input.amountMinor, Math.min(b.bpsPerDay * daysEarly, b.capBps)) : 0n,
        );
        expect(BigInt(s.retentionMinor)).toBe(capOf(input.amountMinor, input.retentionBps ?? 0));
      }),
    );
  });

  it('never pays less than nothing when cap + retention stay within 100 %, save one unit on a double tie', () => {
    const terms = fc
      .tuple(bps, bps)
      .filter(([cap, retention]) => cap + retention <= 10_000)
      .chain(([cap, retention]) =>
        fc.record({
          amountMinor: amount,
          lateness: fc.integer({ min: 0, max: 5000 }),
          latePenalty: fc.record({ bpsPerDay: bps, graceDays: fc.constant(0), capBps: fc.constant(cap) }),
          retentionBps: fc.constant(retention),
        }),
      );
    fc.assert(
      fc.property(terms, (input) => {
        expect(computeSettlement(input).netMinor).toBeGreaterThanOrEqual(-1);
      }),
    );
    // amount 1, penalty 50 % and retention 50 %: each rounds 0.5 up, so the net is −1.
    const tie = { bpsPerDay: 5000, graceDays: 0, capBps: 5000 };
    expect(
      computeSettlement({ amountMinor: 1, lateness: 1, latePenalty: tie, retentionBps: 5000 }).netMinor,
    ).toBe(-1);
  });
});

describe('computeSettlement: validation', () => {
  const fieldsOf = (input: SettlementInput): string[] => {
    try {
      computeSettlement(input);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailed);
      return (e as ValidationFailed).errors.map((x) => x.path);
    }
  };

  it.each([
    [{ amountMinor: -1, lateness: 0 }, ['amountMinor']],
    [{ amountMinor: 1.5, lateness: 0 }, ['amountMinor']],
    [{ amountMinor: Number.NaN, lateness: 0 }, ['amountMinor']],
    [{ amountMinor: MAX_AMOUNT_MINOR + 1, lateness: 0 }, ['amountMinor']],
    [{ amountMinor: 10, lateness: 0.5 }, ['lateness']],
    [{ amountMinor: 10, lateness: 0, retentionBps: 10_001 }, ['retentionBps']],
    [{ amountMinor: 10, lateness: 0, retentionBps: -1 }, ['retentionBps']],
    [
      { amountMinor: 10, lateness: 0, latePenalty: { bpsPerDay: -1, graceDays: 1.5, capBps: 20_000 } },
      ['latePenalty.bpsPerDay', 'latePenalty.graceDays', 'latePenalty.capBps'],
    ],
    [
      { amountMinor: 10, lateness: 0, earlyBonus: { bpsPerDay: 0.1, capBps: 10_001 } },
      ['earlyBonus.bpsPerDay', 'earlyBonus.capBps'],
    ],
  ] as [SettlementInput, string[]][])('refuses %j naming %j', (input, paths) => {
    expect(fieldsOf(input)).toEqual(paths);
  });

  it('accepts the bounds 0 and 10000 bps and amounts 0 and 10^15', () => {
    expect(fieldsOf({ amountMinor: 0, lateness: 0, retentionBps: 10_000 })).toEqual([]);
    expect(fieldsOf({ amountMinor: MAX_AMOUNT_MINOR, lateness: 0, retentionBps: 0 })).toEqual([]);
  });
});
