import type { Observation } from '../actuals/types.js';
import type { MetricId } from '../domain/metrics.js';
import { runMetric } from '../calibration/series.js';

/** The totals rebase reports for the new base year (README "Calibrate and start from 2025"). */
export const REBASE_TOTALS: readonly MetricId[] = [
  'energy_tce',
  'dual_control_energy_tce',
  'co2_t',
  'value_added',
  'above_scale_value_added',
  'land_mu',
  'enterprises',
];

/** One line of rebase's report: the draw's total in the year, and the observed value where the actuals have one. */
export interface RebaseTotal {
  readonly metric: MetricId;
  readonly value: number;
  readonly observed?: number;
  readonly source?: string;
}

/**
 * The year's totals of the rolled-forward draw (`row`: the draw's metrics, `row[m × years + y]`)
 * against the observed annual values of that year (scope district, or VA at scope above_scale).
 */
export function rebaseTotals(
  layout: { readonly ids: readonly string[]; readonly years: readonly number[] },
  row: Float64Array,
  year: number,
  values: readonly Observation[],
): RebaseTotal[] {
  const Y = layout.years.length;
  const y = year - layout.years[0];
  return REBASE_TOTALS.map((metric) => {
    const value = row[layout.ids.indexOf(metric) * Y + y];
    const o = values.find(
      (v) => !v.tracked && v.period.kind === 'year' && v.period.year === year && runMetric(v.metric, v.scope) === metric,
    );
    return { metric, value, ...(o ? { observed: o.value, source: o.source } : {}) };
  });
}
