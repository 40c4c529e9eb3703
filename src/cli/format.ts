import { groupedFixed } from '../domain/number-text.js';

/** Formats a number with grouping and a fixed number of decimals (terminal and reports). */
export function fmt(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '–';
  return groupedFixed(x, decimals);
}

/** Formats a fraction as a percentage: 0.2331 → "23.3 %". */
export function pct(x: number, decimals = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(decimals)} %` : '–';
}
