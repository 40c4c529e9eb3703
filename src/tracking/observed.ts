import { notAfter } from '../actuals/period.js';
import type { Observation, Period } from '../actuals/types.js';

/** The observations of one series (metric id or tracked indicator id) at district scope, up to `asOf`. */
export function seriesOf(values: readonly Observation[], metric: string, tracked: boolean, asOf: Period): Observation[] {
  return values.filter((o) => o.metric === metric && o.tracked === tracked && o.scope === 'district' && notAfter(o.period, asOf));
}

/**
 * A flow's amount in `year` from January to the end of month `month` (1–12), from the year's
 * observations: the annual value when `month` is 12 and the year is observed; else quarter by
 * quarter, its months where every one up to `month` is observed, else the quarter's own value
 * when the quarter ends by `month` (so 2023-Q1, 2023-Q2, 2023-07, 2023-08, 2023-09 give the
 * amount to September). Undefined when the observations do not cover the span: nothing is invented.
 */
export function flowToDate(series: readonly Observation[], year: number, month: number): number | undefined {
  const inYear = series.filter((o) => o.period.year === year);
  if (month === 12) {
    const annual = inYear.find((o) => o.period.kind === 'year');
    if (annual) return annual.value;
  }
  const find = (kind: Period['kind'], m: number) => inYear.find((x) => x.period.kind === kind && x.period.month === m);
  let total = 0;
  for (let q = 1; 3 * q - 2 <= month; q++) {
    const months = [3 * q - 2, 3 * q - 1, 3 * q].filter((m) => m <= month).map((m) => find('month', m));
    const quarter = 3 * q <= month ? find('quarter', 3 * q) : undefined;
    if (months.every((o) => o !== undefined)) total += months.reduce((a, o) => a + o!.value, 0);
    else if (quarter) total += quarter.value;
    else return undefined;
  }
  return total;
}

/**
 * A level's year-to-date value at the end of month `month` of `year` (a level observed for a
 * sub-annual period is year-to-date): the observation whose period ends that month (the annual
 * one for December). Undefined when none does.
 */
export function levelToDate(series: readonly Observation[], year: number, month: number): number | undefined {
  const at = series.filter((o) => o.period.year === year && o.period.month === month);
  return (at.find((o) => o.period.kind === 'year') ?? at.find((o) => o.period.kind === 'month') ?? at[0])?.value;
}

/** The latest month of `year` up to `lastMonth` to which a flow's amount is observed, with the amount. */
export function latestFlow(series: readonly Observation[], year: number, lastMonth: number): { month: number; value: number } | undefined {
  for (let m = lastMonth; m >= 1; m--) {
    const v = flowToDate(series, year, m);
    if (v !== undefined) return { month: m, value: v };
  }
  return undefined;
}
