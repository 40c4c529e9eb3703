import type { Target } from './schema.js';

/** Outcome of a target over the draws (DESIGN §3). */
export type TargetStatus = 'met' | 'at_risk' | 'missed';

/**
 * Returns a target's value for one draw from its metric's yearly series (`valueIn(year)`):
 * `level` the value in `year`; `cumulative` the sum from `from` to `year`; `cagr` the average
 * annual growth (v_year / v_from)^(1 / (year − from)) − 1; `change` v_year / v_from − 1;
 * `within_budget` the tightest year from `from` to `year` (the smallest value for `at_least`, the
 * largest for `at_most`), so the goal is met only when it holds in every year.
 */
export function targetValue(t: Target, valueIn: (year: number) => number): number {
  switch (t.kind) {
    case 'level':
      return valueIn(t.year);
    case 'cumulative': {
      let s = 0;
      for (let y = t.from; y <= t.year; y++) s += valueIn(y);
      return s;
    }
    case 'cagr':
      return Math.pow(valueIn(t.year) / valueIn(t.from), 1 / (t.year - t.from)) - 1;
    case 'change':
      return valueIn(t.year) / valueIn(t.from) - 1;
    case 'within_budget': {
      let worst = valueIn(t.from);
      for (let y = t.from + 1; y <= t.year; y++) {
        const v = valueIn(y);
        if (Number.isNaN(v) || (t.bound === 'at_least' ? v < worst : v > worst)) worst = v;
        if (Number.isNaN(worst)) return worst;
      }
      return worst;
    }
  }
}

/** Tells whether a draw's value meets the goal (a NaN never does). */
export function meetsTarget(t: Target, value: number): boolean {
  return t.bound === 'at_least' ? value >= t.goal : value <= t.goal;
}

/** Status by the share of draws that meet the target: met (≥ confidence), at risk (≥ 0.5), missed. */
export function targetStatus(probability: number, confidence: number): TargetStatus {
  return probability >= confidence ? 'met' : probability >= 0.5 ? 'at_risk' : 'missed';
}
