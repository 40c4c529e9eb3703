import type { FitSeriesPoint } from './series.js';
import { displayWidth } from '../domain/text-width.js';

/** One row of calibrate's fit table. */
export interface CalibrationRow {
  readonly metric: string;
  readonly scope: string;
  readonly year: number;
  readonly observed: number;
  /** Mean over the draws of the scenario as it is (recorded actions replayed, no observed value matched). */
  readonly before: number;
  /** The same with the fitted values. */
  readonly after: number;
  /** before ÷ observed − 1 and after ÷ observed − 1. */
  readonly errorBefore: number;
  readonly errorAfter: number;
  readonly source: string;
}

/** The fit table's rows: each point with its mean before and after the fit. */
export function calibrationRows(points: readonly FitSeriesPoint[], before: readonly number[], after: readonly number[]): CalibrationRow[] {
  return points.map((p, i) => ({
    metric: p.metric,
    scope: p.scope,
    year: p.year,
    observed: p.observed,
    before: before[i],
    after: after[i],
    errorBefore: before[i] / p.observed - 1,
    errorAfter: after[i] / p.observed - 1,
    source: p.source,
  }));
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const signedPct = (r: number) => `${r >= 0 ? '+' : '−'}${Math.abs(r * 100).toFixed(2)} %`;

/** The fit table as aligned text lines (stdout, and the header comment of calibrated.yaml). */
export function fitTableLines(rows: readonly CalibrationRow[], lang: 'zh' | 'en' = 'en'): string[] {
  const head =
    lang === 'zh'
      ? ['指标', '范围', '年份', '实际值', '校准前', '校准后', '校准前误差', '校准后误差']
      : ['metric', 'scope', 'year', 'observed', 'before', 'after', 'error before', 'error after'];
  const body = rows.map((r) => [
    r.metric,
    r.scope,
    String(r.year),
    grouped.format(r.observed),
    grouped.format(r.before),
    grouped.format(r.after),
    signedPct(r.errorBefore),
    signedPct(r.errorAfter),
  ]);
  const width = displayWidth;
  const widths = head.map((h, j) => Math.max(width(h), ...body.map((b) => width(b[j]))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (j < 2 ? c + ' '.repeat(widths[j] - width(c)) : ' '.repeat(widths[j] - width(c)) + c))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)];
}
