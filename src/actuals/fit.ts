import { quantileSorted } from 'simple-statistics';
import { FLOW_METRICS, METRIC_IDS, RATIO_METRICS, type MetricId } from '../domain/metrics.js';
import type { MetricLayout } from '../engine/metrics.js';
import { calibrationSeries } from './calibration.js';
import { lastCompleteYear } from './period.js';
import type { Actuals } from './types.js';

/** One row of the fit table: an observed annual value against the model before and after conditioning. */
export interface FitRow {
  readonly metric: string;
  readonly scope: string;
  readonly year: number;
  readonly observed: number;
  /** P50 over the draws of the model with the recorded actions replayed and nothing matched. */
  readonly uncalibrated_p50: number;
  /** P50 of the run itself (matched where `matched`). */
  readonly calibrated_p50: number;
  /** uncalibrated_p50 ÷ observed − 1: how far the background alone was off. */
  readonly error: number;
  /** calibrated_p50 ÷ observed − 1. */
  readonly calibrated_error: number;
  /** How the run used the value: `level` (matched by calibration), `flow` (the year's flow), `compared`. */
  readonly use: 'level' | 'flow' | 'compared';
  readonly source: string;
}

/** What summary.json says about the actuals a run used. */
export interface ActualsSummary {
  readonly as_of: string;
  /** The last year the actuals complete. */
  readonly complete_through: number;
  readonly files: readonly string[];
  readonly observations: number;
  readonly actions: number;
  /** Draws of the uncalibrated run the fit table's `uncalibrated_p50` comes from. */
  readonly fit_draws: number;
  readonly fit: readonly FitRow[];
}

/** The metric a district-level fit row reads: the metric itself, or 规上 VA for VA at scope above_scale. */
function fitMetric(metric: string, scope: string): MetricId | undefined {
  if (!(METRIC_IDS as readonly string[]).includes(metric)) return undefined;
  if (scope === 'district') return metric as MetricId;
  if (scope === 'above_scale' && (metric === 'value_added' || metric === 'above_scale_value_added')) return 'above_scale_value_added';
  // the plan's ratio indicators are 规上 by definition: scope above_scale is the metric itself
  if (scope === 'above_scale' && RATIO_METRICS.includes(metric as MetricId)) return metric as MetricId;
  return undefined;
}

/** P50 over the draws of one metric in one year (`values[d × drawSize + m × years + y]`). */
function p50(layout: MetricLayout, values: Float64Array, metric: string, year: number): number {
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const m = layout.ids.indexOf(metric);
  const y = year - layout.years[0];
  const draws = values.length / size;
  const xs = Float64Array.from({ length: draws }, (_, d) => values[d * size + m * Y + y]).sort();
  return quantileSorted(Array.from(xs), 0.5);
}

/**
 * The fit table: every observed annual value (district, or 规上 VA) of a simulated year against
 * the P50 of the model before conditioning (recorded actions replayed, nothing matched) and of
 * the run itself; values dcsim does not simulate at their scope (a town, a park) are left to
 * dcsim track.
 */
export function fitTable(
  actuals: Actuals,
  layout: MetricLayout,
  calibrated: Float64Array,
  uncalibrated: Float64Array,
  base: number,
): FitRow[] {
  const complete = lastCompleteYear(actuals.asOf);
  const matched = calibrationSeries(actuals.values, base, complete).map((s) => s.observation);
  const rows: FitRow[] = [];
  for (const o of actuals.values) {
    if (o.tracked || o.period.kind !== 'year' || o.period.year <= base || o.period.year > complete) continue;
    const metric = fitMetric(o.metric, o.scope);
    if (!metric) continue;
    const before = p50(layout, uncalibrated, metric, o.period.year);
    const after = p50(layout, calibrated, metric, o.period.year);
    const use = matched.includes(o) ? 'level' : FLOW_METRICS.includes(metric) && o.scope === 'district' ? 'flow' : 'compared';
    rows.push({
      metric: o.metric,
      scope: o.scope,
      year: o.period.year,
      observed: o.value,
      uncalibrated_p50: before,
      calibrated_p50: after,
      error: before / o.value - 1,
      calibrated_error: after / o.value - 1,
      use,
      source: o.source,
    });
  }
  return rows.sort((a, b) => a.metric.localeCompare(b.metric) || a.scope.localeCompare(b.scope) || a.year - b.year);
}
