import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commissionFen, savingsFen } from '#domain/money.ts';

// docs/rules.md "Commission and savings": county store 4,500 yuan, online 3,900, merchant cost 3,700.
const aircon = { localStorePriceFen: 450_000, onlinePriceFen: 390_000, merchantCostFen: 370_000 };

describe('the air conditioner example', () => {
  test('the villager saves 600 yuan; the margin is 200 yuan', () => {
    expect(savingsFen(aircon, 1)).toBe(60_000);
    expect(commissionFen(aircon, 1, 10_000)).toBe(20_000);
  });

  test.each([
    [10_000, 20_000],
    [5_000, 10_000],
    [3_000, 6_000],
    [2_500, 5_000],
    [1_234, 2_468],
    [1, 2],
    [0, 0],
  ])('a share of %i bp earns %i fen', (bp, expected) => {
    expect(commissionFen(aircon, 1, bp)).toBe(expected);
  });
});

describe('rounding: always down to the fen, on the line (not per unit)', () => {
  test('odd margins, quantities and shares', () => {
    const odd = { localStorePriceFen: 1_000, onlinePriceFen: 999, merchantCostFen: 666 }; // margin 333
    expect(commissionFen(odd, 1, 3_333)).toBe(110); // 110.9889 → 110
    expect(commissionFen(odd, 3, 3_333)).toBe(332); // 332.9667 → 332, not 3 × 110
    expect(commissionFen(odd, 7, 1)).toBe(0); // 0.2331 → 0
    expect(commissionFen({ ...odd, merchantCostFen: 998 }, 99, 9_999)).toBe(98); // margin 1: 98.99 → 98
  });

  test('no margin, or a loss, earns nothing; no saving when online is dearer', () => {
    expect(commissionFen({ localStorePriceFen: 0, onlinePriceFen: 500, merchantCostFen: 500 }, 5, 10_000)).toBe(0);
    expect(commissionFen({ localStorePriceFen: 0, onlinePriceFen: 500, merchantCostFen: 900 }, 5, 10_000)).toBe(0);
    expect(savingsFen({ localStorePriceFen: 400, onlinePriceFen: 500, merchantCostFen: 0 }, 3)).toBe(0);
  });

  test('exact where doubles would not be: huge prices, quantities and shares', () => {
    const big = { localStorePriceFen: 0, onlinePriceFen: 10_000_000_000, merchantCostFen: 1 };
    // 9,999,999,999 × 99 × 9,999 / 10,000 = 989,900,999,901.0099… → 989,900,999,901
    expect(commissionFen(big, 99, 9_999)).toBe(989_900_999_901);
  });

  test('property: equals the formula computed in BigInt, and never exceeds the margin', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 10_000 }),
        (online, cost, qty, bp) => {
          const c = commissionFen({ onlinePriceFen: online, merchantCostFen: cost, localStorePriceFen: 0 }, qty, bp);
          const margin = BigInt(Math.max(0, online - cost));
          expect(BigInt(c)).toBe((margin * BigInt(qty) * BigInt(bp)) / 10_000n);
          expect(BigInt(c) <= margin * BigInt(qty)).toBe(true);
          expect(Number.isSafeInteger(c)).toBe(true);
        },
      ),
    );
  });
});
