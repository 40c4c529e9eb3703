import type { Observation } from '../actuals/types.js';
import type { MetricId } from '../domain/metrics.js';

/** The metrics the background drives, that an observed annual series may be fitted on (at scope district). */
export const FITTED_METRICS: readonly MetricId[] = [
  'value_added',
  'value_added_constant',
  'above_scale_value_added',
  'energy_tce',
  'dual_control_energy_tce',
  'co2_t',
  'output',
  'tax',
];

/** VA-family metrics (their residuals set the spread of the VA growth; the rest set the energy parameters'). */
export const VA_FAMILY: readonly MetricId[] = ['value_added', 'value_added_constant', 'above_scale_value_added', 'output', 'tax'];

/** One observed annual value the fit matches. */
export interface FitSeriesPoint {
  /** The run's metric (`above_scale_value_added` for VA at scope above_scale). */
  readonly metric: MetricId;
  /** As the actuals wrote it. */
  readonly observedMetric: string;
  readonly scope: string;
  readonly year: number;
  readonly observed: number;
  readonly source: string;
}

/** An observed annual value the fit leaves out, and why. */
export interface SkippedObservation {
  readonly metric: string;
  readonly scope: string;
  readonly year: number;
  readonly reason: 'scope' | 'metric' | 'zero';
}

/**
 * The observed annual series the background is fitted to: values of periods of kind `year` in
 * base + 1 … `lastYear` (the last year as_of completes, at most the period's end), of a metric
 * the background drives ({@link FITTED_METRICS}) at scope `district`, or VA at scope
 * `above_scale` (规上工业增加值: the run's `above_scale_value_added`). Other scopes (a town, a
 * park, 规上 energy) have no metric of the run and are listed as skipped; so is a value of 0
 * (a relative error needs a positive observation). Sub-annual values and tracked indicators are
 * not fitted. Sorted by metric, scope and year.
 */
export function fitSeries(
  values: readonly Observation[],
  base: number,
  lastYear: number,
): { points: FitSeriesPoint[]; skipped: SkippedObservation[] } {
  const points: FitSeriesPoint[] = [];
  const skipped: SkippedObservation[] = [];
  for (const o of values) {
    if (o.tracked || o.period.kind !== 'year' || o.period.year <= base || o.period.year > lastYear) continue;
    const at = { metric: o.metric, scope: o.scope, year: o.period.year };
    const metric = runMetric(o.metric, o.scope);
    if (!metric) {
      const fittable = (FITTED_METRICS as readonly string[]).includes(o.metric);
      skipped.push({ ...at, reason: fittable ? 'scope' : 'metric' });
    } else if (!(o.value > 0)) skipped.push({ ...at, reason: 'zero' });
    else points.push({ metric, observedMetric: o.metric, scope: o.scope, year: o.period.year, observed: o.value, source: o.source });
  }
  points.sort((a, b) => a.metric.localeCompare(b.metric) || a.scope.localeCompare(b.scope) || a.year - b.year);
  return { points, skipped };
}

/** The run's metric of an observed metric at a scope, or undefined when the run has none. */
export function runMetric(metric: string, scope: string): MetricId | undefined {
  if (!(FITTED_METRICS as readonly string[]).includes(metric)) return undefined;
  if (scope === 'district') return metric as MetricId;
  if (scope === 'above_scale' && (metric === 'value_added' || metric === 'above_scale_value_added')) return 'above_scale_value_added';
  return undefined;
}
