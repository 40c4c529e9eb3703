import type { MetricLayout } from '../engine/metrics.js';
import { RIDGE_WEIGHT, type FitParameter } from './parameters.js';
import type { FitSeriesPoint } from './series.js';

/**
 * The mean over the draws of each point's metric in its year: `values` holds the draws' rows,
 * `values[d × drawSize + m × years + y]` (src/engine/metrics.ts).
 */
export function simulatedMeans(layout: MetricLayout, values: Float64Array, points: readonly FitSeriesPoint[]): number[] {
  const Y = layout.years.length;
  const size = layout.ids.length * Y;
  const draws = values.length / size;
  return points.map((p) => {
    const m = layout.ids.indexOf(p.metric);
    const y = p.year - layout.years[0];
    if (m < 0 || y < 0 || y >= Y) throw new Error(`no ${p.metric} in ${p.year} in the run's layout`);
    let sum = 0;
    for (let d = 0; d < draws; d++) sum += values[d * size + m * Y + y];
    return sum / draws;
  });
}

/** Relative errors (simulated − observed) ÷ observed, point by point. */
export function relativeErrors(points: readonly FitSeriesPoint[], simulated: readonly number[]): number[] {
  return points.map((p, i) => (simulated[i] - p.observed) / p.observed);
}

/**
 * The fit's objective: Σ ((sim_mean − obs) ÷ obs)² over the observed points, plus the pull
 * toward the priors, {@link RIDGE_WEIGHT} × Σ ((x − prior) ÷ scale)² (src/calibration/parameters.ts).
 */
export function objective(errors: readonly number[], params: readonly FitParameter[], x: readonly number[]): number {
  let sse = 0;
  for (const r of errors) sse += r * r;
  let pull = 0;
  params.forEach((p, i) => {
    const z = (x[i] - p.prior) / p.scale;
    pull += z * z;
  });
  return sse + RIDGE_WEIGHT * pull;
}

/** Root mean square of numbers (0 for none). */
export function rms(xs: readonly number[]): number {
  return xs.length ? Math.sqrt(xs.reduce((s, v) => s + v * v, 0) / xs.length) : 0;
}
