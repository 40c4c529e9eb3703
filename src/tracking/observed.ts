import { notAfter } from '../actuals/period.js';
import type { Observation, Period } from '../actuals/types.js';

/** The observations of one series (metric id or tracked indicator id) at district scope, up to `asOf`. */
export function seriesOf(values: readonly Observation[], metric: string, tracked: boolean, asOf: Period): Observation[] {
  return values.filter((o) => o.metric === metric && o.tracked === tracked && o.scope === 'district' && notAfter(o.period, asOf));
}

/**
 * A flow's amount in `year` from January to the end of month `month` (1–12), from the year's
 * observations: the annual value when `month` is 12 and the year is observed; else the sum of the
 * months 1…month when every one is observed, else of the quarters when `month` ends a quarter and
 * every quarter up to it is observed. Undefined when the observations do not cover the span:
 * nothing is invented.
 */
export function flowToDate(series: readonly Observation[], year: number, month: number): number | undefined {
  const inYear = series.filter((o) => o.period.year === year);
  if (month === 12) {
    const annual = inYear.find((o) => o.period.kind === 'year');
    if (annual) return annual.value;
  }
  const sum = (kind: Period['kind'], ends: number[]) => {
    let s = 0;
    for (const m of ends) {
      const o = inYear.find((x) => x.period.kind === kind && x.period.month === m);
      if (!o) return undefined;
      s += o.value;
    }
    return s;
  };
  const months = sum(
    'month',
    Array.from({ length: month }, (_, i) => i + 1),
  );
  if (months !== undefined) return months;
  if (month % 3 === 0)
    return sum(
      'quarter',
      Array.from({ length: month / 3 }, (_, i) => 3 * (i + 1)),
    );
  return undefined;
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
