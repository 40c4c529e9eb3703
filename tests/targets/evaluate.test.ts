import { describe, expect, it } from 'vitest';
import { meetsTarget, targetStatus, targetValue } from '../../src/targets/evaluate.js';
import type { Target } from '../../src/targets/schema.js';

// A hand-made yearly series: 2020 100, 2021 110, 2022 121, 2023 133.1 (10 % a year).
const series: Record<number, number> = { 2020: 100, 2021: 110, 2022: 121, 2023: 133.1 };
const at = (y: number) => series[y];
const target = (t: Partial<Target>): Target => ({
  id: 't',
  label: 't',
  metric: 'value_added',
  kind: 'level',
  from: 2020,
  year: 2023,
  bound: 'at_least',
  goal: 0,
  confidence: 0.9,
  ...t,
});

describe('targetValue', () => {
  it('level: the value in the year', () => {
    expect(targetValue(target({ kind: 'level', year: 2022 }), at)).toBe(121);
  });
  it('cumulative: the sum from `from` to `year` (110 + 121 + 133.1 = 364.1)', () => {
    expect(targetValue(target({ kind: 'cumulative', from: 2021 }), at)).toBeCloseTo(364.1, 12);
  });
  it('cagr: (133.1 / 100)^(1/3) − 1 = 10 %', () => {
    expect(targetValue(target({ kind: 'cagr' }), at)).toBeCloseTo(0.1, 12);
  });
  it('change: 133.1 / 100 − 1 = 33.1 %', () => {
    expect(targetValue(target({ kind: 'change' }), at)).toBeCloseTo(0.331, 12);
  });
  it('within_budget: the tightest year of the span — the smallest for at_least (110 from 2021), the largest for at_most (133.1)', () => {
    expect(targetValue(target({ kind: 'within_budget', from: 2021 }), at)).toBe(110);
    expect(targetValue(target({ kind: 'within_budget', from: 2021, bound: 'at_most' }), at)).toBe(133.1);
    // a year without a value fails the span
    expect(targetValue(target({ kind: 'within_budget', from: 2021 }), (y) => (y === 2022 ? Number.NaN : at(y)))).toBeNaN();
  });
});

describe('meetsTarget and targetStatus', () => {
  it('at_least and at_most, bounds inclusive; NaN never meets', () => {
    expect(meetsTarget(target({ goal: 121 }), 121)).toBe(true);
    expect(meetsTarget(target({ goal: 121 }), 120.9)).toBe(false);
    expect(meetsTarget(target({ bound: 'at_most', goal: -0.16 }), -0.2)).toBe(true);
    expect(meetsTarget(target({ bound: 'at_most', goal: -0.16 }), -0.1)).toBe(false);
    expect(meetsTarget(target({ goal: 0 }), Number.NaN)).toBe(false);
  });
  it('met at the confidence, at risk from one half, missed below', () => {
    expect(targetStatus(0.9, 0.9)).toBe('met');
    expect(targetStatus(0.89, 0.9)).toBe('at_risk');
    expect(targetStatus(0.5, 0.9)).toBe('at_risk');
    expect(targetStatus(0.49, 0.9)).toBe('missed');
  });
});
